// What a patient's message says that does not depend on the day or the
// clinic: an emergency sign, a clinical question, a question about the
// clinic, a booking. Every text turn reads it (an emergency comes first
// anywhere), so it is kept for the same text: reading one message through
// every cue takes about a millisecond, and chats repeat "1", "sim", "oi".
import { prepareText, understandMessage, type ClinicTopic, type PaymentMethod } from "../understanding/index.js";

export interface Reading {
  emergency?: { suicideRisk: boolean };
  clinical: boolean;
  questions: { topic: ClinicTopic; plan?: string; method?: PaymentMethod }[];
  /** Asks for a booking too ("quanto custa? quero marcar"). */
  books: boolean;
  /** Some sentence ends in "?". */
  asks: boolean;
  tokens: string[];
}

// Days and times only decide whether "amanhã" books; any fixed day reads the same words.
const FIXED = { now: new Date(Date.UTC(2026, 0, 5, 12)), timeZone: "America/Sao_Paulo" };
const MAX_KEPT = 500;
const kept = new Map<string, Reading>();

export function readMessage(text: string): Reading {
  const known = kept.get(text);
  if (known) return known;
  const reading = read(text);
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(text, reading);
  return reading;
}

function read(text: string): Reading {
  const intents = understandMessage(text, FIXED);
  const { sentences } = prepareText(text);
  const emergency = intents.find((i) => i.kind === "emergency");
  return {
    ...(emergency?.kind === "emergency" ? { emergency: { suicideRisk: emergency.suicideRisk } } : {}),
    clinical: intents.some((i) => i.kind === "clinical"),
    questions: intents.flatMap((i) => (i.kind === "question" ? [{ topic: i.topic, ...(i.plan ? { plan: i.plan } : {}), ...(i.method ? { method: i.method } : {}) }] : [])),
    books: intents.some((i) => i.kind === "book"),
    asks: sentences.some((s) => s.question),
    tokens: sentences.flatMap((s) => s.tokens),
  };
}
