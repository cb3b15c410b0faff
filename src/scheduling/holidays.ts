// Days a Brazilian clinic does not see patients: the national holidays, the
// "pontos facultativos" a clinic chooses to keep (Carnaval, Corpus Christi)
// and its own closures ("recesso de fim de ano"). Pure: a year in, local dates
// and their names out, so the slot engine never offers 25/12 like any Friday.
//
// Sources:
// - Lei 662/1949, as amended by Lei 10.607/2002: 1/1, 21/4, 1/5, 7/9, 2/11,
//   15/11 and 25/12 are national holidays.
// - Lei 6.802/1980: 12/10, Nossa Senhora Aparecida.
// - Lei 14.759/2023: 20/11, Dia Nacional de Zumbi e da Consciência Negra,
//   a national holiday from 2024 on.
// - Lei 9.093/1995, art. 2: Sexta-feira da Paixão is kept as a religious
//   holiday; the federal government's yearly portaria on holidays and
//   pontos facultativos lists it with the national holidays.
// - The same yearly portaria makes Carnaval (Monday and Tuesday) and Corpus
//   Christi pontos facultativos: many clinics open, so each clinic chooses.
// - Easter: the anonymous Gregorian algorithm (Meeus/Jones/Butcher, in Jean
//   Meeus, "Astronomical Algorithms", chapter 8). Carnaval Tuesday is 47 days
//   before Easter, Good Friday 2 days before, Corpus Christi 60 days after.

import { dayNumberOf, formatLocalDate, parseLocalDate } from "./local-date.js";
import type { LocalDate } from "./local-date.js";

/** Local date → why the clinic is closed ("Natal"). */
export type ClosedDays = ReadonlyMap<LocalDate, string>;

export interface Closure {
  date: LocalDate;
  reason: string;
}

export interface ClosingOptions {
  /** Closed on Carnaval Monday and Tuesday (ponto facultativo). */
  carnival: boolean;
  /** Closed on Corpus Christi (ponto facultativo). */
  corpusChristi: boolean;
  /** The clinic's own closed days, in any year; only the asked year's are used. */
  closures: readonly Closure[];
}

export interface Holiday {
  date: LocalDate;
  name: string;
  /** The law or act that makes it a holiday or a ponto facultativo. */
  source: string;
  /** A ponto facultativo: closed only when the clinic says so. */
  optional: boolean;
}

/** National holidays only: what a clinic that said nothing is closed on. */
export const NATIONAL_HOLIDAYS_ONLY: ClosingOptions = { carnival: false, corpusChristi: false, closures: [] };

const LEI_662 = "Lei 662/1949 (redação da Lei 10.607/2002)";
const PORTARIA = "portaria anual do governo federal (ponto facultativo)";

const FIXED: { month: number; day: number; name: string; source: string; since?: number }[] = [
  { month: 1, day: 1, name: "Confraternização Universal", source: LEI_662 },
  { month: 4, day: 21, name: "Tiradentes", source: LEI_662 },
  { month: 5, day: 1, name: "Dia do Trabalho", source: LEI_662 },
  { month: 9, day: 7, name: "Independência do Brasil", source: LEI_662 },
  { month: 10, day: 12, name: "Nossa Senhora Aparecida", source: "Lei 6.802/1980" },
  { month: 11, day: 2, name: "Finados", source: LEI_662 },
  { month: 11, day: 15, name: "Proclamação da República", source: LEI_662 },
  { month: 11, day: 20, name: "Dia Nacional de Zumbi e da Consciência Negra", source: "Lei 14.759/2023", since: 2024 },
  { month: 12, day: 25, name: "Natal", source: LEI_662 },
];

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm). */
export function easterSunday(year: number): LocalDate {
  return formatLocalDate(easterDayNumber(year));
}

function easterDayNumber(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumberOf(year, month, day);
}

/** Every national holiday and ponto facultativo of a year, sorted by date. */
export function brazilianHolidays(year: number): Holiday[] {
  const easter = easterDayNumber(year);
  const fromEaster = (offset: number, name: string, source: string, optional: boolean): Holiday =>
    ({ date: formatLocalDate(easter + offset), name, source, optional });
  const fixed = FIXED.filter((h) => h.since === undefined || year >= h.since).map((h): Holiday =>
    ({ date: formatLocalDate(dayNumberOf(year, h.month, h.day)), name: h.name, source: h.source, optional: false }));
  const movable = [
    fromEaster(-48, "Carnaval", PORTARIA, true),
    fromEaster(-47, "Carnaval", PORTARIA, true),
    fromEaster(-2, "Sexta-feira Santa", "Lei 9.093/1995, art. 2", false),
    fromEaster(60, "Corpus Christi", PORTARIA, true),
  ];
  return [...fixed, ...movable].sort((a, b) => a.date.localeCompare(b.date));
}

/** The days of `year` the clinic is closed, with the name a patient is told. */
export function closedDays(year: number, options: ClosingOptions): Map<LocalDate, string> {
  const closed = new Map<LocalDate, string>();
  for (const holiday of brazilianHolidays(year)) {
    if (!holiday.optional || keepsOptional(holiday.name, options)) closed.set(holiday.date, holiday.name);
  }
  // The clinic's own words win on a day that is also a holiday: it wrote them.
  for (const closure of options.closures) {
    if (closure.date.startsWith(`${year}-`) && parseLocalDate(closure.date) !== null) closed.set(closure.date, closure.reason);
  }
  return closed;
}

function keepsOptional(name: string, options: ClosingOptions): boolean {
  return name === "Carnaval" ? options.carnival : name === "Corpus Christi" ? options.corpusChristi : false;
}

/** Closed days of every year from `from` to `to` (inclusive), for a booking horizon that crosses New Year. */
export function closedDaysBetween(from: LocalDate, to: LocalDate, options: ClosingOptions): Map<LocalDate, string> {
  const all = new Map<LocalDate, string>();
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const [date, name] of closedDays(year, options)) {
      if (date >= from && date <= to) all.set(date, name);
    }
  }
  return all;
}

/** Why the clinic is closed on a date ("Natal"), or undefined when it is open. */
export function closureOn(date: LocalDate, closed: ClosedDays): string | undefined {
  return closed.get(date);
}
