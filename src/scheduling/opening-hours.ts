// The clinic's opening hours as a patient reads them: per weekday, the union
// of its active professionals' working hours. Dr. A 08:00-12:00 and Dr. B
// 10:00-14:00 on Monday make one Monday 08:00-14:00; a gap stays a gap.
import { formatWallTime, parseWallTime } from "./local-date.js";
import type { OpeningInterval } from "./reception-hours.js";

export interface OpeningDay {
  /** 0 = Sunday. */
  weekday: number;
  intervals: { start: string; end: string }[];
}

/** Weekdays with hours, Monday first and Sunday last, each with its merged intervals. */
export function weeklyOpening(hours: readonly OpeningInterval[]): OpeningDay[] {
  const days: OpeningDay[] = [];
  for (const weekday of [1, 2, 3, 4, 5, 6, 0]) {
    const spans = hours
      .filter((h) => h.weekday === weekday)
      .map((h) => ({ start: parseWallTime(h.start), end: parseWallTime(h.end) }))
      .filter((h): h is { start: number; end: number } => h.start !== null && h.end !== null && h.start < h.end)
      .sort((a, b) => a.start - b.start);
    const merged: { start: number; end: number }[] = [];
    for (const span of spans) {
      const last = merged.at(-1);
      if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
      else merged.push({ ...span });
    }
    if (merged.length > 0) days.push({ weekday, intervals: merged.map((m) => ({ start: formatWallTime(m.start), end: formatWallTime(m.end) })) });
  }
  return days;
}
