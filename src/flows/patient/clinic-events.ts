// What the clinic starts in a patient's chat (src/chat-events/types.ts),
// whatever the patient was doing when it came. A patient at rest (at the
// menu, answering an earlier reminder or offer, or back after a long
// silence) gets the question with its numbered answers, and the chat waits
// for them. A patient in the middle of something keeps their question: the
// news comes with words to answer it by ("confirmo presença", "quero a
// vaga"), so their next "2" still means what it meant before.
import type { AppointmentFacts, PatientChatEvent } from "../../chat-events/types.js";
import { type Effect, type ReplyTemplate, type StepResult, reply } from "../types.js";
import { menu } from "../choices.js";
import { isIdle } from "../understand.js";
import { leavingEffects } from "./booking.js";
import { bookingTexts as b } from "./booking-texts.js";
import { chatChangeVerdict } from "./change-rules.js";
import { clinicEventTexts as c } from "./clinic-event-texts.js";
import { formatPrice, slotLabel } from "./slot-view.js";
import { waitlistTexts as w } from "./waitlist-texts.js";
import type { PatientState } from "./state.js";
import type { PatientContext } from "./context.js";
import { dataRequested } from "./my-data.js";
import { voiceNoteUnheard } from "./voice.js";

type Result = StepResult<PatientState>;
const to = (state: PatientState, ...effects: Effect[]): Result => ({ state, effects });

/** States whose numbers the clinic may take over: nothing of the patient's own is waiting for an answer there. */
const AT_REST = new Set<PatientState["type"]>(["start", "menu", "answeringReminder", "answeringWaitlistOffer", "offeredRebooking"]);
/** Where the end of an offer may take the chat: nothing else is asked there (an open reminder or another offer keeps its numbers). */
const FREE = new Set<PatientState["type"]>(["start", "menu", "offeredRebooking"]);

function atRest(state: PatientState, ctx: PatientContext): boolean {
  if (AT_REST.has(state.type)) return true;
  // Back after a long silence the patient's next message would start over anyway; an open CID question is kept.
  return isIdle(ctx) && state.type !== "answeringCid" && state.type !== "givingData" && Boolean(ctx.patient?.consentGranted);
}

/** Takes the chat over from a resting state, giving back a slot held there. */
function takeOver(state: PatientState, next: PatientState, ...effects: Effect[]): Result {
  return to(next, ...leavingEffects(state), ...effects);
}

const when = (a: AppointmentFacts, ctx: PatientContext) =>
  slotLabel({ startsAt: a.startsAt, endsAt: a.endsAt, professionalId: a.professionalId }, ctx.clinic.timeZone);

/**
 * The message also names its WhatsApp template, for a patient silent for 24 hours (Cloud API): its parameters are
 * the same facts, worded as the message words them ("retorno", "qua, 25/11 às 10:00", "Dra. Ana Souza").
 */
const asTemplate = (effect: Effect, purpose: ReplyTemplate["purpose"], ...params: string[]): Effect =>
  effect.kind === "reply" || effect.kind === "sendMedia" ? { ...effect, template: { purpose, params } } : effect;
/** When the reminder goes, as the chat says it; null (none will) and undefined (not known) pass through. */
const reminderLabel = (reminderAt: string | null | undefined, a: AppointmentFacts, ctx: PatientContext) =>
  reminderAt ? slotLabel({ startsAt: reminderAt, endsAt: reminderAt, professionalId: a.professionalId }, ctx.clinic.timeZone) : reminderAt;

const waitingFor = (state: PatientState, appointmentId: string) => state.type === "awaitingPayment" && state.appointmentId === appointmentId;

type Handlers = { [K in PatientChatEvent["type"]]: (state: PatientState, event: Extract<PatientChatEvent, { type: K }>, ctx: PatientContext) => Result };

const handlers: Handlers = {
  reminderDue: (state, { appointment: a }, ctx) => {
    const what = a.procedureName.toLowerCase();
    const template = (effect: Effect) => asTemplate(effect, "appointment_reminder", what, when(a, ctx), a.professionalName);
    if (!atRest(state, ctx)) return to(state, template(reply(c.reminderAside(when(a, ctx), a.professionalName, what))));
    const change = chatChangeVerdict({ id: a.appointmentId, startsAt: a.startsAt }, "cancel", ctx);
    return takeOver(state, { type: "answeringReminder", appointmentId: a.appointmentId },
      template(menu(b.reminder(when(a, ctx), a.professionalName, what, change.allowed, change.noticeHours))));
  },
  waitlistOfferOpened: (state, { entryId, appointment: a, holdMinutes }, ctx) => {
    const template = (effect: Effect) =>
      asTemplate(effect, "waitlist_offer", `${a.procedureName.toLowerCase()} ${when(a, ctx)}`, a.professionalName, String(holdMinutes));
    if (!atRest(state, ctx)) return to(state, template(reply(c.waitlistOfferAside(when(a, ctx), a.professionalName, holdMinutes))));
    return takeOver(state, { type: "answeringWaitlistOffer", entryId, appointmentId: a.appointmentId },
      template(menu(b.waitlistOffer(when(a, ctx), a.professionalName, holdMinutes))));
  },
  // A chat still waiting on this offer, or free, may answer "1" to book now; a patient who moved on stays where they are.
  waitlistOfferExpired: (state, { entryId, passedOn, procedureId, professionalId }) => {
    const free = FREE.has(state.type) || (state.type === "answeringWaitlistOffer" && state.entryId === entryId);
    if (!free || !procedureId) return to(state, reply(w.expired(passedOn, false)));
    return to({ type: "offeredRebooking", procedureId, professionalId, lapsedOffer: true }, reply(w.expired(passedOn, true)));
  },
  appointmentCancelledByClinic: (state, { appointment: a, procedureId, reason }, ctx) => {
    const what = a.procedureName.toLowerCase();
    if (!atRest(state, ctx)) return to(state, reply(c.cancelledByClinicAside(what, when(a, ctx), a.professionalName, reason)));
    return takeOver(state, { type: "offeredRebooking", procedureId, professionalId: a.professionalId, lapsedOffer: false },
      reply(c.cancelledByClinic(what, when(a, ctx), a.professionalName, reason)));
  },
  appointmentBookedForYou: (state, { appointment: a, reminderAt }, ctx) => to(state,
    asTemplate(reply(c.bookedForYou(a.procedureName, when(a, ctx), a.professionalName, reminderLabel(reminderAt, a, ctx))),
      "booking_confirmed", a.procedureName.toLowerCase(), when(a, ctx), a.professionalName)),
  paymentApproved: (state, { appointment: a, amountCents, late, reminderAt }, ctx) => {
    const price = formatPrice(amountCents);
    const text = late
      ? b.paymentLateBooked(price, when(a, ctx), a.professionalName)
      : b.paymentReceived(price, when(a, ctx), a.professionalName, reminderLabel(reminderAt, a, ctx));
    return to(waitingFor(state, a.appointmentId) ? { type: "menu" } : state,
      asTemplate(reply(text), "payment_approved", price, `${a.procedureName.toLowerCase()} ${when(a, ctx)}`));
  },
  // The Pix question stays open: "1" makes a new code.
  paymentRejected: (state, { appointmentId }) => to(state, reply(waitingFor(state, appointmentId) ? b.paymentFailed : c.paymentFailedAside)),
  paymentRefunding: (state, { appointmentId, amountCents, reason }) => {
    const price = formatPrice(amountCents);
    return to(waitingFor(state, appointmentId) ? { type: "menu" } : state, reply(reason === "slotTaken" ? b.paymentLateRefund(price) : b.paymentNotNeeded(price)));
  },
  paymentRefunded: (state, { amountCents }) => to(state, reply(b.paymentRefunded(formatPrice(amountCents)))),
  paymentExpired: (state, { appointment: a }, ctx) =>
    to(waitingFor(state, a.appointmentId) ? { type: "menu" } : state,
      asTemplate(reply(b.paymentExpired(when(a, ctx))), "payment_expired", `${a.procedureName.toLowerCase()} ${when(a, ctx)}`)),
  documentIssued: (state, { pdf, professionalName, secretCode, forName }) => to(state, {
    kind: "sendMedia", media: "document", mediaId: pdf.mediaId, mimetype: "application/pdf", filename: pdf.filename,
    caption: c.documentCaption(pdf.kind, professionalName, pdf.verificationCode, secretCode, forName),
    template: { purpose: "document_ready", params: [professionalName] },
  }),
  // The doctor waits on this answer: the question takes the chat, as a reminder does at rest.
  documentRevoked: (state, { kind, verificationCode, reason, professionalName }) =>
    to(state, reply(c.documentRevoked(kind, verificationCode, reason, professionalName))),
  // The doctor waits on this answer too; a document is issued as soon as it comes.
  patientDataRequested: (state, event) => {
    const asked = dataRequested(event);
    // The template speaks of a prescription ("sua receita"): another document waits behind the generic one.
    const effects = event.documentKind === "prescription" ? asked.effects.map((e, i) => (i === 0 ? asTemplate(e, "prescription_details", event.professionalName) : e)) : asked.effects;
    return takeOver(state, asked.state, ...effects);
  },
  // A heard voice note is read as the patient's text before it gets here (step.ts); with consent withdrawn it says nothing.
  voiceNoteHeard: (state) => to(state),
  voiceNoteUnheard: (state, event) => voiceNoteUnheard(state, event),
  // A patient choosing a time keeps their numbers: the question comes aside, answered by "autorizo CID" (cid-authorization.ts).
  cidAuthorizationRequested: (state, { requestId, cid10, daysOff, professionalName }, ctx) => {
    if (!atRest(state, ctx) && state.type !== "answeringCid") return to(state, reply(c.cidQuestionAside(professionalName, cid10, daysOff)));
    return takeOver(state, { type: "answeringCid", requestId, cid10, daysOff }, reply(c.cidQuestion(professionalName, cid10, daysOff)));
  },
};

export function onClinicEvent(state: PatientState, event: PatientChatEvent, ctx: PatientContext): Result {
  // Consent withdrawn after the event was raised: the clinic starts nothing here, and the chat stays as it is.
  if (ctx.patient?.consentWithdrawn) return to(state);
  return (handlers[event.type] as (state: PatientState, event: PatientChatEvent, ctx: PatientContext) => Result)(state, event, ctx);
}
