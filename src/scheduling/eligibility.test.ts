import { describe, expect, it } from "vitest";
import { eligibility } from "./eligibility.js";

const now = new Date("2026-12-01T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe("eligibility", () => {
  it.each([
    ["anyone books a procedure with no rule", null, null, true],
    ["a brand-new patient cannot book a Retorno", 30, null, false],
    ["a patient seen 30 days ago can", 30, daysAgo(30), true],
    ["a patient seen 31 days ago cannot", 30, daysAgo(31), false],
  ] as const)("%s", (_name, within, last, eligible) => {
    expect(eligibility({ requiresPreviousWithinDays: within }, { lastCompletedAt: last }, now).eligible).toBe(eligible);
  });
});
