import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { daysWithRoom, freeSlots } from "./slots.js";
import type { SlotQuery, WorkingHours } from "./types.js";

// Monday 2026-11-23, 09:00 in São Paulo.
const NOW = new Date("2026-11-23T12:00:00Z");

const WEEKDAYS_SPLIT: WorkingHours[] = ([1, 2, 3, 4, 5] as const).flatMap((weekday) => [
  { weekday, start: "08:00", end: "12:00" },
  { weekday, start: "13:00", end: "18:00" },
]);

function query(overrides: Partial<SlotQuery>): SlotQuery {
  return {
    timeZone: "America/Sao_Paulo",
    now: NOW,
    workingHours: WEEKDAYS_SPLIT,
    durationMinutes: 60,
    horizonDays: 30,
    ...overrides,
  };
}

const starts = (q: SlotQuery): string[] => freeSlots(q).map((slot) => slot.startsAt.toISOString());
const at = (utcTimes: string[], date = "2026-11-24"): string[] => utcTimes.map((t) => `${date}T${t}:00.000Z`);

describe("freeSlots", () => {
  const cases: { name: string; query: SlotQuery; expected: string[] }[] = [
    {
      name: "offers every hour of both working intervals on an empty Tuesday",
      query: query({ from: "2026-11-24", to: "2026-11-24" }),
      // 08:00-11:00 and 13:00-17:00 in São Paulo are 11:00-14:00 and 16:00-20:00 UTC.
      expected: at(["11:00", "12:00", "13:00", "14:00", "16:00", "17:00", "18:00", "19:00", "20:00"]),
    },
    {
      name: "steps from the start of an interval that begins off the hour",
      query: query({
        workingHours: [{ weekday: 2, start: "09:05", end: "12:00" }],
        durationMinutes: 30,
        from: "2026-11-24",
        to: "2026-11-24",
      }),
      expected: at(["12:05", "12:35", "13:05", "13:35", "14:05"]),
    },
    {
      name: "offers no slot that starts before the minimum notice",
      query: query({ minimumNoticeMinutes: 120, to: "2026-11-23" }),
      expected: at(["14:00", "16:00", "17:00", "18:00", "19:00", "20:00"], "2026-11-23"),
    },
    {
      name: "keeps the procedure's buffers and the appointment's own buffer clear",
      query: query({
        workingHours: [{ weekday: 2, start: "08:00", end: "12:00" }],
        durationMinutes: 30,
        slotIntervalMinutes: 15,
        bufferBeforeMinutes: 5,
        busy: [{ startsAt: new Date("2026-11-24T13:00:00Z"), endsAt: new Date("2026-11-24T13:30:00Z"), bufferAfterMinutes: 15 }],
        from: "2026-11-24",
        to: "2026-11-24",
      }),
      // Busy 10:00-10:45 local with cleanup; a slot needs 5 minutes of preparation before it.
      expected: at(["11:00", "11:15", "11:30", "11:45", "12:00", "12:15", "12:30", "14:00", "14:15", "14:30"]),
    },
    {
      name: "treats a slot that ends exactly when an appointment starts as free",
      query: query({
        workingHours: [{ weekday: 2, start: "08:00", end: "10:00" }],
        busy: [{ startsAt: new Date("2026-11-24T12:00:00Z"), endsAt: new Date("2026-11-24T13:00:00Z") }],
        from: "2026-11-24",
        to: "2026-11-24",
      }),
      expected: at(["11:00"]),
    },
    {
      name: "finds a vacation that began weeks before the day",
      query: query({
        timeOff: [{ startsAt: new Date("2026-11-01T00:00:00Z"), endsAt: new Date("2026-11-24T16:00:00Z") }],
        from: "2026-11-24",
        to: "2026-11-24",
      }),
      expected: at(["16:00", "17:00", "18:00", "19:00", "20:00"]),
    },
    {
      name: "closes a date that has an override without intervals",
      query: query({ dateOverrides: [{ date: "2026-11-24", intervals: [] }], from: "2026-11-24", to: "2026-11-24" }),
      expected: [],
    },
    {
      name: "uses an override's intervals instead of the weekly hours, even on a Sunday",
      query: query({
        dateOverrides: [{ date: "2026-11-29", intervals: [{ start: "10:00", end: "12:00" }] }],
        from: "2026-11-29",
        to: "2026-11-29",
      }),
      expected: at(["13:00", "14:00"], "2026-11-29"),
    },
    {
      name: "offers nothing after the last day of the horizon",
      query: query({ horizonDays: 1, from: "2026-11-25" }),
      expected: [],
    },
    {
      name: "stops at the limit",
      query: query({ limit: 3 }),
      // The 09:00 slot starts exactly now, which is allowed with no notice.
      expected: at(["12:00", "13:00", "14:00"], "2026-11-23"),
    },
    {
      name: "merges overlapping intervals of a day into one sorted list without repeats",
      query: query({
        workingHours: [
          { weekday: 2, start: "09:00", end: "11:00" },
          { weekday: 2, start: "08:00", end: "10:00" },
        ],
        from: "2026-11-24",
        to: "2026-11-24",
      }),
      expected: at(["11:00", "12:00", "13:00"]),
    },
    {
      name: "allows a slot to end at midnight when the interval ends at 24:00",
      query: query({
        workingHours: [{ weekday: 2, start: "22:00", end: "24:00" }],
        from: "2026-11-24",
        to: "2026-11-24",
      }),
      expected: ["2026-11-25T01:00:00.000Z", "2026-11-25T02:00:00.000Z"],
    },
  ];

  it.each(cases)("$name", ({ query: q, expected }) => {
    expect(starts(q)).toEqual(expected);
  });

  it("gives every slot the procedure's duration", () => {
    for (const slot of freeSlots(query({ durationMinutes: 45, slotIntervalMinutes: 15, limit: 50 }))) {
      expect(slot.endsAt.getTime() - slot.startsAt.getTime()).toBe(45 * 60_000);
    }
  });

  it("reads today and the horizon in the clinic's zone, not in UTC", () => {
    // 23:30 on Monday in São Paulo is already Tuesday in UTC.
    const lateMonday = query({ now: new Date("2026-11-24T02:30:00Z"), horizonDays: 1 });
    const days = new Set(freeSlots(lateMonday).map((slot) => slot.startsAt.toISOString().slice(0, 10)));
    expect([...days]).toEqual(["2026-11-24"]);
  });

  it.each([
    { name: "a zero duration", bad: { durationMinutes: 0 } },
    { name: "a zero slot interval", bad: { slotIntervalMinutes: 0 } },
    { name: "a working interval ending at 25:00", bad: { workingHours: [{ weekday: 1 as const, start: "08:00", end: "25:00" }] } },
    { name: "a working interval that ends before it starts", bad: { workingHours: [{ weekday: 1 as const, start: "12:00", end: "08:00" }] } },
    { name: "an override on 2026-02-30", bad: { dateOverrides: [{ date: "2026-02-30", intervals: [] }] } },
  ])("rejects $name as a validation error", ({ bad }) => {
    expect(() => freeSlots(query(bad))).toThrow(AppError);
  });
});

describe("daysWithRoom", () => {
  it("lists the next dates with a free slot, skipping closed and full days", () => {
    const fullWednesday = { startsAt: new Date("2026-11-25T11:00:00Z"), endsAt: new Date("2026-11-25T21:00:00Z") };
    const q = query({ busy: [fullWednesday], dateOverrides: [{ date: "2026-11-26", intervals: [] }] });
    expect(daysWithRoom(q, 4)).toEqual(["2026-11-23", "2026-11-24", "2026-11-27", "2026-11-30"]);
  });

  it("returns fewer dates when the horizon ends first", () => {
    expect(daysWithRoom(query({ horizonDays: 2 }), 10)).toEqual(["2026-11-23", "2026-11-24", "2026-11-25"]);
  });
});
