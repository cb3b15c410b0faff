import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { freeSlots } from "./slots.js";
import type { BusyRange, SlotQuery, WallInterval, WorkingHours } from "./types.js";

const MINUTE = 60_000;
const DAY = 86_400_000;
const ZONES = ["America/Sao_Paulo", "America/New_York", "Europe/Lisbon", "Asia/Kolkata"];
// Around New York's and Lisbon's 2026 changes, so many runs cross one.
const NOW_ANCHORS = [Date.UTC(2026, 2, 5), Date.UTC(2026, 2, 27), Date.UTC(2026, 9, 22), Date.UTC(2026, 9, 29)];

const FORMATTERS = new Map(
  ZONES.map((timeZone) => [
    timeZone,
    new Intl.DateTimeFormat("sv-SE", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    }),
  ]),
);

/** Local date and minute of day read straight from Intl, independent of the engine's helpers. */
function wallOf(ms: number, timeZone: string): { date: string; minute: number; weekday: number } {
  const text = FORMATTERS.get(timeZone)!.format(ms);
  const [date = "", time = ""] = text.split(" ");
  const [hours = 0, minutes = 0] = time.split(":").map(Number);
  return { date, minute: hours * 60 + minutes, weekday: new Date(`${date}T00:00:00Z`).getUTCDay() };
}

const toHHMM = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

const interval = fc
  .tuple(fc.integer({ min: 0, max: 287 }), fc.integer({ min: 1, max: 120 }))
  .map(([start, length]): WallInterval => ({ start: toHHMM(start * 5), end: toHHMM(Math.min(288, start + length) * 5) }))
  .filter((i) => i.start < i.end);

const randomHours = fc.array(
  fc.record({ weekday: fc.constantFrom(0, 1, 2, 3, 4, 5, 6), interval }).map(
    ({ weekday, interval: i }): WorkingHours => ({ weekday: weekday as WorkingHours["weekday"], ...i }),
  ),
  { maxLength: 10 },
);
// Often add Sunday small hours, when New York and Lisbon change their clocks.
const workingHours = fc.oneof(
  randomHours,
  randomHours.map((hours): WorkingHours[] => [...hours, { weekday: 0, start: "00:00", end: "06:00" }]),
);

const queryArbitrary = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    anchor: fc.constantFrom(...NOW_ANCHORS),
    nowOffset: fc.integer({ min: 0, max: 3 * DAY }),
    workingHours,
    busy: fc.array(
      fc.record({
        startOffset: fc.integer({ min: -2 * DAY, max: 12 * DAY }),
        length: fc.integer({ min: 1, max: 600 }),
        before: fc.integer({ min: 0, max: 30 }),
        after: fc.integer({ min: 0, max: 30 }),
      }),
      { maxLength: 40 },
    ),
    durationMinutes: fc.integer({ min: 5, max: 120 }),
    slotIntervalMinutes: fc.option(fc.integer({ min: 5, max: 60 }), { nil: undefined }),
    bufferBeforeMinutes: fc.integer({ min: 0, max: 30 }),
    bufferAfterMinutes: fc.integer({ min: 0, max: 30 }),
    minimumNoticeMinutes: fc.integer({ min: 0, max: 3000 }),
    horizonDays: fc.integer({ min: 0, max: 10 }),
  })
  .map((r): SlotQuery => {
    const now = r.anchor + r.nowOffset;
    const busy: BusyRange[] = r.busy.map((b) => ({
      startsAt: new Date(now + b.startOffset),
      endsAt: new Date(now + b.startOffset + b.length * MINUTE),
      bufferBeforeMinutes: b.before,
      bufferAfterMinutes: b.after,
    }));
    return { ...r, now: new Date(now), busy };
  });

function fitsWorkingHours(query: SlotQuery, startsAt: Date, endsAt: Date): boolean {
  const start = wallOf(startsAt.getTime(), query.timeZone);
  // The slot's last minute, so an interval ending at 24:00 or in a skipped hour still compares on its own day.
  const lastMinute = wallOf(endsAt.getTime() - MINUTE, query.timeZone);
  if (lastMinute.date !== start.date) return false;
  const step = query.slotIntervalMinutes ?? query.durationMinutes;
  return query.workingHours
    .filter((h) => h.weekday === start.weekday)
    .some((h) => {
      const [from, to] = [h.start, h.end].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
      return from! <= start.minute && lastMinute.minute < to! && (start.minute - from!) % step === 0;
    });
}

describe("freeSlots properties", () => {
  it("never returns a slot that overlaps a busy range with buffers, leaves working hours, or breaks notice and order", () => {
    fc.assert(
      fc.property(queryArbitrary, (query) => {
        const slots = freeSlots(query);
        const earliest = query.now.getTime() + (query.minimumNoticeMinutes ?? 0) * MINUTE;
        const today = wallOf(query.now.getTime(), query.timeZone).date;
        const lastDay = new Date(Date.parse(`${today}T00:00:00Z`) + query.horizonDays * DAY).toISOString().slice(0, 10);
        slots.forEach((slot, i) => {
          const start = slot.startsAt.getTime();
          const end = slot.endsAt.getTime();
          expect(end - start).toBe(query.durationMinutes * MINUTE);
          expect(start).toBeGreaterThanOrEqual(earliest);
          expect(wallOf(start, query.timeZone).date <= lastDay).toBe(true);
          expect(fitsWorkingHours(query, slot.startsAt, slot.endsAt)).toBe(true);
          if (i > 0) expect(start).toBeGreaterThan(slots[i - 1]!.startsAt.getTime());
          const paddedStart = start - (query.bufferBeforeMinutes ?? 0) * MINUTE;
          const paddedEnd = end + (query.bufferAfterMinutes ?? 0) * MINUTE;
          for (const busy of query.busy ?? []) {
            const busyStart = busy.startsAt.getTime() - (busy.bufferBeforeMinutes ?? 0) * MINUTE;
            const busyEnd = busy.endsAt.getTime() + (busy.bufferAfterMinutes ?? 0) * MINUTE;
            expect(paddedStart < busyEnd && busyStart < paddedEnd).toBe(false);
          }
        });
      }),
      { numRuns: 400, seed: 20261123 },
    );
  });

  it("never shows two slots at the same local wall time", () => {
    fc.assert(
      fc.property(queryArbitrary, (query) => {
        const labels = freeSlots(query).map((slot) => {
          const wall = wallOf(slot.startsAt.getTime(), query.timeZone);
          return `${wall.date} ${wall.minute}`;
        });
        expect(new Set(labels).size).toBe(labels.length);
      }),
      { numRuns: 200, seed: 20261124 },
    );
  });
});
