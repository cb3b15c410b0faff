// Reads a day and a time out of a patient's Portuguese message, relative to the
// clinic's today: "quero marcar com a Dra. Ana amanhã às 14h" → tomorrow, 14:00.
//
// Decisions, each one a guess at what a patient in a clinic chat means:
// - A weekday is its next occurrence strictly after today: on a Monday,
//   "segunda" is a week away; only "hoje" means today.
// - "dia 25" is this month unless the 25th has passed (today counts as not
//   passed), else the next month that has that day: "dia 5" on Dec 20 is Jan 5;
//   "dia 31" on Nov 23 is Dec 31. "25/11" without a year is this year unless past.
// - A date that does not exist ("31/02", "dia 32") or an impossible time
//   ("25h") makes the whole answer null: better to ask again than to book a
//   nearby day the patient never said.
// - A bare hour from 1 to 6 ("às 2", "3h") with no period is afternoon, since
//   clinics do not open at 2 a.m. Clock notation ("02:00") is taken literally.
// - `period` is returned only when there is no time: "2 da tarde" is 14:00.
// - "bom dia", "boa tarde", "boa noite" and "mais tarde" are greetings or
//   "later", never a period; "segunda vez/opção/consulta" is not a Monday;
//   "ter" (also the verb "to have") is Tuesday only after "na", "nesta",
//   "próxima" and the like, or alone.
// - "depois das 17h", "a partir das 14h" and "antes das 10h", "até as 11h"
//   are bounds (`after`, `before`), not the time itself; a bare hour in them
//   follows the same afternoon rule ("depois das 5" is after 17:00).
// - "semana que vem" is next Monday to next Sunday (`from`, `to`); with a
//   weekday it is that weekday of next week: on Monday 23/11, "quinta" is 26/11
//   and "quinta da semana que vem" is 3/12. "esta semana" runs to Sunday and
//   "mês que vem" is the whole next month.
// - "daqui a 15 dias", "em 2 semanas", "daqui a um mês" count from today.
// - A weekday typed one letter off ("sesta-feira", "qinta") is that weekday,
//   except real words one letter away ("cerca", "quarto", "segundo", "senta").

import { calendarOf, dayNumberOf, formatLocalDate, formatWallTime, isValidDate, weekdayOf } from "./local-date.js";
import type { LocalDate } from "./local-date.js";
import type { Period } from "./types.js";
import { daysFromToday, findSpan, NEXT_WEEK, nextMonday } from "./relative-days.js";
import { fixWeekdayTypos } from "./weekday-typos.js";
import { makeZone } from "./zoned-time.js";

export interface WhenContext {
  now: Date;
  /** The clinic's IANA zone; "today" is the clinic's today. */
  timeZone: string;
}

export interface When {
  /** Local date in the clinic's zone. */
  date?: LocalDate;
  /** "HH:MM", 24-hour. */
  time?: string;
  period?: Period;
  /** "depois das 17h": no earlier than this "HH:MM". */
  after?: string;
  /** "antes das 10h": starting before this "HH:MM". */
  before?: string;
  /** A span of days when no single day was said: "semana que vem". */
  from?: LocalDate;
  to?: LocalDate;
}

/** What a finder saw: nothing, something impossible, or a value. */
type Found<T> = { kind: "none" } | { kind: "invalid" } | { kind: "found"; value: T };

interface SpokenTime {
  hour: number;
  minute: number;
  period?: Period;
  /** Spoken forms ("às 2", "3h") may mean the afternoon; clock notation never does. */
  spoken: boolean;
}

const NONE = { kind: "none" } as const;
const INVALID = { kind: "invalid" } as const;
const MONTHS = [
  "janeiro", "fevereiro", "marco", "abril", "maio", "junho",
  "julho", "agosto", "setembro", "outubro", "novembro", "dezembro",
];
const WEEKDAY_WORDS: [RegExp, number][] = [
  [/\bdom(ingo)?\b/, 0],
  [/\bseg(unda(?! (vez|opcao|consulta|via|sessao|dose))( feira)?)?\b/, 1],
  [/\bterca( feira)?\b|\b(na|nesta|nessa|esta|essa|proxima) ter\b|^ter$/, 2],
  [/\bqua(rta)?( feira)?\b/, 3],
  [/\bqui(nta)?( feira)?\b/, 4],
  [/\bsex(ta)?( feira)?\b/, 5],
  [/\bsab(ado)?\b/, 6],
];

export function parseWhen(text: string, context: WhenContext): When | null {
  const bounds = findBounds(normalize(text));
  if (bounds === null) return null;
  const words = bounds.rest;
  const today = makeZone(context.timeZone).localPartsOf(context.now.getTime()).dayNumber;
  const date = findDate(words, today);
  const time = findTime(words);
  const period = findPeriod(words);
  if (date.kind === "invalid" || time.kind === "invalid") return null;
  const when: When = {};
  if (date.kind === "found") when.date = formatLocalDate(date.value);
  else Object.assign(when, findSpan(words, today));
  if (time.kind === "found") {
    const minuteOfDay = resolveHour(time.value, period) * 60 + time.value.minute;
    when.time = formatWallTime(minuteOfDay);
  } else if (period !== undefined) {
    when.period = period;
  }
  for (const [key, bound] of [["after", bounds.after], ["before", bounds.before]] as const) {
    if (bound !== undefined) when[key] = formatWallTime(resolveHour(bound, bound.period ?? period) * 60 + bound.minute);
  }
  return Object.keys(when).length > 0 ? when : null;
}

const BOUND = /\b(depois|apos|a partir|antes|ate)( (?:das|dos|do|as|a))? (meio dia|\d{1,2}(?::\d{2}|h\d{2}| ?(?:h|hs|hrs?|horas?)\b)?(?: e meia)?(?: da (?:manha|tarde|noite))?)(?![\d/])/g;

/** "depois das 17h" and "antes das 10h", taken out of the words so they are not read as the time. */
function findBounds(words: string): { rest: string; after?: SpokenTime; before?: SpokenTime } | null {
  const bounds: { rest: string; after?: SpokenTime; before?: SpokenTime } = { rest: words };
  for (const match of words.matchAll(BOUND)) {
    const [whole, word, article, spoken] = match;
    // "depois de 2 dias" has no article and no "h": not a time.
    if (!article && !/[:h]|meio dia/.test(spoken ?? "")) continue;
    const time = findTime(`as ${spoken}`);
    if (time.kind === "invalid") return null;
    if (time.kind === "none") continue;
    bounds[word === "antes" || word === "ate" ? "before" : "after"] = time.value;
    bounds.rest = bounds.rest.replace(whole, " ");
  }
  return bounds;
}

/** Lower case, no accents, greetings removed, punctuation and hyphens as spaces. */
function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9/:]+/g, " ")
    .replace(/\b(bom dia|boa tarde|boa noite|mais tarde)\b/g, " ")
    .replace(/\bhj\b/g, "hoje")
    .replace(/\b(amanha+|amnha|amanh|amha|amanhan)\b/g, "amanha")
    .replace(/\s+/g, " ")
    .trim()
    .split(" ")
    .map(fixWeekdayTypos)
    .join(" ");
}

function findDate(words: string, today: number): Found<number> {
  const finders = [numericDate, monthNameDate, dayOfMonth, daysFromToday, relativeDay, weekday];
  for (const finder of finders) {
    const found = finder(words, today);
    if (found.kind !== "none") return found;
  }
  return NONE;
}

/** "25/11", "25/11/2026", "25/11/26". */
function numericDate(words: string, today: number): Found<number> {
  const match = /(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/.exec(words);
  if (!match) return NONE;
  return dateInYear(Number(match[1]), Number(match[2]), yearOf(match[3]), today);
}

/** "25 de novembro", "25 de novembro de 2026". */
function monthNameDate(words: string, today: number): Found<number> {
  const pattern = new RegExp(`\\b(\\d{1,2}) (?:de )?(${MONTHS.join("|")})(?: (?:de )?(\\d{4}))?\\b`);
  const match = pattern.exec(words);
  if (!match) return NONE;
  return dateInYear(Number(match[1]), MONTHS.indexOf(match[2] ?? "") + 1, yearOf(match[3]), today);
}

function yearOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/** A day and month, in the given year or else the first year it is not past. */
function dateInYear(day: number, month: number, year: number | undefined, today: number): Found<number> {
  if (year !== undefined) {
    return isValidDate(year, month, day) ? found(dayNumberOf(year, month, day)) : INVALID;
  }
  const thisYear = calendarOf(today).year;
  // Four years, so "29/02" finds the next leap year.
  for (let candidate = thisYear; candidate <= thisYear + 4; candidate++) {
    if (isValidDate(candidate, month, day) && dayNumberOf(candidate, month, day) >= today) {
      return found(dayNumberOf(candidate, month, day));
    }
  }
  return INVALID;
}

/** "dia 25": this month if not past, else the next month that has that day. */
function dayOfMonth(words: string, today: number): Found<number> {
  const match = /\bdia (\d{1,2})\b/.exec(words);
  if (!match) return NONE;
  const day = Number(match[1]);
  const { year, month } = calendarOf(today);
  for (let ahead = 0; ahead <= 2; ahead++) {
    const candidateYear = year + Math.floor((month - 1 + ahead) / 12);
    const candidateMonth = ((month - 1 + ahead) % 12) + 1;
    if (isValidDate(candidateYear, candidateMonth, day) && dayNumberOf(candidateYear, candidateMonth, day) >= today) {
      return found(dayNumberOf(candidateYear, candidateMonth, day));
    }
  }
  return INVALID;
}

/** The first said of "hoje", "amanhã", "depois de amanhã": "hoje à tarde ou amanhã" is today. */
function relativeDay(words: string, today: number): Found<number> {
  const match = /\b(depois de amanha|amanha|hoje)\b/.exec(words);
  if (!match) return NONE;
  return found(today + (match[1] === "hoje" ? 0 : match[1] === "amanha" ? 1 : 2));
}

function weekday(words: string, today: number): Found<number> {
  const entry = WEEKDAY_WORDS.find(([pattern]) => pattern.test(words));
  if (!entry) return NONE;
  if (NEXT_WEEK.test(words)) return found(nextMonday(today) + ((entry[1] + 6) % 7));
  const daysAhead = ((entry[1] - weekdayOf(today) + 6) % 7) + 1;
  return found(today + daysAhead);
}

function findTime(words: string): Found<SpokenTime> {
  const finders = [noonOrMidnight, hourOfPeriod, clockTime, hourWithH, hourAfterAs];
  for (const finder of finders) {
    const time = finder(words);
    if (time === undefined) continue;
    return time.hour <= 23 && time.minute <= 59 ? found(time) : INVALID;
  }
  return NONE;
}

function noonOrMidnight(words: string): SpokenTime | undefined {
  const match = /\b(meio dia|meia noite)( e meia)?\b/.exec(words);
  if (!match) return undefined;
  return { hour: match[1] === "meio dia" ? 12 : 0, minute: match[2] ? 30 : 0, spoken: false };
}

/** "9 da manhã", "2 da tarde", "8h30 da noite". */
function hourOfPeriod(words: string): SpokenTime | undefined {
  const pattern = /(?<!dia )(?<![\d/:])\b(\d{1,2})(?:[:h](\d{2}))?(?: ?(?:h|hs|hrs?|horas?))?(?: e meia)? da (manha|tarde|noite)\b/;
  const match = pattern.exec(words);
  if (!match) return undefined;
  const minute = match[2] ? Number(match[2]) : / e meia da /.test(match[0]) ? 30 : 0;
  return { hour: Number(match[1]), minute, period: match[3] as Period, spoken: false };
}

/** "14:30". */
function clockTime(words: string): SpokenTime | undefined {
  const match = /(?<![\d/:])(\d{1,2}):(\d{2})(?![\d/:])/.exec(words);
  return match ? { hour: Number(match[1]), minute: Number(match[2]), spoken: false } : undefined;
}

/** "14h", "14h30", "14 horas", "3h". */
function hourWithH(words: string): SpokenTime | undefined {
  const match = /(?<![\d/:])\b(\d{1,2}) ?(?:h|hs|hrs?|horas?)(?: ?(\d{2})(?:min)?)?\b/.exec(words);
  if (!match) return undefined;
  return { hour: Number(match[1]), minute: match[2] ? Number(match[2]) : 0, spoken: true };
}

/** "às 9", "pelas 10 e meia". */
function hourAfterAs(words: string): SpokenTime | undefined {
  const match = /\b(?:as|pelas) (\d{1,2})( e meia)?\b(?![/:])/.exec(words);
  if (!match) return undefined;
  return { hour: Number(match[1]), minute: match[2] ? 30 : 0, spoken: true };
}

/** "de manhã", "à tarde", "de noite", or just "manhã"; "depois do almoço" is the afternoon, "antes do almoço" the morning. */
function findPeriod(words: string): Period | undefined {
  const match = /\b(manha|tarde|noite)\b/.exec(words);
  if (match) return match[1] as Period;
  const lunch = /\b(antes|depois|dps|apos) do almoco\b/.exec(words);
  return lunch ? (lunch[1] === "antes" ? "manha" : "tarde") : undefined;
}

/** 24-hour value of a time, given the period said with it or elsewhere in the message. */
function resolveHour(time: SpokenTime, periodInMessage: Period | undefined): number {
  const period = time.period ?? periodInMessage;
  if (period === "tarde" || period === "noite") {
    if (time.hour >= 1 && time.hour <= 11) return time.hour + 12;
    return period === "noite" && time.hour === 12 ? 0 : time.hour;
  }
  if (period === undefined && time.spoken && time.hour >= 1 && time.hour <= 6) return time.hour + 12;
  return time.hour;
}

function found<T>(value: T): Found<T> {
  return { kind: "found", value };
}
