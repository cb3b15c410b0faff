// When the reception answers: the clinic's opening hours are the union of its
// active professionals' working hours (08:00-12:00 and 13:00-18:00 on
// weekdays in the demo), so "open" needs no setting of its own. Pure: the
// caller reads the hours and passes `now`.
import { DAY_MS, MINUTE_MS, parseWallTime, weekdayOf, type Weekday } from "./local-date.js";
import { makeZone } from "./zoned-time.js";

export interface OpeningInterval {
  weekday: number;
  start: string;
  end: string;
}

/** open: someone is there now; opens: first moment the reception is there again (ISO); unknown: no hours configured. */
export type ReceptionAvailability = { kind: "open" } | { kind: "opens"; at: string } | { kind: "unknown" };

export function receptionAvailability(now: Date, timeZone: string, hours: readonly OpeningInterval[]): ReceptionAvailability {
  const zone = makeZone(timeZone);
  const { dayNumber, minuteOfDay } = zone.localPartsOf(now.getTime());
  const intervals = hours
    .map((h) => ({ weekday: h.weekday, start: parseWallTime(h.start), end: parseWallTime(h.end) }))
    .filter((h): h is { weekday: number; start: number; end: number } => h.start !== null && h.end !== null && h.start < h.end);
  if (intervals.length === 0) return { kind: "unknown" };
  const today = intervals.filter((h) => h.weekday === weekdayOf(dayNumber));
  if (today.some((h) => h.start <= minuteOfDay && minuteOfDay < h.end)) return { kind: "open" };
  // A week ahead always finds the next opening when any weekday has hours.
  for (let offset = 0; offset <= 7; offset++) {
    const day = dayNumber + offset;
    const starts = intervals
      .filter((h) => h.weekday === weekdayOf(day) && (offset > 0 || h.start > minuteOfDay))
      .map((h) => h.start)
      .sort((a, b) => a - b);
    if (starts.length > 0) return { kind: "opens", at: new Date(zone.instantOfWall(day * DAY_MS + starts[0]! * MINUTE_MS).ms).toISOString() };
  }
  return { kind: "unknown" };
}

const WEEKDAY_NAMES: Record<Weekday, string> = {
  0: "domingo", 1: "segunda", 2: "terça", 3: "quarta", 4: "quinta", 5: "sexta", 6: "sábado",
};

/** "hoje às 13h", "amanhã às 8h", "segunda às 8h30" for an opening after `now`, in the clinic's zone. */
export function describeOpening(opensAt: Date, now: Date, timeZone: string): string {
  const zone = makeZone(timeZone);
  const today = zone.localPartsOf(now.getTime()).dayNumber;
  const opening = zone.localPartsOf(opensAt.getTime());
  const days = opening.dayNumber - today;
  const day = days === 0 ? "hoje" : days === 1 ? "amanhã" : WEEKDAY_NAMES[weekdayOf(opening.dayNumber)];
  const hours = Math.floor(opening.minuteOfDay / 60);
  const minutes = opening.minuteOfDay % 60;
  return `${day} às ${hours}h${minutes === 0 ? "" : String(minutes).padStart(2, "0")}`;
}
