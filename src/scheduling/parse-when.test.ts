import { describe, expect, it } from "vitest";
import { parseWhen, type When } from "./parse-when.js";

// Monday 2026-11-23, 09:00 in São Paulo.
const context = { now: new Date("2026-11-23T12:00:00Z"), timeZone: "America/Sao_Paulo" };

describe("parseWhen", () => {
  const cases: { name: string; text: string; expected: When | null }[] = [
    { name: "reads tomorrow at 14h inside a whole sentence", text: "quero marcar com a Dra. Ana amanhã às 14h", expected: { date: "2026-11-24", time: "14:00" } },
    { name: "reads a weekday with a period", text: "segunda de manhã", expected: { date: "2026-11-30", period: "manha" } },
    { name: "reads a day of the month with a period", text: "dia 25 à tarde", expected: { date: "2026-11-25", period: "tarde" } },
    { name: "reads hoje as the clinic's today", text: "hoje", expected: { date: "2026-11-23" } },
    { name: "reads amanhã without its accent or case", text: "AMANHA", expected: { date: "2026-11-24" } },
    { name: "reads depois de amanhã as two days ahead", text: "depois de amanhã", expected: { date: "2026-11-25" } },
    { name: "takes today's weekday as next week's", text: "segunda-feira", expected: { date: "2026-11-30" } },
    { name: "reads terça with its accent", text: "terça", expected: { date: "2026-11-24" } },
    { name: "reads terca without its accent", text: "pode ser terca feira?", expected: { date: "2026-11-24" } },
    { name: "reads the abbreviation qua", text: "qua", expected: { date: "2026-11-25" } },
    { name: "reads quinta", text: "quinta", expected: { date: "2026-11-26" } },
    { name: "reads sexta", text: "na sexta", expected: { date: "2026-11-27" } },
    { name: "reads sábado", text: "sábado", expected: { date: "2026-11-28" } },
    { name: "reads domingo", text: "domingo", expected: { date: "2026-11-29" } },
    { name: "reads ter as Tuesday after na", text: "na ter às 10", expected: { date: "2026-11-24", time: "10:00" } },
    { name: "does not take the verb ter for Tuesday", text: "posso ter um horário de manhã?", expected: { period: "manha" } },
    { name: "does not take segunda vez for Monday", text: "é a segunda vez que eu tento", expected: null },
    { name: "keeps dia 23 as today, not past", text: "dia 23", expected: { date: "2026-11-23" } },
    { name: "moves a past day of the month to next month", text: "dia 20", expected: { date: "2026-12-20" } },
    { name: "finds the next month with a 31st", text: "dia 31", expected: { date: "2026-12-31" } },
    { name: "returns null for a day no month has", text: "dia 32", expected: null },
    { name: "reads day/month in this year", text: "25/11", expected: { date: "2026-11-25" } },
    { name: "moves a past day/month to next year", text: "20/11", expected: { date: "2027-11-20" } },
    { name: "reads day/month/year", text: "25/11/2026", expected: { date: "2026-11-25" } },
    { name: "reads a two-digit year", text: "25/11/27 14:30", expected: { date: "2027-11-25", time: "14:30" } },
    { name: "returns null for 31/02", text: "31/02", expected: null },
    { name: "returns null for 31/02 even with a time", text: "31/02 às 10h", expected: null },
    { name: "finds the next 29 February", text: "29/02", expected: { date: "2028-02-29" } },
    { name: "reads a month name", text: "25 de novembro", expected: { date: "2026-11-25" } },
    { name: "moves a past month-name date to next year", text: "3 de janeiro", expected: { date: "2027-01-03" } },
    { name: "reads a month name with a year", text: "no dia 25 de dezembro de 2027", expected: { date: "2027-12-25" } },
    { name: "reads 14:30", text: "14:30", expected: { time: "14:30" } },
    { name: "reads 14h30", text: "14h30", expected: { time: "14:30" } },
    { name: "reads às 9", text: "às 9", expected: { time: "09:00" } },
    { name: "reads às 10 e meia", text: "às 10 e meia", expected: { time: "10:30" } },
    { name: "reads 9 da manhã", text: "9 da manhã", expected: { time: "09:00" } },
    { name: "reads 2 da tarde as 14:00", text: "2 da tarde", expected: { time: "14:00" } },
    { name: "reads 8 da noite as 20:00", text: "8 da noite", expected: { time: "20:00" } },
    { name: "reads meio-dia", text: "meio-dia", expected: { time: "12:00" } },
    { name: "reads meio dia e meia", text: "amanhã meio dia e meia", expected: { date: "2026-11-24", time: "12:30" } },
    { name: "takes a bare às 3 as the afternoon", text: "às 3", expected: { time: "15:00" } },
    { name: "takes às 3 de manhã literally", text: "às 3 de manhã", expected: { time: "03:00" } },
    { name: "applies a period said apart from the hour", text: "amanhã à tarde, lá pelas 4", expected: { date: "2026-11-24", time: "16:00" } },
    { name: "reads de noite as a period", text: "hoje de noite", expected: { date: "2026-11-23", period: "noite" } },
    { name: "reads an upper-case weekday with an hour", text: "Segunda-Feira, 14H", expected: { date: "2026-11-30", time: "14:00" } },
    { name: "ignores boa tarde as a greeting", text: "Boa tarde! Quero marcar amanhã", expected: { date: "2026-11-24" } },
    { name: "ignores mais tarde as later", text: "te respondo mais tarde", expected: null },
    { name: "returns null for an hour that does not exist", text: "amanhã às 25h", expected: null },
    { name: "returns null for minutes that do not exist", text: "14:75", expected: null },
    { name: "returns null when there is no day or time", text: "oi, tudo bem?", expected: null },
  ];

  it.each(cases)("$name: $text", ({ text, expected }) => {
    expect(parseWhen(text, context)).toEqual(expected);
  });

  it.each([
    { name: "rolls dia 5 on 20 December into January of next year", now: "2026-12-20T15:00:00Z", text: "dia 5", date: "2027-01-05" },
    { name: "rolls amanhã on 31 December into the new year", now: "2026-12-31T15:00:00Z", text: "amanhã", date: "2027-01-01" },
    { name: "rolls dia 2 on 30 November into December", now: "2026-11-30T15:00:00Z", text: "dia 2", date: "2026-12-02" },
    { name: "counts amanhã from the clinic's today when UTC is already tomorrow", now: "2026-11-24T02:30:00Z", text: "amanhã", date: "2026-11-24" },
    { name: "counts a weekday across the year end", now: "2026-12-30T15:00:00Z", text: "segunda", date: "2027-01-04" },
  ])("$name", ({ now, text, date }) => {
    expect(parseWhen(text, { now: new Date(now), timeZone: "America/Sao_Paulo" })).toEqual({ date });
  });
});
