// Dates and numbers as a Brazilian reader expects them, always in the
// clinic's zone: a prescription issued at 01:30 UTC in São Paulo is dated
// the previous evening, 22:30.

export function formatIssuePlaceAndDate(city: string, instant: Date, timeZone: string): string {
  const date = new Intl.DateTimeFormat("pt-BR", { timeZone, day: "numeric", month: "long", year: "numeric" }).format(instant);
  const time = new Intl.DateTimeFormat("pt-BR", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
  return `${city}, ${date}, às ${time}`;
}

/** The clinic's calendar date of an instant, "10/03/2026". */
export function formatLocalDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("pt-BR", { timeZone, day: "2-digit", month: "2-digit", year: "numeric" }).format(instant);
}

/** "2026-03-10" → "10/03/2026" (a calendar date, no zone involved). */
export function formatCalendarDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-");
  return `${day}/${month}/${year}`;
}

const UNITS = [
  "zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez", "onze", "doze",
  "treze", "quatorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove",
];
const TENS = ["", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa"];

/** Days off are written "3 (três)" on an atestado so they cannot be altered. */
export function numberInWords(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 99) return String(value);
  if (value < 20) return UNITS[value] ?? String(value);
  const unit = value % 10;
  const ten = TENS[Math.floor(value / 10)] ?? "";
  return unit === 0 ? ten : `${ten} e ${UNITS[unit]}`;
}
