// Performs the booking effects of the patient flow inside the turn's
// transaction and reports each outcome as an event for the flow.
import type { Cipher } from "../../crypto/encryption.js";
import type { Sql } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { Effect, FlowEvent, SlotOption } from "../../flows/types.js";
import { findFreeSlots, loadAgendaProfessionals, loadProcedure, type ProcedureRow } from "../../scheduling/agenda.js";
import { cancelAppointment, confirmPresence } from "../../scheduling/cancel-appointment.js";
import { confirmHold, holdSlot, releaseHold } from "../../scheduling/hold-and-book.js";
import { joinWaitlist, offerFreedTime, passOfferOn } from "../../scheduling/waitlist.js";

export type SchedulingEffect = Extract<Effect, { kind: "findSlots" | "holdSlot" | "confirmHold" | "releaseHold" | "cancelAppointment" | "confirmAppointment" | "joinWaitlist" | "answerWaitlistOffer" }>;

const SCHEDULING_KINDS = new Set(["findSlots", "holdSlot", "confirmHold", "releaseHold", "cancelAppointment", "confirmAppointment", "joinWaitlist", "answerWaitlistOffer"]);

export function isSchedulingEffect(effect: Effect): effect is SchedulingEffect {
  return SCHEDULING_KINDS.has(effect.kind);
}

export interface SchedulingScope {
  cipher: Cipher;
  clinicId: string;
  chatKey: string;
  now: Date;
}

/** Slots are searched a few weeks ahead: enough for a chat menu, cheap to compute. */
const SEARCH_LIMIT_PER_PROFESSIONAL = 200;
/** How long a chosen time is held while the patient reads the summary. */
const CONFIRMATION_HOLD_MINUTES = 10;

interface ClinicRules {
  timeZone: string;
  cancellationNoticeHours: number;
  reminder24h: boolean;
  reminder2h: boolean;
}

export async function interpretSchedulingEffect(sql: Sql, effect: SchedulingEffect, scope: SchedulingScope): Promise<FlowEvent | undefined> {
  // Giving a hold back needs neither the clinic's rules nor the patient.
  if (effect.kind === "releaseHold") {
    await releaseHold(sql, effect.appointmentId, scope.now);
    return undefined;
  }
  const [clinic] = await sql.query<ClinicRules>(
    `SELECT "timeZone", "cancellationNoticeHours", "reminder24h", "reminder2h" FROM "Clinic" WHERE id = $1`, [scope.clinicId]);
  if (!clinic) throw new AppError("not_found", "clinic not found");
  const patientId = await patientIdOf(sql, scope);
  const actor = { type: "patient", id: patientId };
  switch (effect.kind) {
    case "findSlots":
      return { type: "slotsFound", slots: await slotsFor(sql, scope, clinic, effect.procedureId, effect.professionalId) };
    case "holdSlot":
      return hold(sql, scope, clinic, patientId, effect);
    case "confirmHold": {
      const result = await confirmHold(sql, effect.appointmentId, clinic, scope.now, actor);
      if ("booked" in result) {
        const b = result.booked;
        return { type: "booked", appointmentId: b.id, startsAt: b.startsAt.toISOString(), professionalId: b.professionalId, procedureId: b.procedureId };
      }
      return taken(sql, scope, clinic, effect.appointmentId);
    }
    case "cancelAppointment": {
      const result = await cancelAppointment(sql, { appointmentId: effect.appointmentId, clinicId: scope.clinicId, noticeHours: clinic.cancellationNoticeHours, actor }, scope.now);
      if ("tooLate" in result) return { type: "cancelTooLate", deadline: formatDeadline(result.tooLate.deadline, clinic.timeZone) };
      if ("notFound" in result) return { type: "appointmentGone" };
      await offerFreedTime(sql, scope.cipher, result.cancelled, scope.now);
      return { type: "cancelled", appointmentId: effect.appointmentId };
    }
    case "confirmAppointment":
      return (await confirmPresence(sql, effect.appointmentId, scope.clinicId, scope.now, actor))
        ? { type: "appointmentConfirmed", appointmentId: effect.appointmentId }
        : { type: "appointmentGone" };
    case "joinWaitlist":
      await joinWaitlist(sql, { clinicId: scope.clinicId, patientId, procedureId: effect.procedureId, professionalId: effect.professionalId, fromDate: effect.fromDate, toDate: effect.toDate, period: effect.period }, scope.now);
      return { type: "waitlistJoined" };
    case "answerWaitlistOffer":
      return answerOffer(sql, scope, clinic, effect);
  }
}

async function patientIdOf(sql: Sql, scope: SchedulingScope): Promise<string> {
  const [patient] = await sql.query<{ id: string }>(
    `SELECT id FROM "Patient" WHERE "clinicId" = $1 AND phone = $2 AND "consentGrantedAt" IS NOT NULL`, [scope.clinicId, scope.chatKey]);
  if (!patient) throw new AppError("consent_required", "booking needs a consenting patient");
  return patient.id;
}

async function procedureOf(sql: Sql, clinicId: string, procedureId: string): Promise<ProcedureRow> {
  const procedure = await loadProcedure(sql, clinicId, procedureId);
  if (!procedure) throw new AppError("not_found", "procedure not found");
  return procedure;
}

async function slotsFor(sql: Sql, scope: SchedulingScope, clinic: ClinicRules, procedureId: string, professionalId: string | null): Promise<SlotOption[]> {
  const procedure = await procedureOf(sql, scope.clinicId, procedureId);
  const ids = professionalId ? procedure.professionalIds.filter((id) => id === professionalId) : procedure.professionalIds;
  const professionals = await loadAgendaProfessionals(sql, scope.clinicId, ids);
  const slots = await findFreeSlots(sql, { timeZone: clinic.timeZone, now: scope.now, procedure, professionals, limitPerProfessional: SEARCH_LIMIT_PER_PROFESSIONAL });
  return slots.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), professionalId: s.professionalId }));
}

async function hold(sql: Sql, scope: SchedulingScope, clinic: ClinicRules, patientId: string, effect: Extract<SchedulingEffect, { kind: "holdSlot" }>): Promise<FlowEvent> {
  const held = await holdSlot(sql, {
    clinicId: scope.clinicId, patientId, procedureId: effect.procedureId, professionalId: effect.slot.professionalId,
    startsAt: new Date(effect.slot.startsAt), endsAt: new Date(effect.slot.endsAt),
    holdMinutes: CONFIRMATION_HOLD_MINUTES, source: "whatsapp", rescheduleOf: effect.rescheduleOf,
  }, scope.now);
  if (held) return { type: "slotHeld", appointmentId: held.id };
  return { type: "slotTaken", alternatives: nearest(await slotsFor(sql, scope, clinic, effect.procedureId, null), effect.slot.startsAt) };
}

async function taken(sql: Sql, scope: SchedulingScope, clinic: ClinicRules, appointmentId: string): Promise<FlowEvent> {
  const [lost] = await sql.query<{ procedureId: string; startsAt: Date }>(`SELECT "procedureId", "startsAt" FROM "Appointment" WHERE id = $1`, [appointmentId]);
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

async function answerOffer(sql: Sql, scope: SchedulingScope, clinic: ClinicRules, effect: Extract<SchedulingEffect, { kind: "answerWaitlistOffer" }>): Promise<FlowEvent> {
  if (!effect.accept) {
    await passOfferOn(sql, scope.cipher, effect.entryId, "declined", scope.now);
    return { type: "offerDeclined" };
  }
  const result = await confirmHold(sql, effect.appointmentId, clinic, scope.now, { type: "patient" });
  if (!("booked" in result)) return taken(sql, scope, clinic, effect.appointmentId);
  await sql.query(`UPDATE "WaitlistEntry" SET status = 'booked', "updatedAt" = $2 WHERE id = $1`, [effect.entryId, scope.now]);
  const b = result.booked;
  return { type: "booked", appointmentId: b.id, startsAt: b.startsAt.toISOString(), professionalId: b.professionalId, procedureId: b.procedureId };
}

function formatDeadline(deadline: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("pt-BR", { timeZone, day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" }).format(deadline);
}
