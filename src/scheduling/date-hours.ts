// Whether an appointment lies inside a date's own hours (ScheduleOverride),
// in the clinic's zone: with hours 08:00-12:00, 09:00-09:30 does and
// 11:45-12:15 does not; with no hours (the date closed) nothing does.
import { localDateAndPeriod } from "./format-slot.js";
import { parseWallTime } from "./local-date.js";
import { makeZone, type Zone } from "./zoned-time.js";

export function insideHours(startsAt: Date, endsAt: Date, date: string, intervals: { start: string; end: string }[], timeZone: string | Zone): boolean {
  const zone = typeof timeZone === "string" ? makeZone(timeZone) : timeZone;
  const minuteOf = (d: Date) => zone.localPartsOf(d.getTime()).minuteOfDay;
  const start = minuteOf(startsAt);
  const end = localDateAndPeriod(endsAt, zone).date === date ? minuteOf(endsAt) : 24 * 60;
  return intervals.some((i) => start >= (parseWallTime(i.start) ?? 0) && end <= (parseWallTime(i.end) ?? 0));
}
