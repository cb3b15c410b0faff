// Days counted from the clinic's today, for parse-when.ts: "semana que vem",
// "esta semana", "mês que vem", "daqui a 15 dias". Day numbers as in local-date.ts.

import { calendarOf, dayNumberOf, daysInMonth, formatLocalDate, weekdayOf } from "./local-date.js";
import type { LocalDate } from "./local-date.js";

/** What a finder saw: nothing, or a day number. */
type Found = { kind: "none" } | { kind: "found"; value: number };

export const NEXT_WEEK = /\b(semana que vem|proxima semana|semana seguinte|outra semana)\b/;
const THIS_WEEK = /\b(esta|essa|nesta|nessa) semana\b/;
const NEXT_MONTH = /\b(mes que vem|proximo mes)\b/;

export function nextMonday(today: number): number {
  return today + ((8 - weekdayOf(today)) % 7 || 7);
}

/** "semana que vem", "esta semana", "mês que vem" when no single day was said. */
export function findSpan(words: string, today: number): { from?: LocalDate; to?: LocalDate } {
  const span = (first: number, last: number) => ({ from: formatLocalDate(first), to: formatLocalDate(last) });
  if (NEXT_WEEK.test(words)) return span(nextMonday(today), nextMonday(today) + 6);
  if (THIS_WEEK.test(words)) return span(today, nextMonday(today) - 1);
  if (NEXT_MONTH.test(words)) {
    const { year, month } = calendarOf(today);
    const [nextYear, next] = month === 12 ? [year + 1, 1] : [year, month + 1];
    return span(dayNumberOf(nextYear, next, 1), dayNumberOf(nextYear, next, daysInMonth(nextYear, next)));
  }
  return {};
}

const COUNT_WORDS: Record<string, number> = {
  um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10, quinze: 15, vinte: 20, trinta: 30,
};

/** "daqui a 15 dias", "em 2 semanas", "daqui a um mês". */
export function daysFromToday(words: string, today: number): Found {
  const match = /\b(?:daqui a|daqui|em|dentro de) (\d{1,3}|[a-z]+) (dias?|semanas?|mes|meses)\b/.exec(words);
  const count = match ? (/^\d+$/.test(match[1]!) ? Number(match[1]) : COUNT_WORDS[match[1]!]) : undefined;
  if (!match || count === undefined) return { kind: "none" };
  if (match[2]!.startsWith("dia")) return at(today + count);
  if (match[2]!.startsWith("semana")) return at(today + 7 * count);
  // A month ahead is the same day of the month, or the month's last day: 31/01 + 1 month is 28/02.
  const { year, month, day } = calendarOf(today);
  const target = month - 1 + count;
  const [targetYear, targetMonth] = [year + Math.floor(target / 12), (target % 12) + 1];
  return at(dayNumberOf(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth))));
}

function at(value: number): Found {
  return { kind: "found", value };
}
