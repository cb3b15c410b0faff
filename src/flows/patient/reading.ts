// What a patient's message says that does not depend on the day or the
// clinic: an emergency sign, a clinical question, a question about the
// clinic, a booking. Every text turn reads it (an emergency comes first
// anywhere), so it is kept for the same text: reading one message through
// every cue takes about a millisecond, and chats repeat "1", "sim", "oi".
import { prepareText, readName, understandMessage, type ClinicTopic, type IntentKind, type NameReading, type PaymentMethod } from "../understanding/index.js";

export interface Reading {
  emergency?: { suicideRisk: boolean };
  clinical: boolean;
  questions: { topic: ClinicTopic; plan?: string; method?: PaymentMethod }[];
  /** Asks for a booking too ("quanto custa? quero marcar"). */
  books: boolean;
  /** Asks for something to be done (book, cancel, reschedule, confirm, see appointments): kept across consent and the name question. */
  request: boolean;
  human: boolean;
  confirm: boolean;
  /** "obrigada!", "ok", "👍", "tchau" and nothing else. */
  smallTalk: "thanks" | "ack" | "goodbye" | undefined;
  /** "meu nome é Maria Souza". */
  statedName?: string;
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
  const named = intents.find((i) => i.kind === "name");
  return {
    ...(emergency?.kind === "emergency" ? { emergency: { suicideRisk: emergency.suicideRisk } } : {}),
    clinical: intents.some((i) => i.kind === "clinical"),
    questions: intents.flatMap((i) => (i.kind === "question" ? [{ topic: i.topic, ...(i.plan ? { plan: i.plan } : {}), ...(i.method ? { method: i.method } : {}) }] : [])),
    books: intents.some((i) => i.kind === "book"),
    request: intents.some((i) => ["book", "cancel", "reschedule", "confirm", "appointmentInfo"].includes(i.kind)),
    human: intents.some((i) => i.kind === "human"),
    confirm: intents.some((i) => i.kind === "confirm"),
    smallTalk: smallTalkOf(intents.map((i) => i.kind)),
    ...(named?.kind === "name" ? { statedName: named.name } : {}),
    asks: sentences.some((s) => s.question),
    tokens: sentences.flatMap((s) => s.tokens),
  };
}

const SMALL_TALK = new Set<IntentKind>(["greeting", "thanks", "ack", "goodbye", "affirm"]);

function smallTalkOf(kinds: IntentKind[]): Reading["smallTalk"] {
  if (kinds.length === 0 || !kinds.every((k) => SMALL_TALK.has(k))) return undefined;
  if (kinds.includes("thanks")) return "thanks";
  if (kinds.includes("goodbye")) return "goodbye";
  return kinds.includes("ack") ? "ack" : undefined;
}

const names = new Map<string, NameReading>();

/** The answer to "Como você se chama?" read as a name or not (understanding/names.ts), kept like readMessage. */
export function readNameOf(text: string): NameReading {
  const known = names.get(text);
  if (known) return known;
  const reading = readName(text, FIXED);
  if (names.size >= MAX_KEPT) names.clear();
  names.set(text, reading);
  return reading;
}
