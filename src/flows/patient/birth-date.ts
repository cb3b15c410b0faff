// Reading a birth date typed in the chat: "15/03/2018", "15-03-18",
// "15.3.2018" or "2018-03-15". A two-digit year is the latest one not in the
// future ("15/03/18" is 2018 in 2026; "15/03/40" is 1940).
import { formatLocalDate, parseLocalDate } from "../../scheduling/local-date.js";

const OLDEST_YEARS = 130;

/** "YYYY-MM-DD", or undefined when the text is not a real date between 130 years ago and `today` ("YYYY-MM-DD"). */
export function parseBirthDate(text: string, today: string): string | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  const br = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$/.exec(text.trim());
  const [year, month, day] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : br ? [fullYear(br[3]!, today), Number(br[2]), Number(br[1])] : [];
  if (year === undefined) return undefined;
  const date = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const dayNumber = parseLocalDate(date);
  if (dayNumber === null || date > today) return undefined;
  const oldest = `${Number(today.slice(0, 4)) - OLDEST_YEARS}${today.slice(4)}`;
  return date < oldest ? undefined : formatLocalDate(dayNumber);
}

function fullYear(typed: string, today: string): number {
  if (typed.length === 4) return Number(typed);
  const thisYear = Number(today.slice(0, 4));
  const inCentury = Math.floor(thisYear / 100) * 100 + Number(typed);
  return inCentury > thisYear ? inCentury - 100 : inCentury;
}

/** "15/03/2018" */
export function birthDateLabel(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
