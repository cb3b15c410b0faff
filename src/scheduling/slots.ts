// The free-slot engine: pure, every clock reading comes from `query.now`.
//
// The grid: slot starts step from the start of each working interval, in
// wall-clock minutes of the clinic's zone. A 09:05-12:00 window with a
// 30-minute procedure and 30-minute steps offers 09:05, 09:35, 10:05, 10:35 and
// 11:05 (11:35 would end after 12:00). The grid never shifts around bookings:
// if a 40-minute appointment sits at 09:05, the next offer is 10:05, not 09:45,
// so patients are always offered the same tidy times.
//
// A slot is offered when:
// - it lies wholly inside one working interval (its buffers may stick out:
//   preparing at 07:50 for an 08:00 slot is the clinic's business);
// - [start - bufferBefore, end + bufferAfter) overlaps no busy range widened by
//   its own buffers, nor any time off; buffers add up, so a 15-minute cleanup
//   after the previous patient plus 5 minutes of preparation leaves 20 minutes;
// - it starts at or after now + minimum notice, and before the end of the local
//   day `today + horizonDays`;
// - its local date is not a closed day (a holiday or a closure), unless a date
//   override gives that date hours: a professional who set 08:00-12:00 for
//   Carnaval Tuesday works that morning even if the clinic closes for Carnaval.
// Across DST: a wall time skipped by spring-forward gets no slot, and a
// repeated fall-back wall time gets one slot, at its first occurrence.

import { AppError } from "../errors.js";
import { buildBusyIndex, overlapsBusy, type BusyIndex, type MsRange } from "./busy-index.js";
import { DAY_MS, MINUTE_MS, formatLocalDate, parseLocalDate, parseWallTime, weekdayOf } from "./local-date.js";
import type { LocalDate } from "./local-date.js";
import type { Slot, SlotQuery, WallInterval } from "./types.js";
import { makeZone, type Zone } from "./zoned-time.js";

/** A working interval in minutes since local midnight, end exclusive. */
interface MinuteInterval {
  start: number;
  end: number;
}

interface Plan {
  zone: Zone;
  firstDay: number;
  lastDay: number;
  earliestStart: number;
  horizonEnd: number;
  durationMs: number;
  stepMinutes: number;
  padBeforeMs: number;
  padAfterMs: number;
  weekly: MinuteInterval[][];
  overrides: Map<number, MinuteInterval[]>;
  closed: Set<number>;
  busy: BusyIndex;
}

/** Free slots, sorted by start, as UTC instants. */
export function freeSlots(query: SlotQuery): Slot[] {
  const plan = planQuery(query);
  const limit = query.limit ?? Infinity;
  const slots: Slot[] = [];
  for (let day = plan.firstDay; day <= plan.lastDay && slots.length < limit; day++) {
    for (const start of freeStartsOfDay(plan, day)) {
      if (slots.length >= limit) break;
      slots.push({ startsAt: new Date(start), endsAt: new Date(start + plan.durationMs) });
    }
  }
  return slots;
}

/** The next local dates with at least one free slot, for a "choose the day" menu. */
export function daysWithRoom(query: SlotQuery, maxDays: number): LocalDate[] {
  const plan = planQuery(query);
  const days: LocalDate[] = [];
  for (let day = plan.firstDay; day <= plan.lastDay && days.length < maxDays; day++) {
    if (freeStartsOfDay(plan, day).length > 0) days.push(formatLocalDate(day));
  }
  return days;
}

function planQuery(query: SlotQuery): Plan {
  assertPositive("durationMinutes", query.durationMinutes);
  assertPositive("slotIntervalMinutes", query.slotIntervalMinutes ?? query.durationMinutes);
  const zone = makeZone(query.timeZone);
  const today = zone.localPartsOf(query.now.getTime()).dayNumber;
  const lastByHorizon = today + Math.max(0, Math.floor(query.horizonDays));
  const earliestStart = query.now.getTime() + (query.minimumNoticeMinutes ?? 0) * MINUTE_MS;
  const horizonEnd = zone.instantOfWall((lastByHorizon + 1) * DAY_MS).ms;
  const padBeforeMs = (query.bufferBeforeMinutes ?? 0) * MINUTE_MS;
  const padAfterMs = (query.bufferAfterMinutes ?? 0) * MINUTE_MS;
  const durationMs = query.durationMinutes * MINUTE_MS;
  return {
    zone,
    firstDay: Math.max(today, query.from === undefined ? today : dayOf("from", query.from)),
    lastDay: Math.min(lastByHorizon, query.to === undefined ? lastByHorizon : dayOf("to", query.to)),
    earliestStart,
    horizonEnd,
    durationMs,
    stepMinutes: query.slotIntervalMinutes ?? query.durationMinutes,
    padBeforeMs,
    padAfterMs,
    weekly: weeklyIntervals(query),
    overrides: overrideIntervals(query),
    closed: new Set([...(query.closedDays?.keys() ?? [])].map((date) => dayOf("closedDays", date))),
    busy: buildBusyIndex(busyRanges(query, earliestStart - padBeforeMs), earliestStart - padBeforeMs, horizonEnd + durationMs + padAfterMs),
  };
}

function freeStartsOfDay(plan: Plan, day: number): number[] {
  const override = plan.overrides.get(day);
  if (override === undefined && plan.closed.has(day)) return [];
  const intervals = override ?? plan.weekly[weekdayOf(day)] ?? [];
  const offset = plan.zone.uniformOffsetOfDay(day);
  const starts: number[] = [];
  for (const interval of intervals) {
    for (const start of candidateStarts(plan, day, interval, offset)) {
      if (start < plan.earliestStart || start >= plan.horizonEnd) continue;
      const paddedEnd = start + plan.durationMs + plan.padAfterMs;
      if (!overlapsBusy(plan.busy, start - plan.padBeforeMs, paddedEnd)) starts.push(start);
    }
  }
  // Overlapping intervals in the settings could interleave or repeat starts.
  if (intervals.length > 1) starts.sort((a, b) => a - b);
  return starts.filter((start, i) => i === 0 || start !== starts[i - 1]);
}

/** Grid starts of one interval whose slot fits inside it, before any busy check. */
function candidateStarts(plan: Plan, day: number, interval: MinuteInterval, offset: number | null): number[] {
  const wallOf = (minute: number): number => day * DAY_MS + minute * MINUTE_MS;
  const starts: number[] = [];
  if (offset !== null) {
    // The usual day: one offset throughout, so wall time maps to instants by subtraction.
    const end = wallOf(interval.end) - offset;
    for (let minute = interval.start; wallOf(minute) - offset + plan.durationMs <= end; minute += plan.stepMinutes) {
      starts.push(wallOf(minute) - offset);
    }
    return starts;
  }
  // A DST day: resolve each wall time, skipping the ones the clock jumps over.
  const end = plan.zone.instantOfWall(wallOf(interval.end)).ms;
  for (let minute = interval.start; minute < interval.end; minute += plan.stepMinutes) {
    const start = plan.zone.instantOfWall(wallOf(minute));
    if (start.exists && start.ms + plan.durationMs <= end) starts.push(start.ms);
  }
  return starts;
}

function weeklyIntervals(query: SlotQuery): MinuteInterval[][] {
  const weekly: MinuteInterval[][] = [[], [], [], [], [], [], []];
  for (const hours of query.workingHours) weekly[hours.weekday]?.push(toMinutes(hours));
  return weekly.map(sortByStart);
}

function overrideIntervals(query: SlotQuery): Map<number, MinuteInterval[]> {
  const overrides = new Map<number, MinuteInterval[]>();
  for (const override of query.dateOverrides ?? []) {
    overrides.set(dayOf("dateOverrides.date", override.date), sortByStart(override.intervals.map(toMinutes)));
  }
  return overrides;
}

/** Busy ranges widened by their own buffers, skipping past ones before building objects for them. */
function busyRanges(query: SlotQuery, windowStart: number): MsRange[] {
  const ranges: MsRange[] = [];
  for (const busy of query.busy ?? []) {
    const end = busy.endsAt.getTime() + (busy.bufferAfterMinutes ?? 0) * MINUTE_MS;
    if (end <= windowStart) continue;
    ranges.push({ start: busy.startsAt.getTime() - (busy.bufferBeforeMinutes ?? 0) * MINUTE_MS, end });
  }
  for (const away of query.timeOff ?? []) ranges.push({ start: away.startsAt.getTime(), end: away.endsAt.getTime() });
  return ranges;
}

function toMinutes(interval: WallInterval): MinuteInterval {
  const start = parseWallTime(interval.start);
  const end = parseWallTime(interval.end);
  if (start === null || end === null || start >= end) {
    throw new AppError("validation_failed", `invalid working interval ${interval.start}-${interval.end}`);
  }
  return { start, end };
}

function sortByStart(intervals: MinuteInterval[]): MinuteInterval[] {
  return [...intervals].sort((a, b) => a.start - b.start);
}

function dayOf(field: string, date: LocalDate): number {
  const day = parseLocalDate(date);
  if (day === null) throw new AppError("validation_failed", `${field} is not a valid date: ${date}`);
  return day;
}

function assertPositive(field: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new AppError("validation_failed", `${field} must be a positive number, got ${value}`);
  }
}
