import { describe, expect, it } from "vitest";
import { DAY_MS, MINUTE_MS, dayNumberOf, formatLocalDate, parseLocalDate, parseWallTime, weekdayOf } from "./local-date.js";
import { makeZone } from "./zoned-time.js";

const wall = (date: string, time: string): number => parseLocalDate(date)! * DAY_MS + parseWallTime(time)! * MINUTE_MS;

describe("makeZone().instantOfWall", () => {
  it.each([
    { name: "maps a São Paulo wall time at UTC-3", zone: "America/Sao_Paulo", date: "2026-11-24", time: "09:00", iso: "2026-11-24T12:00:00.000Z", exists: true },
    { name: "maps New York winter time at UTC-5", zone: "America/New_York", date: "2026-01-15", time: "09:00", iso: "2026-01-15T14:00:00.000Z", exists: true },
    { name: "maps New York summer time at UTC-4", zone: "America/New_York", date: "2026-07-15", time: "09:00", iso: "2026-07-15T13:00:00.000Z", exists: true },
    { name: "maps a skipped New York wall time to the moment of the jump", zone: "America/New_York", date: "2026-03-08", time: "02:30", iso: "2026-03-08T07:00:00.000Z", exists: false },
    { name: "maps a repeated New York wall time to its first occurrence", zone: "America/New_York", date: "2026-11-01", time: "01:30", iso: "2026-11-01T05:30:00.000Z", exists: true },
    { name: "maps a skipped Lisbon wall time to the moment of the jump", zone: "Europe/Lisbon", date: "2026-03-29", time: "01:15", iso: "2026-03-29T01:00:00.000Z", exists: false },
    { name: "maps a skipped São Paulo midnight of 2018 to 01:00", zone: "America/Sao_Paulo", date: "2018-11-04", time: "00:00", iso: "2018-11-04T03:00:00.000Z", exists: false },
    { name: "maps a half-hour zone", zone: "Asia/Kolkata", date: "2026-11-24", time: "09:00", iso: "2026-11-24T03:30:00.000Z", exists: true },
  ])("$name", ({ zone, date, time, iso, exists }) => {
    const instant = makeZone(zone).instantOfWall(wall(date, time));
    expect({ iso: new Date(instant.ms).toISOString(), exists: instant.exists }).toEqual({ iso, exists });
  });

  it("reports a day with a change as not uniform and an ordinary day as uniform", () => {
    const newYork = makeZone("America/New_York");
    expect(newYork.uniformOffsetOfDay(parseLocalDate("2026-03-08")!)).toBeNull();
    expect(newYork.uniformOffsetOfDay(parseLocalDate("2026-03-09")!)).toBe(-4 * 60 * MINUTE_MS);
  });

  it("reads the local day and minute of an instant", () => {
    const parts = makeZone("America/Sao_Paulo").localPartsOf(Date.parse("2026-11-24T02:30:00Z"));
    expect({ date: formatLocalDate(parts.dayNumber), minute: parts.minuteOfDay }).toEqual({ date: "2026-11-23", minute: 23 * 60 + 30 });
  });

  it("rejects an unknown zone", () => {
    expect(() => makeZone("America/Atlantis")).toThrow(RangeError);
  });
});

describe("local dates", () => {
  it.each([
    { text: "2026-11-23", valid: true },
    { text: "2026-02-29", valid: false },
    { text: "2028-02-29", valid: true },
    { text: "2026-13-01", valid: false },
    { text: "23/11/2026", valid: false },
  ])("treats $text as valid: $valid", ({ text, valid }) => {
    expect(parseLocalDate(text) !== null).toBe(valid);
  });

  it("knows 2026-11-23 is a Monday", () => {
    expect(weekdayOf(dayNumberOf(2026, 11, 23))).toBe(1);
  });

  it.each([
    { text: "08:00", minutes: 480 },
    { text: "24:00", minutes: 1440 },
    { text: "24:30", minutes: null },
    { text: "12:60", minutes: null },
    { text: "8:00", minutes: null },
  ])("reads wall time $text as $minutes", ({ text, minutes }) => {
    expect(parseWallTime(text)).toBe(minutes);
  });
});
