// The patient conversation: consent first (LGPD), then the name, then the
// main menu. Pure: state and input in, new state and effects out.
import { isPatientEvent } from "../../chat-events/types.js";
import { type BaseContext, type Effect, type FlowInput, type StepResult, reply } from "../types.js";
import { menu } from "../choices.js";
import { globalWord, isGreeting, isIdle, menuNumber, normalize, containsAny, saysAny } from "../understand.js";
import { appointmentActions, appointmentEvent, answeringReminder, answeringWaitlistOffer, confirmingCancel, listAppointments, myAppointments } from "./appointments.js";
import { answeringBirthDate, awaitingPayment, bookingEvent, choosingDay, choosingProcedure, choosingProfessional, choosingTime, confirmingBooking, leavingEffects as leaving, offeringWaitlist, type BookingContext } from "./booking.js";
import { onClinicEvent } from "./clinic-events.js";
import { steerBooking } from "./requests.js";
import { heardText, voiceNote } from "./voice.js";
import { bookingContextFor, carryDependant, dependantEvent, dependantStep, someoneElse, startBookingFor } from "./dependants.js";
import type { PatientContext } from "./context.js";
import { confirmingErasure, confirmingWithdrawal, privacyEvent, privacyMenu, privacyRequest, startPrivacyRequest } from "./privacy.js";
import type { BookingState, PatientState } from "./state.js";
import { documentEvent, myDocuments, showDocuments } from "./documents.js";
import { answeringCid, cidAnswered, cidAside } from "./cid-authorization.js";
import { dataSaved, givingData } from "./my-data.js";
import { choosingWaitlistTimes, offeredRebooking, waitlistEvent } from "./waitlist.js";
import { CONSENT_TEXT_VERSION, mediaNames, patientTexts as t } from "./texts.js";
import { describeOpening, type ReceptionAvailability } from "../../scheduling/reception-hours.js";
import { askModel, beforeConsentAside, clinicAside, menuAside, modelAnswered } from "./asides.js";
import { closedDayTyped, slotsNearClosedDay } from "./closed-days.js";
import { everydayWords, nameAnswer, pendingOf, reminderAck } from "./everyday.js";
import { emergencyEffects, readSafety } from "./safety.js";
import { safetyTexts } from "./safety-texts.js";

export type { PatientContext, PatientView } from "./context.js";

// States the clinic started (a reminder, a waitlist offer) or that wait on the
// patient's bank (an open Pix): a patient who answers hours later is
// answering them, not coming back from an idle chat.
const CLINIC_STARTED = new Set<PatientState["type"]>(["awaitingPayment", "answeringReminder", "answeringWaitlistOffer", "answeringCid", "offeredRebooking", "givingData"]);
// States where "cancelar" answers the question instead of leaving it.
const CANCEL_IS_AN_ANSWER = new Set<PatientState["type"]>(["awaitingPayment", "appointmentActions", "answeringReminder", "confirmingCancel"]);

function bookingContext(ctx: PatientContext, state?: PatientState): BookingContext {
  return bookingContextFor(ctx, state && "forPatientId" in state ? state.forPatientId : undefined);
}


type Result = StepResult<PatientState>;

const to = (state: PatientState, ...effects: Effect[]): Result => ({ state, effects });

export function patientStep(state: PatientState, input: FlowInput, ctx: PatientContext): Result {
  return carryDependant(state, turn(state, input, ctx));
}

function turn(state: PatientState, input: FlowInput, ctx: PatientContext): Result {
  // A reaction (an emoji on an earlier message) is not a turn to answer.
  if (input.kind === "reaction") return to(state);
  const heard = heardText(input, ctx);
  if (heard) return patientStep(state, heard.input, heard.ctx);
  const voice = voiceNote(state, input, ctx);
  if (voice) return voice;
  if (input.kind === "event") return onEvent(state, input, ctx);
  if (input.kind === "clinicEvent") return input.clinicEvent && isPatientEvent(input.clinicEvent) ? onClinicEvent(state, input.clinicEvent, ctx) : to(state);
  const text = normalize(input.text);
  // An emergency comes before everything, consent included (safety.ts).
  const safety = input.kind === "text" ? readSafety(input.text) : undefined;
  if (safety?.kind === "emergency") return to(state, ...emergencyEffects(safety.suicideRisk, ctx.handoffMinutes));
  if (globalWord(text) === "human") return handoff(ctx);
  if (text === "aguardar" && state.type === "menu") return waitForReception(ctx);
  if (!ctx.patient?.consentGranted) return (input.kind === "text" && beforeConsentAside(state, input.text ?? "", ctx)) || onboarding(state, text, ctx, input.text);
  if (!ctx.patient.name) return askingName(state, input, text, ctx);
  if (isIdle(ctx) && state.type !== "menu" && state.type !== "start" && !CLINIC_STARTED.has(state.type)) {
    return to({ type: "menu" }, ...leaving(state), reply(t.idleReset), menu(t.menu));
  }
  const word = globalWord(text);
  if (word === "menu") return to({ type: "menu" }, ...leaving(state), menu(t.menu));
  if (word === "help") return to(state, reply(t.help));
  // "cancelar" at the menu, with appointments ahead, is about them.
  if (word === "cancel" && state.type === "menu" && ctx.scheduling?.upcoming.length) return listAppointments(bookingContext(ctx));
  if (word === "cancel" && !CANCEL_IS_AN_ANSWER.has(state.type)) return to({ type: "menu" }, ...leaving(state), reply(t.cancelled), menu(t.menu));
  if (input.kind !== "text") return nonText(state, input);
  if (reminderAck(state, input.text ?? "")) return byState(state, "1", ctx, "1");
  const everyday = everydayWords(state, input.text ?? "", ctx, cleanName);
  if (everyday) return { state: everyday.state, effects: everyday.state.type === state.type ? everyday.effects : [...leaving(state), ...everyday.effects] };
  const aside = answerAside(state, text, ctx) ?? cidAside(state, text, input.text ?? "")
    ?? clinicAside(state, input.text ?? "", ctx) ?? closedDayTyped(state, input.text ?? "", ctx);
  if (aside) return aside;
  const request = privacyRequest(text);
  if (request) {
    const started = startPrivacyRequest(request);
    return { state: started.state, effects: [...leaving(state), ...started.effects] };
  }
  return steerBooking(state, input.text ?? "", bookingContext(ctx)) ?? byState(state, text, ctx, input.text ?? "");
}

// Words that answer what the clinic said in the middle of something else (clinic-events.ts):
// "confirmo presença" the next appointment, "quero a vaga" the open waitlist offer.
const ASIDE_IS_AN_ANSWER = new Set<PatientState["type"]>(["confirmingBooking", "awaitingPayment", "appointmentActions", "answeringReminder", "answeringWaitlistOffer"]);

function answerAside(state: PatientState, text: string, ctx: PatientContext): Result | undefined {
  if (ASIDE_IS_AN_ANSWER.has(state.type)) return undefined;
  const next = ctx.scheduling?.upcoming[0];
  if (next && containsAny(text, ["confirmo presenca", "confirmar presenca"])) {
    return to(state, { kind: "confirmAppointment", appointmentId: next.id });
  }
  if (ctx.openOffer && containsAny(text, ["quero a vaga"])) {
    return to(state, ...leaving(state), { kind: "answerWaitlistOffer", entryId: ctx.openOffer.entryId, appointmentId: ctx.openOffer.appointmentId, accept: true });
  }
  return undefined;
}

// The request is recorded first; the answer waits for the reception's hours (handoffOpened).
function handoff(ctx: BaseContext): Result {
  return to({ type: "menu" }, { kind: "handoff", minutes: ctx.handoffMinutes, wait: false });
}

function handoffOpened(state: PatientState, reception: ReceptionAvailability, ctx: BaseContext, urgent?: boolean): Result {
  if (urgent) return to(state, reply(safetyTexts.clinicTold(reception.kind === "open")));
  const opensAt = reception.kind === "open" ? null : reception.kind === "opens" ? describeOpening(new Date(reception.at), ctx.now, ctx.clinic.timeZone) : undefined;
  return to(state, reply(t.handoff(opensAt)));
}

/** "AGUARDAR" after asking for a person: the bot stays silent until someone answers. */
function waitForReception(ctx: BaseContext): Result {
  const hours = Math.max(1, Math.round(ctx.handoffMinutes / 60));
  return to({ type: "menu" }, { kind: "handoff", minutes: ctx.handoffMinutes, wait: true }, reply(t.handoffWaiting(hours)));
}

function onEvent(state: PatientState, input: FlowInput, ctx: PatientContext): Result {
  const booking = bookingContext(ctx, state);
  const event = input.event;
  if (event?.type === "cidAnswer") return cidAnswered(state, event.outcome);
  if (event?.type === "patientDataSaved") return dataSaved(state, event.documentComing);
  if (event?.type === "handoffOpened") return handoffOpened(state, event.reception, ctx, event.urgent);
  if (event?.type === "clinicQuestionMatched") return modelAnswered(state, event.index, ctx);
  const nearClosed = event?.type === "slotsFound" ? slotsNearClosedDay(state, event.slots, ctx) : undefined;
  if (nearClosed) return nearClosed;
  return dependantEvent(event, ctx) ?? bookingEvent(state as BookingState, input, booking) ?? waitlistEvent(event, booking) ?? appointmentEvent(input, booking)
    ?? privacyEvent(input) ?? documentEvent(state, event) ?? to(state);
}

function byState(state: PatientState, text: string, ctx: PatientContext, rawText: string): Result {
  const booking = bookingContext(ctx, state);
  switch (state.type) {
    case "choosingProcedure":
      return someoneElse(text) ?? choosingProcedure(state, text, booking);
    case "choosingWhoFor":
    case "registeringDependant":
      return dependantStep(state, text, rawText, ctx);
    case "choosingProfessional":
      return choosingProfessional(state, text, booking);
    case "askingBirthDate":
      return answeringBirthDate(state, rawText, booking);
    case "choosingDay":
      return choosingDay(state, text, booking);
    case "choosingTime":
      return choosingTime(state, text, booking);
    case "confirmingBooking":
      return confirmingBooking(state, text, booking);
    case "awaitingPayment":
      return awaitingPayment(state, text, booking);
    case "offeringWaitlist":
      return offeringWaitlist(state, text);
    case "myAppointments":
      return myAppointments(state, text, booking);
    case "appointmentActions":
      return appointmentActions(state, text, booking);
    case "confirmingCancel":
      return confirmingCancel(state, text);
    case "answeringReminder":
      return answeringReminder(state, text, booking);
    case "answeringWaitlistOffer":
      return answeringWaitlistOffer(state, text);
    case "choosingWaitlistTimes":
      return choosingWaitlistTimes(state, text);
    case "offeredRebooking":
      return offeredRebooking(state, text, booking) ?? mainMenu(text, ctx, rawText);
    case "privacy":
      return privacyMenu(text);
    case "confirmingErasure":
      return confirmingErasure(text);
    case "confirmingWithdrawal":
      return confirmingWithdrawal(text);
    case "myDocuments":
      return myDocuments(state, text, ctx.documents);
    case "givingData":
      return givingData(state, rawText);
    case "answeringCid":
      return answeringCid(state, text, rawText);
    case "start":
    case "awaitingConsent":
    case "consentDeclined":
    case "awaitingName":
      return to({ type: "menu" }, reply(t.welcomeBack(firstName(ctx.patient?.name ?? ""))), menu(t.menu));
    case "menu":
      return mainMenu(text, ctx, rawText);
  }
}

function onboarding(state: PatientState, text: string, ctx: PatientContext, rawText?: string): Result {
  const clinic = ctx.clinic.name;
  if (state.type === "start" || (state.type !== "awaitingConsent" && state.type !== "consentDeclined")) {
    return to({ type: "awaitingConsent", ...pendingOf(rawText) }, reply(t.welcome(clinic)), menu(t.consent(clinic)));
  }
  const answer = consentAnswer(text);
  // Back after a long silence, "oi" alone would get "responda 1 ou 2" with
  // the question out of sight: ask it again in full.
  if (answer === undefined && state.type === "awaitingConsent" && isIdle(ctx)) {
    return to(state, reply(t.welcome(clinic)), menu(t.consent(clinic)));
  }
  // After a refusal or a withdrawal the menu numbers mean other things
  // ("1" to book): only words count as giving consent again.
  const consents = answer === "yes" && !(state.type === "consentDeclined" && menuNumber(text) !== undefined);
  if (consents) {
    const granted = { kind: "recordConsent", granted: true, textVersion: CONSENT_TEXT_VERSION } as const;
    const known = ctx.patient?.name;
    if (known) return to({ type: "menu" }, granted, reply(t.welcomeBack(firstName(known))), menu(t.menu));
    const pending = state.type === "awaitingConsent" ? state.pending : undefined;
    return to({ type: "awaitingName", ...(pending ? { pending } : {}) }, granted, reply(t.askName));
  }
  if (state.type === "consentDeclined") return to(state, reply(t.stillDeclined));
  if (answer === "no") return to({ type: "consentDeclined" }, reply(t.consentDeclined));
  if (globalWord(text) === "help") return to(state, reply(t.help), menu(t.consent(clinic)));
  return to(state, reply(t.consentRetry));
}

function consentAnswer(text: string): "yes" | "no" | undefined {
  const number = menuNumber(text);
  // A "não" anywhere wins: "ok, não concordo" must never be recorded as consent.
  if (number === 2 || saysAny(text, ["n", "recuso"]) || containsAny(text, ["nao"])) return "no";
  if (number === 1 || saysAny(text, ["sim", "aceito", "concordo", "ok", "pode", "claro", "s"])) return "yes";
  return undefined;
}

function askingName(state: PatientState, input: FlowInput, text: string, ctx: PatientContext): Result {
  const waiting: PatientState = state.type === "awaitingName" ? state : { type: "awaitingName" };
  if (globalWord(text) === "help") return to(waiting, reply(t.help), reply(t.askName));
  // A voice note never reaches here: voice.ts answers it first (heard, refused, or "please write").
  if (input.kind !== "text" || globalWord(text)) return to(waiting, reply(t.nameInvalid));
  // The request kept from before the name is carried out as if asked at the menu.
  return nameAnswer(waiting, input, ctx, (pending) => mainMenu(normalize(pending), ctx, pending), cleanName);
}

/** "  maria  da silva " -> "Maria da Silva"; digits or symbols -> undefined. */
export function cleanName(raw: string): string | undefined {
  const collapsed = raw.replace(/\s+/g, " ").trim();
  if (collapsed.length < 2 || collapsed.length > 80) return undefined;
  if (!/^[\p{Letter}][\p{Letter}' .-]*$/u.test(collapsed)) return undefined;
  const lowerWords = new Set(["da", "de", "do", "das", "dos", "e"]);
  return collapsed
    .split(" ")
    .map((word, index) => {
      const lower = word.toLocaleLowerCase("pt-BR");
      if (index > 0 && lowerWords.has(lower)) return lower;
      return lower.charAt(0).toLocaleUpperCase("pt-BR") + lower.slice(1);
    })
    .join(" ");
}

export function firstName(name: string): string {
  return name.split(" ")[0] ?? name;
}

const MENU_WORDS: Record<number, readonly string[]> = {
  1: ["agendar", "marcar", "agendamento", "consulta", "horario", "marcar consulta"],
  2: ["minhas consultas", "meus agendamentos", "remarcar", "desmarcar", "cancelar"],
  3: ["documentos", "meus documentos", "receita", "atestado", "exames"],
  4: ["falar com a recepcao", "recepcao"],
  5: ["privacidade", "meus dados", "lgpd", "dados"],
};

// Option 1 holds the most general words ("consulta"), so it is tried last:
// "quero remarcar minha consulta" is option 2, "receita da consulta" option 3.
const MENU_WORD_ORDER = [2, 3, 4, 5, 1] as const;

function menuChoice(text: string): number | undefined {
  const number = menuNumber(text);
  if (number !== undefined) return number;
  return MENU_WORD_ORDER.find((choice) => containsAny(text, MENU_WORDS[choice] ?? []));
}

function mainMenu(text: string, ctx: PatientContext, rawText = text): Result {
  const aside = menuNumber(text) === undefined ? menuAside(rawText, ctx, () => startBookingFor(text, ctx), menuChoice(text) !== undefined) : undefined;
  if (aside) return aside;
  switch (menuChoice(text)) {
    case 1:
      return startBookingFor(text, ctx);
    case 2:
      return listAppointments(bookingContext(ctx));
    case 3:
      return showDocuments(ctx.documents);
    case 4:
      return handoff(ctx);
    case 5:
      return to({ type: "privacy" }, menu(t.privacy));
    default:
      if (isGreeting(text)) return to({ type: "menu" }, menu(t.menu));
      return askModel(rawText, ctx) ?? to({ type: "menu" }, menu(t.notUnderstood));
  }
}

/** A photo, a file or a sticker where text was asked (a voice note is voice.ts's). */
function nonText(state: PatientState, input: FlowInput): Result {
  return to(state, reply(t.mediaNotExpected(mediaNames[input.kind] ?? mediaNames.other!)));
}
