// Questions about the clinic, answered from its own settings anywhere in the
// chat: "qual o endereço?", "aceita unimed?", "tem estacionamento?", and the
// clinic's own questions (faq). Read without a model (src/flows/understanding);
// a question nothing here matches may be matched by a model to the same
// entries (the clinicQuestionMatched event), which only chooses among them:
// every word the patient reads is the clinic's or this file's.
import { normalize } from "../understand.js";
import { matchFaq, type ClinicTopic, type PaymentMethod } from "../understanding/index.js";
import { KNOWN_WORDS } from "../understanding/known-words.js";
import { findAny } from "../understanding/match.js";
import { clinicInfoTexts as c } from "./clinic-info-texts.js";
import { emptyClinicInfo, type ClinicInfoView } from "./clinic-info-view.js";
import type { PatientContext } from "./context.js";
import { readMessage } from "./reading.js";
import { formatPrice } from "./slot-view.js";

export type InfoTopic = ClinicTopic | "preparation" | "phone";
/** A built-in topic, or one of the clinic's own questions by its index in `faq`. */
export type InfoKey = InfoTopic | `faq:${number}`;

export interface ClinicQuestion {
  keys: InfoKey[];
  plan?: string;
  method?: PaymentMethod;
  /** The whole message asks something else too (a booking): the flow carries that out after the answer. */
  alsoBooks: boolean;
}

const PREPARATION = ["preparo", "preparacao", "jejum", "como me preparo", "como devo me preparar", "o que levar", "preciso levar", "tenho que levar", "precisa levar", "devo levar"];
const PHONE = ["telefone", "numero de telefone", "numero fixo", "numero para ligar", "qual o numero de voces"];

/** The clinic question a message asks, if any. `strict` (in the middle of something): only a message that reads as a question. */
export function readClinicQuestion(text: string, ctx: PatientContext, strict: boolean): ClinicQuestion | undefined {
  const info = ctx.clinicInfo ?? emptyClinicInfo;
  if (!text.trim()) return undefined;
  const { asks, questions, tokens, books } = readMessage(text);
  const keys: InfoKey[] = [];
  let plan: string | undefined;
  let method: PaymentMethod | undefined;
  for (const intent of questions) {
    // "particular" or "plano" alone in the middle of a booking answers it; "aceita unimed?" asks.
    if (strict && intent.topic === "insurance" && !intent.plan && !asks) continue;
    keys.push(intent.topic);
    plan ??= intent.plan;
    method ??= intent.method;
  }
  if (findAny(tokens, PREPARATION, KNOWN_WORDS)) keys.push("preparation");
  if (findAny(tokens, PHONE, KNOWN_WORDS)) keys.push("phone");
  const faq = matchFaq(text, info.faq.map((entry, i) => ({ id: String(i), question: entry.question })));
  if (faq && (!strict || asks || keys.length > 0)) keys.push(`faq:${Number(faq.id)}`);
  if (keys.length === 0 || (strict && !asks && keys.every((k) => k === "preparation" || k === "phone"))) return undefined;
  return { keys, ...(plan ? { plan } : {}), ...(method ? { method } : {}), alsoBooks: books };
}

/** The answers, one per topic; "I don't know" ones only when nothing else is known. */
export function answerClinicQuestion(question: ClinicQuestion, text: string, ctx: PatientContext): string[] {
  const info = ctx.clinicInfo ?? emptyClinicInfo;
  const answers = question.keys.map((key) => answerOf(key, question, text, info));
  const known = answers.filter((a) => a.known).map((a) => a.text);
  return known.length > 0 ? [...new Set(known)] : [answers[0]!.text];
}

interface Answer {
  text: string;
  known: boolean;
}

const yes = (text: string): Answer => ({ text, known: true });
const no = (text: string): Answer => ({ text, known: false });

function answerOf(key: InfoKey, question: ClinicQuestion, text: string, info: ClinicInfoView): Answer {
  if (key.startsWith("faq:")) {
    const entry = info.faq[Number(key.slice(4))];
    return entry ? yes(entry.answer) : no(c.noParking);
  }
  switch (key as InfoTopic) {
    case "address":
      return info.address ? yes(c.address(fullAddress(info), mapsLink(info))) : no(c.noAddress);
    case "phone":
      return info.phone ? yes(c.phone(info.phone)) : no(c.noAddress);
    case "hours":
      return info.openingHours.length > 0 ? yes(c.hours(hourLines(info))) : no(c.noHours);
    case "price":
      return priceAnswer(text, info);
    case "insurance":
      return insuranceAnswer(question.plan, text, info);
    case "payment":
      return paymentAnswer(question.method, info);
    case "parking":
      return info.parking ? yes(c.parking(info.parking)) : no(c.noParking);
    case "preparation":
      return preparationAnswer(text, info);
  }
}

function fullAddress(info: ClinicInfoView): string {
  const address = info.address ?? "";
  return info.city && !normalize(address).includes(normalize(info.city)) ? `${address}, ${info.city}` : address;
}

/** The clinic's own link, or a Google Maps search for the address (Maps URLs: google.com/maps/search/?api=1&query=…). */
export function mapsLink(info: ClinicInfoView): string | null {
  if (info.mapsUrl) return info.mapsUrl;
  if (!info.address) return null;
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(fullAddress(info))}`;
}

/** "Segunda a sexta: 08:00 às 12:00 e 13:00 às 18:00": consecutive weekdays with the same hours read as one line. */
function hourLines(info: ClinicInfoView): string[] {
  const groups: { first: number; last: number; hours: string }[] = [];
  for (const day of info.openingHours) {
    const hours = c.list(day.intervals.map((i) => `${i.start} às ${i.end}`));
    const last = groups.at(-1);
    if (last && last.hours === hours && day.weekday === (last.last + 1) % 7) last.last = day.weekday;
    else groups.push({ first: day.weekday, last: day.weekday, hours });
  }
  return groups.map((g) => {
    const days = g.first === g.last ? c.weekday(g.first) : `${c.weekday(g.first)} a ${c.weekday(g.last).toLowerCase()}`;
    return `${days}: ${g.hours}`;
  });
}

function namedProcedures(text: string, info: ClinicInfoView) {
  const said = normalize(text);
  return info.procedures.filter((p) => said.includes(normalize(p.name)));
}

/** The private prices: the procedure the text names, or all of them; undefined when the clinic has none. */
function privatePrices(text: string, info: ClinicInfoView): string | undefined {
  if (info.procedures.length === 0) return undefined;
  const named = namedProcedures(text, info);
  return named.length === 1
    ? c.price(named[0]!.name, formatPrice(named[0]!.priceCents))
    : c.prices(info.procedures.map((p) => `- ${p.name}: ${formatPrice(p.priceCents)}`));
}

function priceAnswer(text: string, info: ClinicInfoView): Answer {
  const prices = privatePrices(text, info);
  if (!prices) return no(c.noPrices);
  return yes(`${prices}\n${info.insurancePlans.length > 0 ? c.plansTaken(info.insurancePlans) : c.privateOnly}`);
}

function insuranceAnswer(plan: string | undefined, text: string, info: ClinicInfoView): Answer {
  const prices = privatePrices(text, info);
  const priceLines = prices ? `\n${prices}` : "";
  if (!plan) {
    const base = info.insurancePlans.length > 0 ? c.plansTaken(info.insurancePlans) : c.privateOnly;
    return yes(`${base}${priceLines}`);
  }
  const taken = info.insurancePlans.find((p) => samePlan(p, plan));
  if (taken) return yes(c.takesPlan(taken));
  return yes(`${c.planNotTaken(plan, info.insurancePlans)}${priceLines}`);
}

/** "Bradesco Saúde" and "bradesco", "SulAmérica" and "Sul America Saúde" name the same plan. */
function samePlan(listed: string, asked: string): boolean {
  const squash = (s: string) => normalize(s).replace(/\b(saude|plano|de)\b/g, "").replace(/\s+/g, "");
  const a = squash(listed);
  const b = squash(asked);
  return a.length > 0 && b.length > 0 && (a === b || a.startsWith(b) || b.startsWith(a));
}

function paymentAnswer(method: PaymentMethod | undefined, info: ClinicInfoView): Answer {
  if (info.paymentMethods.length === 0) return no(c.noPayment);
  const names = info.paymentMethods.map(c.method);
  if (!method) return yes(c.payment(names));
  return yes(info.paymentMethods.includes(method) ? c.paymentYes(c.method(method)) : c.paymentNo(c.method(method), names));
}

function preparationAnswer(text: string, info: ClinicInfoView): Answer {
  const withPrep = info.procedures.filter((p) => p.preparation);
  const named = namedProcedures(text, info);
  const chosen = named.length > 0 ? named.filter((p) => p.preparation) : withPrep;
  if (chosen.length === 0) return no(c.noPreparation);
  return yes(chosen.map((p) => c.preparation(p.name, p.preparation!)).join("\n"));
}

/** The entries a model may choose among for a question nothing else matched: the topics the clinic can answer, then its own questions. */
export function clinicEntries(ctx: PatientContext): { key: InfoKey; question: string }[] {
  const info = ctx.clinicInfo ?? emptyClinicInfo;
  const entries: { key: InfoKey; question: string }[] = [];
  if (info.address) entries.push({ key: "address", question: "Qual o endereço da clínica? Onde fica?" });
  if (info.openingHours.length > 0) entries.push({ key: "hours", question: "Qual o horário de funcionamento?" });
  if (info.procedures.length > 0) entries.push({ key: "price", question: "Quanto custa a consulta? Quais os valores?" });
  entries.push({ key: "insurance", question: "Quais convênios (planos de saúde) vocês aceitam?" });
  if (info.paymentMethods.length > 0) entries.push({ key: "payment", question: "Quais as formas de pagamento?" });
  if (info.parking) entries.push({ key: "parking", question: "Tem estacionamento?" });
  if (info.procedures.some((p) => p.preparation)) entries.push({ key: "preparation", question: "Qual o preparo para o exame ou procedimento?" });
  if (info.phone) entries.push({ key: "phone", question: "Qual o telefone da clínica?" });
  info.faq.forEach((entry, i) => entries.push({ key: `faq:${i}`, question: entry.question }));
  return entries;
}
