// Menus as choices. A flow writes a menu as numbered text, which every
// channel can show and every patient can answer by typing; `menu` marks that
// text as choices too, so a channel with buttons or lists (the Cloud API, the
// simulator page) shows them, and a tap sends the number back as if typed.
// "Confirme:\n1 - Sim\n2 - Não" becomes the body "Confirme:" and the options
// 1 "Sim", 2 "Não".
import type { Effect, ReplyChoice, ReplyChoices } from "./types.js";

/** "1 - Agendar consulta" (patient texts) or "*1* Maria Souza" (doctor texts). */
const OPTION_LINE = /^(?:\*(\d{1,2})\*|(\d{1,2}) -)\s+(\S.*)$/;

export const LIST_BUTTON = "Ver opções";

/** The numbered lines of a text as options, and the text without them; undefined when it has none. */
export function choicesOf(text: string, listButton = LIST_BUTTON): ReplyChoices | undefined {
  const options: ReplyChoice[] = [];
  const rest: string[] = [];
  for (const line of text.split("\n")) {
    const match = OPTION_LINE.exec(line.trim());
    if (match) options.push({ id: (match[1] ?? match[2])!, title: match[3]!.trim() });
    else rest.push(line);
  }
  if (options.length === 0 || new Set(options.map((o) => o.id)).size !== options.length) return undefined;
  return { body: rest.join("\n").replace(/\n{3,}/g, "\n\n").trim(), options, listButton };
}

/** A reply whose numbered lines are choices (a plain reply when it has none). */
export function menu(text: string, listButton?: string): Effect {
  const choices = choicesOf(text, listButton);
  return choices ? { kind: "reply", text, choices } : { kind: "reply", text };
}
