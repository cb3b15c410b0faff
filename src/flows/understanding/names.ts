// Is this message the patient's name? Asked "Como você se chama?", people
// answer "Maria", "meu nome é Maria da Silva", "sou a Joana"; but also "oi",
// "aceito" (still on the consent) or "quero marcar uma consulta pra amanhã"
// (skipping the question). Only the first kind may be saved as a name.

import { understandMessage, type UnderstandingContext } from "./intents.js";
import { canBeInName, nameAt } from "./name-words.js";
import { prepareText } from "./text.js";

export type NameReading =
  | { kind: "name"; name: string }
  | { kind: "notName"; reason: NotNameReason };

/** Why a message is not a name, so the flow can answer to it ("oi" gets the question again). */
export type NotNameReason = "empty" | "greeting" | "consent" | "request" | "question" | "symbols" | "tooLong";

const MAX_WORDS = 6;

export function readName(message: string, ctx: UnderstandingContext): NameReading {
  const intents = understandMessage(message, ctx);
  const stated = intents.find((i) => i.kind === "name");
  if (stated?.kind === "name") return { kind: "name", name: stated.name };
  const { sentences } = prepareText(message);
  const tokens = sentences.flatMap((s) => s.tokens);
  const raw = sentences.flatMap((s) => s.raw);
  const clauseStarts = sentences.flatMap((s, i) => s.clauseStarts.map((start, j) => start || (i > 0 && j === 0)));
  const kinds = new Set(intents.map((i) => i.kind));
  if (kinds.has("greeting")) return notName("greeting");
  if (kinds.has("affirm") || kinds.has("deny") || kinds.has("ack")) return notName("consent");
  if (kinds.size > 0) return notName("request");
  if (tokens.length === 0) return notName("empty");
  if (sentences.some((s) => s.question)) return notName("question");
  if (/[\d@#$%&*_=+<>{}[\]\\|~^]/.test(message)) return notName("symbols");
  if (tokens.length > MAX_WORDS) return notName("tooLong");
  const named = nameAt(tokens, raw, 0, clauseStarts);
  if (!named || named.end < tokens.length) return notName(tokens.every(canBeInName) ? "tooLong" : "request");
  return { kind: "name", name: named.name };
}

function notName(reason: NotNameReason): NameReading {
  return { kind: "notName", reason };
}
