import { describe, expect, it } from "vitest";
import { formatSlotForPatient, matchesPeriod } from "./format-slot.js";
import type { Period, Slot } from "./types.js";
import { makeZone } from "./zoned-time.js";

const slotAt = (iso: string): Slot => ({ startsAt: new Date(iso), endsAt: new Date(Date.parse(iso) + 30 * 60_000) });

describe("formatSlotForPatient", () => {
  it.each([
    { name: "shows a São Paulo afternoon slot in the clinic's time", iso: "2025-11-24T17:00:00Z", zone: "America/Sao_Paulo", text: "seg, 24/11 às 14:00" },
    { name: "shows the clinic's local date when UTC is already the next day", iso: "2026-11-24T02:30:00Z", zone: "America/Sao_Paulo", text: "seg, 23/11 às 23:30" },
    { name: "shows Saturday with its accent", iso: "2026-11-28T11:05:00Z", zone: "America/Sao_Paulo", text: "sáb, 28/11 às 08:05" },
    { name: "shows a Manaus clinic's own time, an hour behind São Paulo", iso: "2026-11-24T17:00:00Z", zone: "America/Manaus", text: "ter, 24/11 às 13:00" },
    { name: "shows a Lisbon clinic's summer time", iso: "2026-07-01T08:00:00Z", zone: "Europe/Lisbon", text: "qua, 01/07 às 09:00" },
  ])("$name", ({ iso, zone, text }) => {
    expect(formatSlotForPatient(slotAt(iso), zone)).toBe(text);
  });

  it("accepts a prepared zone as well as a zone name", () => {
    expect(formatSlotForPatient(slotAt("2025-11-24T17:00:00Z"), makeZone("America/Sao_Paulo"))).toBe("seg, 24/11 às 14:00");
  });
});

describe("matchesPeriod", () => {
  const cases: { local: string; iso: string; period: Period }[] = [
    { local: "00:00", iso: "2026-11-24T03:00:00Z", period: "manha" },
    { local: "11:59", iso: "2026-11-24T14:59:00Z", period: "manha" },
    { local: "12:00", iso: "2026-11-24T15:00:00Z", period: "tarde" },
    { local: "17:59", iso: "2026-11-24T20:59:00Z", period: "tarde" },
    { local: "18:00", iso: "2026-11-24T21:00:00Z", period: "noite" },
    { local: "23:30", iso: "2026-11-25T02:30:00Z", period: "noite" },
  ];

  it.each(cases)("puts a slot at $local in São Paulo in the $period, and only there", ({ iso, period }) => {
    for (const candidate of ["manha", "tarde", "noite"] as const) {
      expect(matchesPeriod(slotAt(iso), candidate, "America/Sao_Paulo")).toBe(candidate === period);
    }
  });
});
