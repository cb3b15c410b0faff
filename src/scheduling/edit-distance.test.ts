import { describe, expect, it } from "vitest";
import { editDistance } from "./edit-distance.js";
import { fixWeekdayTypos } from "./weekday-typos.js";

describe("editDistance", () => {
  it.each([
    ["sexta", "sexta", 0],
    ["sesta", "sexta", 1],
    ["qunita", "quinta", 1],
    ["quinat", "quinta", 1],
    ["estacionamento", "estacionamnto", 1],
    ["desmarcar", "remarcar", 2],
    ["", "abc", 3],
  ])("puts %j and %j %i apart", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it("stops counting past the limit", () => {
    expect(editDistance("consulta", "pagamento", 1)).toBe(2);
  });
});

describe("fixWeekdayTypos", () => {
  it.each([
    ["sesta", "sexta"],
    ["qinta", "quinta"],
    ["segnda", "segunda"],
    ["sabdo", "sabado"],
    ["cerca", "cerca"],
    ["segundo", "segundo"],
    ["senta", "senta"],
    ["feira", "feira"],
    ["ter", "ter"],
  ])("reads %j as %j", (token, expected) => {
    expect(fixWeekdayTypos(token)).toBe(expected);
  });
});
