import { describe, expect, it } from "vitest";
import { brazilianHolidays, closedDays, closedDaysBetween, closureOn, easterSunday, NATIONAL_HOLIDAYS_ONLY } from "./holidays.js";
import { freeSlots } from "./slots.js";
import type { SlotQuery } from "./types.js";

describe("easterSunday", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("puts Easter %i on %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe("brazilianHolidays", () => {
  it("lists 2026 with the movable days computed from Easter on 5 April", () => {
    const byDate = Object.fromEntries(brazilianHolidays(2026).map((h) => [h.date, h.name]));
    expect(byDate).toEqual({
      "2026-01-01": "Confraternização Universal",
      "2026-02-16": "Carnaval",
      "2026-02-17": "Carnaval",
      "2026-04-03": "Sexta-feira Santa",
      "2026-04-21": "Tiradentes",
      "2026-05-01": "Dia do Trabalho",
      "2026-06-04": "Corpus Christi",
      "2026-09-07": "Independência do Brasil",
      "2026-10-12": "Nossa Senhora Aparecida",
      "2026-11-02": "Finados",
      "2026-11-15": "Proclamação da República",
      "2026-11-20": "Dia Nacional de Zumbi e da Consciência Negra",
      "2026-12-25": "Natal",
    });
  });

  it("puts 2027's Good Friday on 26 March and Carnaval on 8-9 February", () => {
    const dates = brazilianHolidays(2027).filter((h) => ["Sexta-feira Santa", "Carnaval", "Corpus Christi"].includes(h.name)).map((h) => h.date);
    expect(dates).toEqual(["2027-02-08", "2027-02-09", "2027-03-26", "2027-05-27"]);
  });

  it("names a source for every day", () => {
    for (const holiday of brazilianHolidays(2026)) expect(holiday.source).toMatch(/Lei|portaria/);
  });

  it("has no Consciência Negra holiday before Lei 14.759/2023 took effect in 2024", () => {
    expect(brazilianHolidays(2023).some((h) => h.date === "2023-11-20")).toBe(false);
    expect(brazilianHolidays(2024).some((h) => h.date === "2024-11-20")).toBe(true);
  });

  it("marks only Carnaval and Corpus Christi as pontos facultativos", () => {
    expect(brazilianHolidays(2026).filter((h) => h.optional).map((h) => h.name)).toEqual(["Carnaval", "Carnaval", "Corpus Christi"]);
  });
});

describe("closedDays", () => {
  it("keeps the pontos facultativos open unless the clinic closes on them", () => {
    const national = closedDays(2026, NATIONAL_HOLIDAYS_ONLY);
    expect(national.has("2026-02-16")).toBe(false);
    expect(national.has("2026-06-04")).toBe(false);
    expect(national.get("2026-04-03")).toBe("Sexta-feira Santa");
    expect(national.size).toBe(10);
  });

  it("closes on Carnaval and Corpus Christi when the clinic says so", () => {
    const closed = closedDays(2026, { carnival: true, corpusChristi: true, closures: [] });
    expect([closed.get("2026-02-16"), closed.get("2026-02-17"), closed.get("2026-06-04")]).toEqual(["Carnaval", "Carnaval", "Corpus Christi"]);
  });

  it("adds the clinic's own closures of that year only, in its own words", () => {
    const closed = closedDays(2026, {
      carnival: false,
      corpusChristi: false,
      closures: [
        { date: "2026-12-24", reason: "Recesso de fim de ano" },
        { date: "2027-01-02", reason: "Recesso de fim de ano" },
        { date: "2026-12-25", reason: "Natal (recesso)" },
      ],
    });
    expect(closed.get("2026-12-24")).toBe("Recesso de fim de ano");
    expect(closed.get("2026-12-25")).toBe("Natal (recesso)");
    expect(closed.has("2027-01-02")).toBe(false);
  });

  it("spans New Year for a horizon that crosses it", () => {
    const closed = closedDaysBetween("2026-12-20", "2027-01-10", NATIONAL_HOLIDAYS_ONLY);
    expect([...closed.keys()]).toEqual(["2026-12-25", "2027-01-01"]);
  });
});

describe("closureOn", () => {
  const closed = closedDays(2026, NATIONAL_HOLIDAYS_ONLY);

  it.each([
    ["2026-12-25", "Natal"],
    ["2026-11-20", "Dia Nacional de Zumbi e da Consciência Negra"],
    ["2026-04-03", "Sexta-feira Santa"],
    ["2026-12-24", undefined],
  ])("says why the clinic is closed on %s", (date, name) => {
    expect(closureOn(date, closed)).toBe(name);
  });
});

describe("freeSlots on closed days", () => {
  // Tuesday 2026-12-22, 09:00 in São Paulo; 25/12/2026 is a Friday.
  const query: SlotQuery = {
    timeZone: "America/Sao_Paulo",
    now: new Date("2026-12-22T12:00:00Z"),
    workingHours: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: "08:00", end: "12:00" })),
    durationMinutes: 60,
    horizonDays: 14,
    closedDays: closedDaysBetween("2026-12-22", "2027-01-06", NATIONAL_HOLIDAYS_ONLY),
  };
  const datesOf = (q: SlotQuery) => [...new Set(freeSlots(q).map((s) => s.startsAt.toISOString().slice(0, 10)))];

  it("offers nothing on 25/12", () => {
    expect(freeSlots({ ...query, from: "2026-12-25", to: "2026-12-25" })).toEqual([]);
  });

  it("offers the Friday before a holiday and the days after it as usual", () => {
    expect(datesOf(query)).toEqual(["2026-12-22", "2026-12-23", "2026-12-24", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-04", "2027-01-05"]);
  });

  it("offers 25/12 like any Friday when no closed days are given", () => {
    expect(freeSlots({ ...query, closedDays: undefined, from: "2026-12-25", to: "2026-12-25" })).toHaveLength(4);
  });

  it("opens a closed day that a date override gives hours", () => {
    const opened = freeSlots({ ...query, dateOverrides: [{ date: "2026-12-25", intervals: [{ start: "09:00", end: "10:00" }] }], from: "2026-12-25", to: "2026-12-25" });
    expect(opened.map((s) => s.startsAt.toISOString())).toEqual(["2026-12-25T12:00:00.000Z"]);
  });

  it("rejects a closed day that is not a date", () => {
    expect(() => freeSlots({ ...query, closedDays: new Map([["25/12", "Natal"]]) })).toThrow(/closedDays/);
  });
});
