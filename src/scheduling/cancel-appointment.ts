// Cancelling: patients within the clinic's change policy (change-policy.ts:
// the notice, or the grace period right after booking; admins always); the
// freed time goes to the waitlist at once, and a Pix paid for it is refunded
// (src/payments/cancel-and-refund.ts, which callers use).
import type { Sql } from "../db/database.js";
import type { PolicedAppointmentRow } from "../db/rows.js";
import type { AppointmentRow } from "./appointments-sql.js";
import {
  cancelAppointmentRow, confirmPresenceRow, findPolicedAppointment, lockCancellableAppointment, markAttendanceRow,
} from "./scheduling-statements.js";
import { writeAuditEvent } from "../db/audit.js";
import { mayChange, policyFor, type ChangeAction } from "./change-policy.js";

export type CancelResult = { cancelled: AppointmentRow } | { tooLate: TooLate } | { notFound: true };
export interface TooLate { deadline: Date; noticeHours: number }

/** Null `noticeHours`: the clinic itself cancels, bound by no notice. */
export interface CancelInput {
  appointmentId: string;
  clinicId: string;
  noticeHours: number | null;
  graceMinutes?: number;
  actor: { type: string; id?: string | null };
  reason?: string;
}

export async function cancelAppointment(
  sql: Sql,
  input: CancelInput,
  now: Date,
): Promise<CancelResult> {
  const appointment = await lockCancellableAppointment(sql, input.appointmentId, input.clinicId);
  if (!appointment) return { notFound: true };
  const refused = refusal(appointment, input, "cancel", now);
  if (refused) return { tooLate: refused };
  const cancelled = await cancelAppointmentRow(sql, appointment.id, now, input.reason ?? `cancelled by ${input.actor.type}`);
  await writeAuditEvent(sql, { clinicId: input.clinicId, actorType: input.actor.type, actorId: input.actor.id, action: "appointment.cancelled", entityType: "Appointment", entityId: appointment.id }, now);
  return { cancelled: cancelled! };
}

type PolicedRow = PolicedAppointmentRow;

function refusal(appointment: PolicedRow, input: Pick<CancelInput, "noticeHours" | "graceMinutes">, action: ChangeAction, now: Date): TooLate | undefined {
  // A hold is the patient's own, not yet a booking; the clinic is bound by no notice.
  if (input.noticeHours === null || appointment.status === "held") return undefined;
  const policy = policyFor({ cancellationNoticeHours: input.noticeHours, cancellationGraceMinutes: input.graceMinutes }, { cancellationNoticeHours: appointment.procedureNoticeHours });
  const verdict = mayChange(policy, { action, channel: "chat", startsAt: appointment.startsAt, bookedAt: appointment.bookedAt, now });
  return verdict.allowed ? undefined : { deadline: verdict.deadline, noticeHours: policy.noticeHours };
}

/** Whether a patient may still move this appointment (a reschedule follows the cancel rule); undefined when they may. */
export async function rescheduleRefusal(
  sql: Sql, input: { appointmentId: string; clinicId: string; noticeHours: number; graceMinutes?: number }, now: Date,
): Promise<TooLate | undefined> {
  const appointment = await findPolicedAppointment(sql, input.appointmentId, input.clinicId);
  return appointment ? refusal(appointment, input, "reschedule", now) : undefined;
}

export async function confirmPresence(sql: Sql, appointmentId: string, clinicId: string, now: Date, actor: { type: string; id?: string | null }): Promise<boolean> {
  const confirmed = await confirmPresenceRow(sql, appointmentId, clinicId, now);
  if (confirmed > 0) await writeAuditEvent(sql, { clinicId, actorType: actor.type, actorId: actor.id, action: "appointment.confirmed", entityType: "Appointment", entityId: appointmentId }, now);
  return confirmed > 0;
}

/** Admin outcomes after the fact. */
export async function markAttendance(sql: Sql, appointmentId: string, clinicId: string, status: "completed" | "no_show", now: Date, actorId: string): Promise<boolean> {
  const marked = await markAttendanceRow(sql, appointmentId, clinicId, status, now);
  if (marked > 0) await writeAuditEvent(sql, { clinicId, actorType: "api_key", actorId, action: `appointment.${status}`, entityType: "Appointment", entityId: appointmentId }, now);
  return marked > 0;
}
