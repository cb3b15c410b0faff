// Something asked in the middle of something else: a clinic question during a
// booking is answered, then the open question is asked again and the state
// stays as it was ("onde fica a clínica?" while choosing a time, then the
// list of times again).
import { eligibility } from "../../scheduling/eligibility.js";
import { reply, type Effect, type StepResult } from "../types.js";
import { menu } from "../choices.js";
import { bookingTexts as b } from "./booking-texts.js";
import { answerClinicQuestion, clinicEntries, readClinicQuestion, type ClinicQuestion } from "./clinic-info.js";
import { clinicInfoTexts as c, resumeTexts as r } from "./clinic-info-texts.js";
import type { PatientContext } from "./context.js";
import { clinicalReply, readSafety } from "./safety.js";
import { emptySchedulingView } from "./scheduling-view.js";
import { dayLabel, formatPrice, localSlot, slotLabel } from "./slot-view.js";
import type { PatientState } from "./state.js";
import { patientTexts as t } from "./texts.js";
import { waitlistTexts as w } from "./waitlist-texts.js";

type Result = StepResult<PatientState>;

// Where free text is the patient's own data (an address, a CID answer): nothing is read as a question.
const TYPING_DATA = new Set<PatientState["type"]>(["givingData", "answeringCid"]);
const MAX_TIMES = 12;

/** A clinic question asked while another question is open: the answer, then the open question again. */
export function clinicAside(state: PatientState, text: string, ctx: PatientContext): Result | undefined {
  if (TYPING_DATA.has(state.type) || state.type === "menu") return undefined;
  const question = readClinicQuestion(text, ctx, true);
  // "é normal doer depois?" in the middle of a booking: no advice, then the open question.
  const clinical = !question && /\?/.test(text) && readSafety(text)?.kind === "clinical";
  if (!question && !clinical) return undefined;
  const said = question ? answers(question, text, ctx) : [clinicalReply()];
  return { state, effects: [...said, ...resumeEffects(state, ctx)] };
}

export function answers(question: ClinicQuestion, text: string, ctx: PatientContext): Effect[] {
  return answerClinicQuestion(question, text, ctx).map((answer) => reply(answer));
}

/** The model chose entry `index` of clinicEntries (or none): its answer, or what the state says to text it did not understand. */
export function modelChoice(index: number | null, ctx: PatientContext): Effect[] | undefined {
  const entry = index === null ? undefined : clinicEntries(ctx)[index];
  if (!entry) return undefined;
  return answers({ keys: [entry.key], alsoBooks: false }, "", ctx);
}

/** The open question of a state, asked again. */
export function resumeEffects(state: PatientState, ctx: PatientContext): Effect[] {
  const prompt = promptOf(state, ctx);
  return prompt ? [reply(`${c.backTo}\n${prompt}`)] : [];
}

function promptOf(state: PatientState, ctx: PatientContext): string | undefined {
  const scheduling = ctx.scheduling ?? emptySchedulingView;
  const zone = ctx.clinic.timeZone;
  switch (state.type) {
    case "choosingProcedure": {
      const lastCompletedAt = scheduling.lastCompletedAt ? new Date(scheduling.lastCompletedAt) : null;
      const procedures = scheduling.procedures.filter((p) => eligibility(p, { lastCompletedAt }, ctx.now).eligible);
      return b.chooseProcedure(procedures.map((p) => `${p.name} (${p.durationMinutes} min, ${formatPrice(p.priceCents)})`));
    }
    case "choosingProfessional": {
      const procedure = scheduling.procedures.find((p) => p.id === state.procedureId);
      return b.chooseProfessional(scheduling.professionals.filter((p) => procedure?.professionalIds.includes(p.id)).map((p) => p.name));
    }
    case "choosingDay":
      return state.days.length > 0 ? b.chooseDay(state.days.map(dayLabel)) : undefined;
    case "choosingTime": {
      const offset = state.offset ?? 0;
      const shown = state.options.slice(offset, offset + MAX_TIMES).map((slot) => {
        const time = localSlot(slot, zone).time;
        return state.professionalId ? time : `${time} - ${scheduling.professionals.find((p) => p.id === slot.professionalId)?.name ?? ""}`;
      });
      return b.chooseTime(dayLabel(state.date), shown, offset + MAX_TIMES < state.options.length);
    }
    case "confirmingBooking":
      return r.confirmBooking;
    case "awaitingPayment":
      return state.deadline ? b.pixWaiting(slotLabel({ startsAt: state.deadline, endsAt: state.deadline, professionalId: "" }, zone)) : b.pixUnavailable;
    case "offeringWaitlist":
      return b.noSlots;
    case "myAppointments":
      return r.pickAppointment;
    case "appointmentActions":
      return r.appointmentActions;
    case "confirmingCancel":
      return r.confirmCancel;
    case "answeringReminder":
      return b.reminderInvalid;
    case "answeringWaitlistOffer":
      return r.waitlistOffer;
    case "choosingWaitlistTimes":
      return w.askTimes;
    case "offeredRebooking":
      return r.rebook;
    case "privacy":
      return t.privacy;
    case "confirmingErasure":
    case "confirmingWithdrawal":
      return r.yesNo;
    case "myDocuments":
      return r.pickDocument;
    default:
      return r.other;
  }
}

/** Before consent: clinic information needs no personal data; the consent question follows. */
export function beforeConsentAside(state: PatientState, text: string, ctx: PatientContext): Result | undefined {
  const question = readClinicQuestion(text, ctx, false);
  const clinical = readSafety(text)?.kind === "clinical";
  if (!question && !clinical) return undefined;
  const said = [...(clinical ? [clinicalReply()] : []), ...(question ? answers(question, text, ctx) : [])];
  if (state.type === "consentDeclined") return { state, effects: [...said, reply(t.stillDeclined)] };
  if (state.type === "awaitingConsent") return { state, effects: [...said, reply(`${c.beforeConsent}\n${t.consentRetry}`)] };
  return { state: { type: "awaitingConsent" }, effects: [...said, reply(t.welcome(ctx.clinic.name)), menu(t.consent(ctx.clinic.name))] };
}

/**
 * At the menu: a clinic question is answered (and a booking asked in the same
 * message started after it); a clinical question is offered a consultation.
 * `book` starts the booking the message asked for; `menuWord`: the text names a menu option.
 */
export function menuAside(text: string, ctx: PatientContext, book: () => Result, menuWord: boolean): Result | undefined {
  const question = readClinicQuestion(text, ctx, false);
  // "a receita da consulta" names a menu option (documents); "o que eu tomo pra febre?" names none.
  const clinical = !menuWord && readSafety(text)?.kind === "clinical";
  if (!question && !clinical) return undefined;
  const said = [...(clinical ? [clinicalReply()] : []), ...(question ? answers(question, text, ctx) : [])];
  if (question?.alsoBooks) {
    const booking = book();
    return { state: booking.state, effects: [...said, ...booking.effects] };
  }
  return { state: { type: "menu" }, effects: [...said, ...(clinical ? [] : [reply(c.afterAnswer)])] };
}

/** Nothing understood at the menu: a model may still match the clinic's entries. */
export function askModel(text: string, ctx: PatientContext): Result | undefined {
  const entries = clinicEntries(ctx);
  if (!ctx.questionMatching || entries.length === 0 || text.trim().length < 4) return undefined;
  return { state: { type: "menu" }, effects: [{ kind: "matchClinicQuestion", text, questions: entries.map((e) => e.question) }] };
}

export function modelAnswered(state: PatientState, index: number | null, ctx: PatientContext): Result {
  const chosen = modelChoice(index, ctx);
  return chosen ? { state, effects: [...chosen, reply(c.afterAnswer)] } : { state, effects: [reply(t.notUnderstood)] };
}
