// A menu's choices as a Cloud API interactive message, within Meta's limits
// (developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages
// and .../interactive-list-messages): up to 3 reply buttons with titles of up
// to 20 characters; else a list of up to 10 rows, row titles up to 24 and
// descriptions up to 72; the body up to 1024. A longer title goes into the
// row's description whole ("09:00 - Dra. Ana Beatriz Souza" reads
// "09:00 - Dra. Ana…" over the full line). More than 10 options, or a body
// too long, stay numbered text. A tap comes back as the option's id, which
// is what the patient would have typed ("1").
import type { ReplyChoices } from "../../../flows/types.js";

export const INTERACTIVE_LIMITS = { buttons: 3, buttonTitle: 20, rows: 10, rowTitle: 24, rowDescription: 72, body: 1024, listButton: 20, id: 200 } as const;

/** Cut to `max` characters (code points, as Meta counts), with "…" when something was cut. */
export function fit(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  if (chars.length <= max) return chars.join("");
  let cut = chars.slice(0, max - 1).join("");
  // At a word's end when one is near: "09:00 - Dra. Ana…" rather than "09:00 - Dra. Ana Beatri…".
  const space = cut.lastIndexOf(" ");
  if (chars[max - 1] !== " " && space >= cut.length - 10 && space > 0) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

const length = (text: string) => [...text].length;
/** Patient texts bold with *…*; a button or row title shows the asterisks as they are. */
const plain = (text: string) => text.replace(/\*([^*]+)\*/g, "$1").replace(/\s+/g, " ").trim();

/** The `interactive` body for these choices, or undefined when they are better sent as the numbered text. */
export function interactiveFor(choices: ReplyChoices): Record<string, unknown> | undefined {
  const L = INTERACTIVE_LIMITS;
  const options = choices.options.map((o) => ({ ...o, title: plain(o.title) }));
  const body = choices.body.trim();
  if (options.length === 0 || options.length > L.rows || length(body) > L.body) return undefined;
  if (options.some((o) => o.id.length === 0 || o.id.length > L.id || o.title.length === 0)) return undefined;
  if (body.length === 0) return undefined;
  if (options.length <= L.buttons && options.every((o) => length(o.title) <= L.buttonTitle)) {
    return {
      type: "button",
      body: { text: body },
      action: { buttons: options.map((o) => ({ type: "reply", reply: { id: o.id, title: o.title } })) },
    };
  }
  return {
    type: "list",
    body: { text: body },
    action: {
      button: fit(choices.listButton, L.listButton),
      sections: [{
        rows: options.map((o) => {
          const { title, description } = o.description ? { title: o.title, description: o.description } : splitRow(o.title);
          return { id: o.id, title: fit(title, L.rowTitle), ...(description ? { description: fit(description, L.rowDescription) } : {}) };
        }),
      }],
    },
  };
}

/**
 * A line too long for a row title: "Retorno (20 min, sem custo)" becomes the title "Retorno" over "20 min, sem custo",
 * "09:00 - Dra. Ana Beatriz Souza" the title "09:00" over "Dra. Ana Beatriz Souza"; else the title is cut and the whole line is the description.
 */
function splitRow(line: string): { title: string; description?: string } {
  if (length(line) <= INTERACTIVE_LIMITS.rowTitle) return { title: line };
  const bracket = /^(.+?) \((.+)\)$/.exec(line);
  const dash = /^(.+?) - (.+)$/.exec(line);
  const [, head, rest] = bracket ?? dash ?? [];
  if (head && rest && length(head) <= INTERACTIVE_LIMITS.rowTitle) return { title: head, description: rest };
  return { title: line, description: line };
}
