import { describe, expect, it } from "vitest";
import { parseBirthDate } from "./birth-date.js";

const TODAY = "2026-11-30";

describe("a birth date typed in the chat", () => {
  it.each([
    ["15/03/2018", "2018-03-15"],
    ["5/3/2018", "2018-03-05"],
    ["15-03-18", "2018-03-15"],
    ["15.03.40", "1940-03-15"],
    ["2018-03-15", "2018-03-15"],
    ["30/11/2026", "2026-11-30"],
    ["31/02/2018", undefined],
    ["01/12/2026", undefined],
    ["01/01/1890", undefined],
    ["amanhã", undefined],
    ["15/03", undefined],
  ])("reads %s as %s", (typed, expected) => {
    expect(parseBirthDate(typed, TODAY)).toBe(expected);
  });
});
