// What a patient's message asks for, read without a model: a list of intents
// with what was understood of each ("oi, quanto custa a consulta? e tem
// horário amanhã?" is a greeting, a price question and a booking for
// tomorrow). Pure and deterministic: the same text, `now` and zone always
// give the same answer. It decides nothing; the flow chooses what to do.
//
// Decisions:
// - Each sentence is read on its own; a day said in one sentence belongs to
//   the booking, cancellation or reschedule asked in it. In "quero desmarcar
//   a de terça e marcar na quinta" each cue takes the words up to the next cue.
// - A day or time with no other request ("pode ser dia 25 à tarde?") is a booking.
// - Cancelling and rescheduling in one message is a reschedule: "vou ter que
//   desmarcar, pode ser semana que vem?" wants a new time, not just a cancel.
// - An emergency sign wins over a clinical question; both are kept apart from
//   everything else so the flow can answer them first.
// - "sim", "não", "ok" and the like count only when the sentence asks nothing
//   else: "sim, vou" is a confirmation, "não vou poder ir" a cancellation.

import { parseWhen, type When } from "../../scheduling/parse-when.js";
import * as cue from "./cues.js";
import type { ClinicTopic, EmergencySign, PaymentMethod } from "./cues.js";
import { wishOf, type BookingWish, type Named } from "./booking-wish.js";
import { KNOWN_WORDS } from "./known-words.js";
import { findAny, type Hit } from "./match.js";
import { nameAt } from "./name-words.js";
import { prepareText, type Sentence } from "./text.js";

export type { ClinicTopic, EmergencySign, PaymentMethod } from "./cues.js";
export type { BookingWish, Named, SpokenRef } from "./booking-wish.js";

export interface UnderstandingContext {
  now: Date;
  /** The clinic's IANA zone: "amanhã" is the clinic's tomorrow. */
  timeZone: string;
  professionals?: readonly Named[];
  procedures?: readonly Named[];
}

export type Intent =
  | { kind: "greeting" }
  | { kind: "thanks" }
  | { kind: "ack" }
  | { kind: "goodbye" }
  | { kind: "affirm" }
  | { kind: "deny" }
  | { kind: "human" }
  | { kind: "confirm" }
  | { kind: "appointmentInfo" }
  | ({ kind: "cancel" } & Pick<BookingWish, "when">)
  | ({ kind: "reschedule" } & BookingWish)
  | ({ kind: "book" } & BookingWish)
  | { kind: "question"; topic: ClinicTopic; plan?: string; method?: PaymentMethod }
  | { kind: "emergency"; signs: EmergencySign[]; suicideRisk: boolean }
  | { kind: "clinical" }
  | { kind: "name"; name: string };

export type IntentKind = Intent["kind"];

const SMALL_TALK = new Set<IntentKind>(["greeting", "thanks", "ack", "goodbye", "affirm", "deny"]);

export function understandMessage(message: string, ctx: UnderstandingContext): Intent[] {
  const { sentences, emoji } = prepareText(message);
  const intents = sentences.flatMap((sentence, index) => readSentence(sentence, index, ctx));
  intents.push(...emojiIntents(emoji));
  return merge(intents);
}

function emojiIntents(emoji: readonly string[]): Intent[] {
  const intents: Intent[] = [];
  if (emoji.some((e) => ["👍", "👌", "✅", "🆗", "👊"].includes(e))) intents.push({ kind: "ack" });
  if (emoji.some((e) => ["🙏", "❤", "💙", "💜", "💚", "😘", "🥰", "🤗", "😍", "💕"].includes(e))) intents.push({ kind: "thanks" });
  return intents;
}

function has(sentence: Sentence, phrases: readonly string[]): Hit | undefined {
  return findAny(sentence.tokens, phrases, KNOWN_WORDS);
}

function readSentence(sentence: Sentence, index: number, ctx: UnderstandingContext): Intent[] {
  const found: Intent[] = [];
  const signs = cue.EMERGENCY.filter(([, phrases]) => has(sentence, phrases)).map(([sign]) => sign);
  if (signs.length > 0) found.push({ kind: "emergency", signs, suicideRisk: signs.includes("suicide") });
  else if (has(sentence, cue.CLINICAL)) found.push({ kind: "clinical" });
  found.push(...questions(sentence));
  if (has(sentence, cue.HUMAN)) found.push({ kind: "human" });
  if (has(sentence, cue.CONFIRM)) found.push({ kind: "confirm" });
  if (has(sentence, cue.APPOINTMENT_INFO)) found.push({ kind: "appointmentInfo" });
  const name = statedName(sentence);
  if (name) found.push({ kind: "name", name });
  const scheduled = scheduling(sentence, found, ctx);
  const all = [...dropAnsweredElsewhere(found, scheduled, sentence), ...scheduled];
  return [...smallTalk(sentence, index, all), ...all];
}

function smallTalk(sentence: Sentence, index: number, found: readonly Intent[]): Intent[] {
  const talk: Intent[] = [];
  const greeting = has(sentence, cue.GREETING);
  if ((greeting && greeting.start === 0 && index === 0) || has(sentence, cue.HOW_ARE_YOU)) talk.push({ kind: "greeting" });
  if (has(sentence, cue.THANKS)) talk.push({ kind: "thanks" });
  if (has(sentence, cue.GOODBYE)) talk.push({ kind: "goodbye" });
  const plain = found.every((intent) => SMALL_TALK.has(intent.kind));
  const ack = has(sentence, cue.ACK);
  // "tá" alone is "ok"; "tá doendo" is "it hurts".
  const leadingAck = ack?.start === 0 && !(sentence.tokens[0] === "esta" && sentence.tokens.length > 1 && !has(sentence, ["esta bom", "esta certo", "esta otimo"]));
  if (ack && (leadingAck || plain)) talk.push({ kind: "ack" });
  if (!plain) return talk;
  const first = sentence.tokens.slice(0, 3);
  if (findAny(first, cue.DENY, KNOWN_WORDS)?.start === 0) talk.push({ kind: "deny" });
  else if (findAny(first, cue.AFFIRM, KNOWN_WORDS)?.start === 0 && !leadingAck) talk.push({ kind: "affirm" });
  return talk;
}

function questions(sentence: Sentence): Intent[] {
  const found: Intent[] = [];
  const plan = planOf(sentence);
  for (const [topic, phrases] of Object.entries(cue.QUESTIONS) as [ClinicTopic, readonly string[]][]) {
    if (topic === "insurance") {
      if (plan !== undefined || has(sentence, phrases)) found.push({ kind: "question", topic, ...(plan ? { plan } : {}) });
      continue;
    }
    if (!has(sentence, phrases)) continue;
    if (topic === "payment") {
      const method = cue.PAYMENT_METHODS.find(([, words]) => has(sentence, words))?.[0];
      found.push({ kind: "question", topic, ...(method ? { method } : {}) });
    } else {
      found.push({ kind: "question", topic });
    }
  }
  return found;
}

/** "aceita unimed?" → "Unimed"; "atende pelo convênio Cemig Saúde?" → "Cemig Saúde". */
function planOf(sentence: Sentence): string | undefined {
  const asked = has(sentence, cue.QUESTIONS.insurance);
  for (const [name, phrases] of cue.PLANS) {
    const hit = has(sentence, phrases);
    if (!hit) continue;
    const taken = findAny(sentence.tokens.slice(Math.max(0, hit.start - 2), hit.start), cue.TAKES, KNOWN_WORDS);
    if (taken || asked || (sentence.question && hit.start === 0)) return name;
  }
  if (!asked) return undefined;
  const after = sentence.tokens.slice(asked.end);
  const skip = after.findIndex((token) => !["de", "saude", "o", "a", "do", "da", "e", "voces", "aceitam", "aceita"].includes(token));
  if (skip < 0) return undefined;
  const named = nameAt(sentence.tokens, sentence.raw, asked.end + skip);
  return named && !KNOWN_WORDS.has(sentence.tokens[asked.end + skip]!) ? named.name : undefined;
}

function statedName(sentence: Sentence): string | undefined {
  const hit = has(sentence, cue.NAME_STATEMENTS);
  if (!hit) return undefined;
  return nameAt(sentence.tokens, sentence.raw, hit.end, sentence.clauseStarts)?.name;
}

type SchedulingKind = "cancel" | "reschedule" | "book";

/** Booking, cancelling and rescheduling cues of a sentence, each with the day said after it. */
function scheduling(sentence: Sentence, found: readonly Intent[], ctx: UnderstandingContext): Intent[] {
  const tokens = withoutFarewells(sentence);
  const cues: { kind: SchedulingKind; hit: Hit }[] = [];
  for (const [kind, phrases] of [["cancel", cue.CANCEL], ["reschedule", cue.RESCHEDULE], ["book", cue.BOOK]] as const) {
    const hit = findAny(tokens, phrases, KNOWN_WORDS);
    if (hit) cues.push({ kind, hit });
  }
  const byNoun = findAny(tokens, cue.BOOK_BY_NOUN, KNOWN_WORDS);
  const asksOtherThings = cues.length > 0 || found.some((intent) => !SMALL_TALK.has(intent.kind) && intent.kind !== "name");
  if (byNoun && !asksOtherThings) cues.push({ kind: "book", hit: byNoun });
  cues.sort((a, b) => a.hit.start - b.hit.start);
  const whenOf = (from: number, to: number): When | undefined =>
    parseWhen(tokens.slice(from, to).join(" "), { now: ctx.now, timeZone: ctx.timeZone }) ?? undefined;
  const wish = wishOf(sentence, ctx);
  const asked = found.some((intent) => !SMALL_TALK.has(intent.kind) && intent.kind !== "name");
  const intents: Intent[] = cues.map(({ kind }, i) => {
    const when = whenOf(i === 0 ? 0 : cues[i]!.hit.start, cues[i + 1]?.hit.start ?? tokens.length);
    if (kind === "cancel") return { kind, ...(when ? { when } : {}) };
    return { kind, ...(when ? { when } : {}), ...wish };
  });
  if (cues.length === 0) {
    const when = whenOf(0, tokens.length);
    // "com a Dra. Ana" or "amanhã à tarde" alone answers "when, with whom?".
    if (((when || wish.professional) && !asked) || wish.earliest) intents.push({ kind: "book", ...(when ? { when } : {}), ...wish });
  }
  return dropConflicts(foldIntoReschedule(intents), found, sentence);
}

/** "quero remarcar minha consulta para sexta": the booking words are part of the reschedule. */
function foldIntoReschedule(intents: Intent[]): Intent[] {
  const reschedule = intents.find((i) => i.kind === "reschedule");
  const book = intents.find((i) => i.kind === "book");
  if (!reschedule || !book) return intents;
  const merged = { ...book, ...reschedule, kind: "reschedule" } as Intent;
  return intents.filter((i) => i !== book).map((i) => (i === reschedule ? merged : i));
}

/** "até amanhã" says goodbye; it asks for no day. */
function withoutFarewells(sentence: Sentence): string[] {
  const farewell = has(sentence, cue.GOODBYE);
  if (!farewell) return sentence.tokens;
  return sentence.tokens.map((token, i) => (i >= farewell.start && i < farewell.end ? "" : token)).filter((t, i, all) => t !== "" || all[i - 1] !== "");
}

function dropConflicts(intents: Intent[], found: readonly Intent[], sentence: Sentence): Intent[] {
  const kinds = new Set([...intents, ...found].map((intent) => intent.kind));
  const topics = new Set(found.flatMap((intent) => (intent.kind === "question" ? [intent.topic] : [])));
  return intents.filter((intent) => {
    if (intent.kind === "cancel") return !kinds.has("reschedule");
    if (intent.kind !== "book") return true;
    if (kinds.has("appointmentInfo") || kinds.has("confirm")) return false;
    // "tem vaga no estacionamento?" asks about parking, not a time.
    return !(topics.has("parking") && has(sentence, ["vaga", "vagas"]));
  });
}

/** "preciso mudar o horário da minha consulta" asks for a change, not for the time it is. */
function dropAnsweredElsewhere(found: Intent[], scheduled: readonly Intent[], sentence: Sentence): Intent[] {
  const changing = scheduled.some((intent) => intent.kind === "cancel" || intent.kind === "reschedule");
  const price = found.some((intent) => intent.kind === "question" && intent.topic === "price");
  // "quanto é a consulta particular?" asks the price of paying directly, not about plans.
  const onlyParticular = !has(sentence, cue.QUESTIONS.insurance.filter((phrase) => phrase !== "particular"));
  return found.filter((intent) => {
    if (intent.kind === "appointmentInfo") return !changing;
    if (intent.kind === "question" && intent.topic === "insurance") return !(price && onlyParticular && intent.plan === undefined);
    return true;
  });
}

/** One intent of each kind (one question per topic), the first seen first; bookings said in parts become one. */
function merge(intents: readonly Intent[]): Intent[] {
  const merged: Intent[] = [];
  for (const intent of intents) {
    const twin = merged.findIndex((m) => m.kind === intent.kind && (m.kind !== "question" || (intent.kind === "question" && m.topic === intent.topic)));
    if (twin < 0) merged.push(intent);
    else merged[twin] = { ...intent, ...merged[twin] } as Intent;
  }
  const kinds = new Set(merged.map((i) => i.kind));
  // "vou ter que desmarcar. consigo remarcar pra sexta?" wants a new time, not just a cancel.
  if (kinds.has("cancel") && kinds.has("reschedule")) return merged.filter((i) => i.kind !== "cancel");
  return merged;
}
