import { describe, expect, it } from "vitest";
import { ageOn, eligibility, type EligibilityRule } from "./eligibility.js";

const now = new Date("2026-12-01T12:00:00Z");
const today = "2026-12-01";
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe("eligibility", () => {
  const RETORNO: EligibilityRule = { requiresPreviousWithinDays: 30 };
  const PEDIATRIA: EligibilityRule = { maxAgeYears: 12 };
  const ADULTOS: EligibilityRule = { minAgeYears: 18 };
  const RETORNO_ADULTO: EligibilityRule = { requiresPreviousWithinDays: 30, minAgeYears: 18 };
  it.each([
    ["anyone books a procedure with no rule", {}, {}, { eligible: true }],
    ["a brand-new patient cannot book a Retorno", RETORNO, {}, { eligible: false, why: "noRecentVisit", days: 30 }],
    ["a patient seen 30 days ago can", RETORNO, { lastCompletedAt: daysAgo(30) }, { eligible: true }],
    ["a patient seen 31 days ago cannot", RETORNO, { lastCompletedAt: daysAgo(31) }, { eligible: false, why: "noRecentVisit", days: 30 }],
    ["a child of 12 books a visit up to 12 years", PEDIATRIA, { birthDate: "2014-12-02" }, { eligible: true }],
    ["a child on their 13th birthday no longer does", PEDIATRIA, { birthDate: "2013-12-01" }, { eligible: false, why: "tooOld", maxAgeYears: 12 }],
    ["a 17-year-old cannot book an adults' visit", ADULTOS, { birthDate: "2008-12-02" }, { eligible: false, why: "tooYoung", minAgeYears: 18 }],
    ["an 18-year-old can, from the birthday on", ADULTOS, { birthDate: "2008-12-01" }, { eligible: true }],
    ["an unknown birth date is asked for, not guessed", ADULTOS, {}, { eligible: false, why: "birthDateUnknown" }],
    ["a Retorno is judged on the visit before the age", RETORNO_ADULTO, { birthDate: "2015-01-01" }, { eligible: false, why: "noRecentVisit", days: 30 }],
    ["both rules met", RETORNO_ADULTO, { birthDate: "1990-01-01", lastCompletedAt: daysAgo(3) }, { eligible: true }],
  ] as const)("%s", (_name, rule, facts, expected) => {
    expect(eligibility(rule, facts, now, today)).toEqual(expected);
  });

  it("counts whole years on the clinic's date, a 29 February birthday included", () => {
    expect(ageOn("2016-02-29", "2026-02-28")).toBe(9);
    expect(ageOn("2016-02-29", "2026-03-01")).toBe(10);
    expect(ageOn("2016-02-30", "2026-03-01")).toBeNull();
  });
});
