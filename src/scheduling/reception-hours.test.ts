import { describe, expect, it } from "vitest";
import { describeOpening, receptionAvailability } from "./reception-hours.js";

const ZONE = "America/Sao_Paulo";
// Monday to Friday, 08:00-12:00 and 13:00-18:00, as the demo clinic.
const WEEKDAYS = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: "08:00", end: "12:00" },
  { weekday, start: "13:00", end: "18:00" },
]);

describe("receptionAvailability", () => {
  const cases = [
    { name: "is open on a Monday morning", now: "2026-11-23T12:00:00Z", expected: { kind: "open" } },
    { name: "opens after lunch on the same day", now: "2026-11-23T15:30:00Z", expected: { kind: "opens", at: "2026-11-23T16:00:00.000Z" } },
    { name: "opens on Monday at 8h on a Sunday", now: "2026-11-29T14:00:00Z", expected: { kind: "opens", at: "2026-11-30T11:00:00.000Z" } },
    { name: "opens the next morning on a weekday evening", now: "2026-11-24T22:00:00Z", expected: { kind: "opens", at: "2026-11-25T11:00:00.000Z" } },
    { name: "opens on Monday after a Friday evening", now: "2026-11-27T22:00:00Z", expected: { kind: "opens", at: "2026-11-30T11:00:00.000Z" } },
    { name: "is closed at the closing minute itself", now: "2026-11-23T21:00:00Z", expected: { kind: "opens", at: "2026-11-24T11:00:00.000Z" } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(receptionAvailability(new Date(c.now), ZONE, WEEKDAYS)).toEqual(c.expected);
    });
  }

  it("says unknown when no working hours are configured", () => {
    expect(receptionAvailability(new Date("2026-11-23T12:00:00Z"), ZONE, [])).toEqual({ kind: "unknown" });
  });
});

describe("describeOpening", () => {
  const cases = [
    { name: "says today for a later hour of the same day", now: "2026-11-23T15:30:00Z", at: "2026-11-23T16:00:00Z", expected: "hoje às 13h" },
    { name: "says tomorrow for the next local day", now: "2026-11-24T22:00:00Z", at: "2026-11-25T11:00:00Z", expected: "amanhã às 8h" },
    { name: "names the weekday further ahead", now: "2026-11-28T14:00:00Z", at: "2026-11-30T11:00:00Z", expected: "segunda às 8h" },
    { name: "keeps the minutes of a half hour", now: "2026-11-28T14:00:00Z", at: "2026-11-30T11:30:00Z", expected: "segunda às 8h30" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(describeOpening(new Date(c.at), new Date(c.now), ZONE)).toBe(c.expected);
    });
  }
});
