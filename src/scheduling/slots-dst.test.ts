import { describe, expect, it } from "vitest";
import { formatSlotForPatient } from "./format-slot.js";
import { freeSlots } from "./slots.js";
import type { SlotQuery, WorkingHours } from "./types.js";

const SUNDAY_NIGHT: WorkingHours[] = [{ weekday: 0, start: "00:00", end: "05:00" }];

function sundayQuery(timeZone: string, date: string, overrides: Partial<SlotQuery> = {}): SlotQuery {
  return {
    timeZone,
    now: new Date(`${date}T00:00:00Z`),
    workingHours: SUNDAY_NIGHT,
    durationMinutes: 30,
    horizonDays: 10,
    from: date,
    to: date,
    ...overrides,
  };
}

const starts = (q: SlotQuery): string[] => freeSlots(q).map((slot) => slot.startsAt.toISOString().slice(11, 16));

describe("freeSlots across daylight saving changes", () => {
  const cases: { name: string; query: SlotQuery; expectedUtc: string[] }[] = [
    {
      name: "skips the wall times New York jumps over on spring-forward day",
      // 2026-03-08: 02:00 EST becomes 03:00 EDT; 02:00 and 02:30 never happen.
      query: sundayQuery("America/New_York", "2026-03-08", { now: new Date("2026-03-01T00:00:00Z") }),
      expectedUtc: ["05:00", "05:30", "06:00", "06:30", "07:00", "07:30", "08:00", "08:30"],
    },
    {
      name: "ends a working interval whose end falls in the skipped hour at the moment of the jump",
      // "Until 02:30" on a day that has no 02:30 ends when the clock jumps, 07:00 UTC.
      query: sundayQuery("America/New_York", "2026-03-08", {
        now: new Date("2026-03-01T00:00:00Z"),
        workingHours: [{ weekday: 0, start: "00:00", end: "02:30" }],
        durationMinutes: 60,
        slotIntervalMinutes: 30,
      }),
      expectedUtc: ["05:00", "05:30", "06:00"],
    },
    {
      name: "starts a working interval whose start falls in the skipped hour at the first real grid time",
      query: sundayQuery("America/New_York", "2026-03-08", {
        now: new Date("2026-03-01T00:00:00Z"),
        workingHours: [{ weekday: 0, start: "02:00", end: "04:00" }],
      }),
      expectedUtc: ["07:00", "07:30"],
    },
    {
      name: "skips grid times inside the skipped hour rather than moving them to the jump",
      // 25-minute steps from 01:00: 01:00, 01:25, 01:50, (02:15), (02:40), 03:05, 03:30.
      query: sundayQuery("America/New_York", "2026-03-08", {
        now: new Date("2026-03-01T00:00:00Z"),
        workingHours: [{ weekday: 0, start: "01:00", end: "04:00" }],
        durationMinutes: 25,
      }),
      expectedUtc: ["06:00", "06:25", "06:50", "07:05", "07:30"],
    },
    {
      name: "offers New York's repeated hour once, at its first occurrence, on fall-back day",
      // 2026-11-01: 02:00 EDT becomes 01:00 EST; 01:00-02:00 happens twice.
      query: sundayQuery("America/New_York", "2026-11-01", {
        now: new Date("2026-10-25T00:00:00Z"),
        workingHours: [{ weekday: 0, start: "00:00", end: "03:00" }],
      }),
      expectedUtc: ["04:00", "04:30", "05:00", "05:30", "07:00", "07:30"],
    },
    {
      name: "skips Lisbon's missing 01:00 on spring-forward day",
      query: sundayQuery("Europe/Lisbon", "2026-03-29", {
        now: new Date("2026-03-20T00:00:00Z"),
        workingHours: [{ weekday: 0, start: "00:00", end: "03:00" }],
        durationMinutes: 60,
      }),
      expectedUtc: ["00:00", "01:00"],
    },
    {
      name: "offers Lisbon's repeated 01:00 once on fall-back day",
      query: sundayQuery("Europe/Lisbon", "2026-10-25", {
        now: new Date("2026-10-20T00:00:00Z"),
        workingHours: [{ weekday: 0, start: "00:00", end: "03:00" }],
        durationMinutes: 60,
      }),
      // 00:00 WEST is 23:00 UTC the day before.
      expectedUtc: ["23:00", "00:00", "02:00"],
    },
    {
      name: "keeps São Paulo at UTC-3 in November now that Brazil has no DST",
      query: sundayQuery("America/Sao_Paulo", "2026-11-01", { now: new Date("2026-10-25T00:00:00Z") }),
      expectedUtc: ["03:00", "03:30", "04:00", "04:30", "05:00", "05:30", "06:00", "06:30", "07:00", "07:30"],
    },
    {
      name: "skips a midnight that did not exist, as in São Paulo on 2018-11-04",
      query: sundayQuery("America/Sao_Paulo", "2018-11-04", {
        now: new Date("2018-11-01T00:00:00Z"),
        workingHours: [{ weekday: 0, start: "00:00", end: "02:00" }],
      }),
      // 00:00 and 00:30 were skipped; 01:00 -02 is 03:00 UTC.
      expectedUtc: ["03:00", "03:30"],
    },
  ];

  it.each(cases)("$name", ({ query, expectedUtc }) => {
    expect(starts(query)).toEqual(expectedUtc);
  });

  it.each([
    { zone: "America/New_York", date: "2026-03-08" },
    { zone: "America/New_York", date: "2026-11-01" },
    { zone: "Europe/Lisbon", date: "2026-03-29" },
    { zone: "Europe/Lisbon", date: "2026-10-25" },
  ])("never shows the same wall time twice in $zone on $date", ({ zone, date }) => {
    const q = sundayQuery(zone, date, {
      now: new Date(`${date.slice(0, 8)}01T00:00:00Z`),
      workingHours: [{ weekday: 0, start: "00:00", end: "24:00" }],
      durationMinutes: 15,
      horizonDays: 40,
    });
    const labels = freeSlots(q).map((slot) => formatSlotForPatient(slot, zone));
    expect(labels.length).toBeGreaterThan(80);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("uses the summer offset on an ordinary working day after the change", () => {
    const q = sundayQuery("America/New_York", "2026-03-09", {
      now: new Date("2026-03-01T00:00:00Z"),
      workingHours: [{ weekday: 1, start: "09:00", end: "10:00" }],
      durationMinutes: 60,
    });
    expect(freeSlots(q).map((slot) => slot.startsAt.toISOString())).toEqual(["2026-03-09T13:00:00.000Z"]);
  });
});
