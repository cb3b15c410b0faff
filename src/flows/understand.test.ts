import { describe, expect, it } from "vitest";
import { containsAny, globalWord, isGreeting, isIdle, menuNumber, normalize, saysAny } from "./understand.js";

const now = new Date("2026-11-23T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("normalize", () => {
  it.each([
    ["Não!", "nao"],
    ["  Olá,   TUDO bem?  ", "ola tudo bem"],
    ["Opção 2.", "opcao 2"],
    ["ATENÇÃO: às 14:30", "atencao: as 14:30"],
    ["23/11 - manhã", "23/11 - manha"],
    ["maria\n\tda silva", "maria da silva"],
    ["👍🏽", ""],
    ["", ""],
  ])("turns %j into %j", (raw, expected) => {
    expect(normalize(raw)).toBe(expected);
  });

  it("treats a missing text as empty", () => {
    expect(normalize(undefined)).toBe("");
  });
});

describe("globalWord", () => {
  it.each([
    ["menu", "menu"],
    ["Menu principal", "menu"],
    ["Início", "menu"],
    ["AJUDA", "help"],
    ["socorro!", "help"],
    ["sair", "cancel"],
    ["Cancelar.", "cancel"],
    ["parar", "cancel"],
    ["atendente", "human"],
    ["Falar com a recepção", "human"],
    ["humano", "human"],
  ])("reads %j as %s", (raw, expected) => {
    expect(globalWord(normalize(raw))).toBe(expected);
  });

  it.each(["cancelar consulta", "quero o menu", "oi", "", "1", "atendentes"])("finds no global word in %j", (raw) => {
    expect(globalWord(normalize(raw))).toBeUndefined();
  });
});

describe("menuNumber", () => {
  it.each([
    ["2", 2],
    ["2.", 2],
    ["Opção 2", 2],
    ["número 5", 5],
    ["12", 12],
    ["0", 0],
  ])("reads %j as %i", (raw, expected) => {
    expect(menuNumber(normalize(raw))).toBe(expected);
  });

  it.each(["", "dois", "123", "2 3", "opcao", "quero 2"])("reads no number in %j", (raw) => {
    expect(menuNumber(normalize(raw))).toBeUndefined();
  });
});

describe("isGreeting", () => {
  it.each(["oi", "Oi!", "Olá", "bom dia", "Boa tarde, doutora", "e aí", "opa"])("takes %j as a greeting", (raw) => {
    expect(isGreeting(normalize(raw))).toBe(true);
  });

  it.each(["oito", "boa", "1", "", "quero marcar", "ola123"])("does not take %j as a greeting", (raw) => {
    expect(isGreeting(normalize(raw))).toBe(false);
  });
});

describe("saysAny and containsAny", () => {
  it("matches a word only as the whole text or followed by a space", () => {
    expect(saysAny("sim por favor", ["sim"])).toBe(true);
    expect(saysAny("simone", ["sim"])).toBe(false);
  });

  it("finds whole words anywhere, never inside a longer word", () => {
    expect(containsAny("quero marcar uma consulta", ["consulta"])).toBe(true);
    expect(containsAny("minhas consultas", ["consulta"])).toBe(false);
  });
});

describe("isIdle", () => {
  const cases = [
    { name: "is not idle on first contact", lastInboundAt: undefined, idleMinutes: 30, idle: false },
    { name: "is not idle a minute after the last message", lastInboundAt: minutesAgo(1), idleMinutes: 30, idle: false },
    { name: "is not idle exactly at the limit", lastInboundAt: minutesAgo(30), idleMinutes: 30, idle: false },
    { name: "is idle one minute past the limit", lastInboundAt: minutesAgo(31), idleMinutes: 30, idle: true },
    { name: "uses the clinic's own limit", lastInboundAt: minutesAgo(11), idleMinutes: 10, idle: true },
    { name: "is not idle within a longer limit", lastInboundAt: minutesAgo(31), idleMinutes: 60, idle: false },
  ];
  for (const { name, lastInboundAt, idleMinutes, idle } of cases) {
    it(name, () => {
      expect(isIdle({ now, lastInboundAt, idleMinutes })).toBe(idle);
    });
  }
});
