// Booking in two steps, as a patient does it in the chat: a short hold while
// they read the summary, then the booking. The exclusion constraint decides
// races: of 50 patients holding the same slot at once, exactly one gets it.
import type { Sql } from "../db/database.js";
import { writeAuditEvent } from "../db/audit.js";
import {
  expireStaleHolds, insertActiveAppointment, reminderTimes,
  type AppointmentRow, type ReminderRules,
} from "./appointments-sql.js";
import {
  bookHeldAppointment, cancelReplacedAppointment, expireHoldRow, lockAppointmentForBooking, releaseHoldRow, stampBookedAt,
} from "./scheduling-statements.js";

export interface HoldRequest {
  clinicId: string;
  patientId: string;
  procedureId: string;
  professionalId: string;
  startsAt: Date;
  endsAt: Date;
  holdMinutes: number;
  source: "whatsapp" | "admin" | "waitlist";
  rescheduleOf?: string | null;
}

/** Undefined when the time was taken meanwhile. */
export async function holdSlot(sql: Sql, request: HoldRequest, now: Date): Promise<AppointmentRow | undefined> {
  await expireStaleHolds(sql, request.professionalId, now);
  const held = await insertActiveAppointment(sql, {
    clinicId: request.clinicId,
    professionalId: request.professionalId,
    patientId: request.patientId,
    procedureId: request.procedureId,
    startsAt: request.startsAt,
    endsAt: request.endsAt,
    status: "held",
    holdExpiresAt: new Date(now.getTime() + request.holdMinutes * 60_000),
    source: request.source,
    rescheduledFromId: request.rescheduleOf ?? null,
  }, now);
  if (held) {
    await writeAuditEvent(sql, { clinicId: request.clinicId, actorType: "patient", actorId: request.patientId, action: "appointment.held", entityType: "Appointment", entityId: held.id }, now);
  }
  return held;
}

export type BookResult = { booked: AppointmentRow } | { taken: true } | { notFound: true };

/**
 * Turns a hold into a booking. A hold that expired is taken again if the time
 * is still free. When it replaces an earlier appointment (reschedule), the
 * old one is released only now, in the same transaction.
 */
export async function confirmHold(
  sql: Sql, appointmentId: string, rules: ReminderRules, now: Date, actor: { type: string; id?: string | null },
): Promise<BookResult> {
  const hold = await lockAppointmentForBooking(sql, appointmentId);
  if (!hold) return { notFound: true };
  const reminders = reminderTimes(hold.startsAt, rules, now);
  let booked: AppointmentRow | undefined;
  if (hold.status === "held" && hold.holdExpiresAt && hold.holdExpiresAt > now) {
    booked = await bookHeldAppointment(sql, hold.id, reminders, now);
  } else if (hold.status === "held" || hold.status === "expired") {
    await expireHoldRow(sql, hold.id, now);
    await expireStaleHolds(sql, hold.professionalId, now);
    booked = await insertActiveAppointment(sql, { ...hold, status: "booked", holdExpiresAt: null, source: hold.source, ...reminders }, now);
  } else if (hold.status === "booked" || hold.status === "confirmed") {
    return { booked: hold };
  }
  if (!booked) return { taken: true };
  // The grace period runs from the booking (a hold re-taken after it expired has a fresh row).
  await stampBookedAt(sql, booked.id, now);
  if (hold.rescheduledFromId) await releaseReplaced(sql, hold.rescheduledFromId, booked.id, now);
  await writeAuditEvent(sql, { clinicId: booked.clinicId, actorType: actor.type, actorId: actor.id, action: "appointment.booked", entityType: "Appointment", entityId: booked.id }, now);
  return { booked };
}

async function releaseReplaced(sql: Sql, oldId: string, newId: string, now: Date): Promise<void> {
  const old = await cancelReplacedAppointment(sql, oldId, now);
  if (old) {
    await writeAuditEvent(sql, { clinicId: old.clinicId, actorType: "system", action: "appointment.rescheduled", entityType: "Appointment", entityId: oldId, detail: { newAppointmentId: newId } }, now);
  }
}

/** Gives a hold back (the patient chose another time or gave up). */
export async function releaseHold(sql: Sql, appointmentId: string, now: Date): Promise<void> {
  await releaseHoldRow(sql, appointmentId, now);
}
