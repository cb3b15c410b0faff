// Performs the booking effects of the patient flow inside the turn's
// transaction and reports each outcome as an event for the flow.
import type { Sql } from "../../db/database.js";
import type { ClinicRulesRow as ClinicRules } from "../../db/rows.js";
import { AppError } from "../../errors.js";
import type { Effect, FlowEvent, SlotOption } from "../../flows/types.js";
import { findFreeSlots, loadAgendaProfessionals, loadProcedure, type ProcedureRow } from "../../scheduling/agenda.js";
import { firstReminderAt } from "../../scheduling/appointments-sql.js";
import { cancelAndRefund } from "../../payments/cancel-and-refund.js";
import { confirmPresence, rescheduleRefusal } from "../../scheduling/cancel-appointment.js";
import { confirmHold, holdSlot, releaseHold } from "../../scheduling/hold-and-book.js";
import { requireDependant } from "../../scheduling/dependants.js";
import { joinWaitlist, markOfferAccepted, offerFreedTime, offerReplacedTime, openOfferOf, passOfferOn } from "../../scheduling/waitlist.js";
import { findAppointmentPatient, findClinicRules, findConsentingChatPatientId, findLostHold } from "./effect-statements.js";
import { event, type EffectHandlers, type TurnScope } from "./scope.js";

type SchedulingKind = "findSlots" | "holdSlot" | "confirmHold" | "releaseHold" | "cancelAppointment" | "confirmAppointment" | "joinWaitlist" | "answerWaitlistOffer";
type SchedulingEffect<K extends SchedulingKind = SchedulingKind> = Extract<Effect, { kind: K }>;

/** Slots are searched a few weeks ahead: enough for a chat menu, cheap to compute. */
const SEARCH_LIMIT_PER_PROFESSIONAL = 200;
/** How long a chosen time is held while the patient reads the summary. */
const CONFIRMATION_HOLD_MINUTES = 10;

async function rulesOf(sql: Sql, scope: TurnScope): Promise<ClinicRules> {
  const clinic = await findClinicRules(sql, scope.clinicId);
  if (!clinic) throw new AppError("not_found", "clinic not found");
  return clinic;
}

/** The confirmation says when the reminder goes, so it never promises one that is not scheduled. */
async function bookedEvent(sql: Sql, b: { id: string; startsAt: Date; professionalId: string; procedureId: string }): Promise<FlowEvent> {
  return {
    type: "booked", appointmentId: b.id, startsAt: b.startsAt.toISOString(), professionalId: b.professionalId, procedureId: b.procedureId,
    reminderAt: await firstReminderAt(sql, b.id),
  };
}

export const schedulingEffects: EffectHandlers<SchedulingKind> = {
  // Giving a hold back needs neither the clinic's rules nor the patient.
  releaseHold: (sql, effect, scope) => releaseHold(sql, effect.appointmentId, scope.now),
  findSlots: async (sql, effect, scope) => {
    const clinic = await rulesOf(sql, scope);
    await patientIdOf(sql, scope);
    return event({ type: "slotsFound", slots: await slotsFor(sql, scope, clinic, effect.procedureId, effect.professionalId, { from: effect.from, to: effect.to }) });
  },
  holdSlot: async (sql, effect, scope) => event(await hold(sql, scope, await rulesOf(sql, scope), await bookingPatientId(sql, scope, effect), effect)),
  confirmHold: async (sql, effect, scope) => {
    const clinic = await rulesOf(sql, scope);
    const result = await confirmHold(sql, effect.appointmentId, clinic, scope.now, { type: "patient", id: await patientIdOf(sql, scope) });
    if (!("booked" in result)) return event(await taken(sql, scope, clinic, effect.appointmentId));
    // A reschedule released the earlier time: it goes to the waitlist like any freed time.
    await offerReplacedTime(sql, scope.events, result.booked.id, scope.now);
    return event(await bookedEvent(sql, result.booked));
  },
  cancelAppointment: async (sql, effect, scope) => {
    const clinic = await rulesOf(sql, scope);
    const actor = { type: "patient", id: await patientIdOf(sql, scope) };
    const result = await cancelAndRefund(sql, { appointmentId: effect.appointmentId, clinicId: scope.clinicId, noticeHours: clinic.cancellationNoticeHours, graceMinutes: clinic.cancellationGraceMinutes, actor }, scope.now);
    if ("tooLate" in result) return event({ type: "cancelTooLate", deadline: formatDeadline(result.tooLate.deadline, clinic.timeZone), action: "cancel", noticeHours: result.tooLate.noticeHours });
    if ("notFound" in result) return event({ type: "appointmentGone" });
    await offerFreedTime(sql, scope.events, result.cancelled, scope.now);
    return event({ type: "cancelled", appointmentId: effect.appointmentId });
  },
  confirmAppointment: async (sql, effect, scope) => {
    const actor = { type: "patient", id: await patientIdOf(sql, scope) };
    return event((await confirmPresence(sql, effect.appointmentId, scope.clinicId, scope.now, actor))
      ? { type: "appointmentConfirmed", appointmentId: effect.appointmentId }
      : { type: "appointmentGone" });
  },
  joinWaitlist: async (sql, effect, scope) => {
    const patientId = await bookingPatientId(sql, scope, effect);
    const { weekdays, periods } = effect;
    const joined = await joinWaitlist(sql, { clinicId: scope.clinicId, patientId, procedureId: effect.procedureId, professionalId: effect.professionalId, weekdays, periods }, scope.now);
    return event({ type: "waitlistJoined", updated: joined.updated, weekdays, periods });
  },
  answerWaitlistOffer: async (sql, effect, scope) => {
    const clinic = await rulesOf(sql, scope);
    await patientIdOf(sql, scope);
    return event(await answerOffer(sql, scope, clinic, effect));
  },
};

async function patientIdOf(sql: Sql, scope: TurnScope): Promise<string> {
  const patientId = await findConsentingChatPatientId(sql, scope.clinicId, scope.chatKey);
  if (!patientId) throw new AppError("consent_required", "booking needs a consenting patient");
  return patientId;
}

/**
 * Who a booking is for: the chat's patient, one of their dependants, or,
 * for a reschedule, whoever the earlier appointment was for (a son's
 * appointment moved by his mother stays his).
 */
async function bookingPatientId(sql: Sql, scope: TurnScope, effect: { forPatientId?: string; rescheduleOf?: string }): Promise<string> {
  const chatPatient = await patientIdOf(sql, scope);
  if (effect.rescheduleOf) {
    const earlier = await findAppointmentPatient(sql, scope.clinicId, effect.rescheduleOf);
    if (earlier && earlier.patientId !== chatPatient) return requireDependant(sql, chatPatient, earlier.patientId);
    return chatPatient;
  }
  return effect.forPatientId ? requireDependant(sql, chatPatient, effect.forPatientId) : chatPatient;
}

async function procedureOf(sql: Sql, clinicId: string, procedureId: string): Promise<ProcedureRow> {
  const procedure = await loadProcedure(sql, clinicId, procedureId);
  if (!procedure) throw new AppError("not_found", "procedure not found");
  return procedure;
}

async function slotsFor(
  sql: Sql, scope: TurnScope, clinic: ClinicRules, procedureId: string, professionalId: string | null, days: { from?: string; to?: string } = {},
): Promise<SlotOption[]> {
  const procedure = await procedureOf(sql, scope.clinicId, procedureId);
  const ids = professionalId ? procedure.professionalIds.filter((id) => id === professionalId) : procedure.professionalIds;
  const professionals = await loadAgendaProfessionals(sql, scope.clinicId, ids);
  const slots = await findFreeSlots(sql, { timeZone: clinic.timeZone, now: scope.now, procedure, professionals, limitPerProfessional: SEARCH_LIMIT_PER_PROFESSIONAL, ...days });
  return slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), professionalId: s.professionalId }));
}

async function hold(sql: Sql, scope: TurnScope, clinic: ClinicRules, patientId: string, effect: SchedulingEffect<"holdSlot">): Promise<FlowEvent> {
  if (effect.rescheduleOf) {
    // The chat offers a reschedule only while the policy allows it; checked again here, as cancelling is.
    const refused = await rescheduleRefusal(sql, { appointmentId: effect.rescheduleOf, clinicId: scope.clinicId, noticeHours: clinic.cancellationNoticeHours, graceMinutes: clinic.cancellationGraceMinutes }, scope.now);
    if (refused) return { type: "cancelTooLate", deadline: formatDeadline(refused.deadline, clinic.timeZone), action: "reschedule", noticeHours: refused.noticeHours };
  }
  const held = await holdSlot(sql, {
    clinicId: scope.clinicId, patientId, procedureId: effect.procedureId, professionalId: effect.slot.professionalId,
    startsAt: new Date(effect.slot.startsAt), endsAt: new Date(effect.slot.endsAt),
    holdMinutes: CONFIRMATION_HOLD_MINUTES, source: "whatsapp", rescheduleOf: effect.rescheduleOf,
  }, scope.now);
  if (held) return { type: "slotHeld", appointmentId: held.id };
  return { type: "slotTaken", alternatives: nearest(await slotsFor(sql, scope, clinic, effect.procedureId, null), effect.slot.startsAt) };
}

async function taken(sql: Sql, scope: TurnScope, clinic: ClinicRules, appointmentId: string): Promise<FlowEvent> {
  const lost = await findLostHold(sql, appointmentId);
  if (!lost) return { type: "appointmentGone" };
  return { type: "slotTaken", alternatives: nearest(await slotsFor(sql, scope, clinic, lost.procedureId, null), lost.startsAt.toISOString()) };
}

/** The free times closest to the one that was lost, earliest first. */
function nearest(slots: SlotOption[], wanted: string, count = 5): SlotOption[] {
  const target = Date.parse(wanted);
  return [...slots]
    .sort((a, b) => Math.abs(Date.parse(a.startsAt) - target) - Math.abs(Date.parse(b.startsAt) - target))
    .slice(0, count)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

async function answerOffer(sql: Sql, scope: TurnScope, clinic: ClinicRules, effect: SchedulingEffect<"answerWaitlistOffer">): Promise<FlowEvent> {
  const offer = await openOfferOf(sql, effect.entryId, effect.appointmentId);
  if (!offer) return { type: "appointmentGone" };
  // Declined or run out already: a late "sim" must not book a time that went to someone else.
  if (!offer.open && effect.accept) return { type: "offerUnavailable", procedureId: offer.procedureId, professionalId: offer.professionalId };
  if (!effect.accept) {
    const passed = await passOfferOn(sql, scope.events, effect.entryId, "declined", scope.now);
    return { type: "offerDeclined", passedOn: passed?.passedOn ?? false, procedureId: offer.procedureId, professionalId: offer.professionalId };
  }
  const result = await confirmHold(sql, effect.appointmentId, clinic, scope.now, { type: "patient" });
  if (!("booked" in result)) return { type: "offerUnavailable", procedureId: offer.procedureId, professionalId: offer.professionalId };
  await markOfferAccepted(sql, effect.entryId, effect.appointmentId, scope.now);
  return bookedEvent(sql, result.booked);
}

function formatDeadline(deadline: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("pt-BR", { timeZone, day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" }).format(deadline);
}
