// Weekdays as patients type them in a hurry: "sesta-feira", "qinta", "terca"
// with a slip of the thumb. One edit away from a weekday is that weekday,
// unless it is a real word that often sits in a clinic chat ("cerca de",
// "quarto", "segundo", "senta").

import { editDistance } from "./edit-distance.js";

const WEEKDAYS = ["segunda", "terca", "quarta", "quinta", "sexta", "sabado", "domingo"] as const;

const REAL_WORDS = new Set([
  "segundo", "segundos", "cerca", "perca", "terco", "terra", "tera", "quarto", "quartos", "quanta",
  "quinto", "quintal", "quina", "quita", "sexto", "seita", "senta", "seta", "sabao", "domingos",
]);

/** The weekday a token was meant to be, or the token itself. */
export function fixWeekdayTypos(token: string): string {
  if (token.length < 5 || REAL_WORDS.has(token) || (WEEKDAYS as readonly string[]).includes(token)) return token;
  return WEEKDAYS.find((day) => editDistance(token, day) <= 1) ?? token;
}
