// Cancelling: patients within the clinic's notice rule (admins always); the
// freed time goes to the waitlist at once, and a Pix paid for it is refunded
// (src/payments/cancel-and-refund.ts, which callers use).
import type { Sql } from "../db/database.js";
import { APPOINTMENT_COLUMNS, type AppointmentRow } from "./appointments-sql.js";
import { writeAuditEvent } from "../db/audit.js";

export type CancelResult = { cancelled: AppointmentRow } | { tooLate: { deadline: Date } } | { notFound: true };

export async function cancelAppointment(
  sql: Sql,
  input: { appointmentId: string; clinicId: string; noticeHours: number | null; actor: { type: string; id?: string | null }; reason?: string },
  now: Date,
): Promise<CancelResult> {
  const [appointment] = await sql.query<AppointmentRow>(
    `SELECT ${APPOINTMENT_COLUMNS} FROM "Appointment"
     WHERE id = $1 AND "clinicId" = $2 AND status IN ('held', 'booked', 'confirmed') FOR UPDATE`,
    [input.appointmentId, input.clinicId]);
  if (!appointment) return { notFound: true };
  if (input.noticeHours !== null) {
    const deadline = new Date(appointment.startsAt.getTime() - input.noticeHours * 3_600_000);
    if (now > deadline) return { tooLate: { deadline } };
  }
  const [cancelled] = await sql.query<AppointmentRow>(
    `UPDATE "Appointment" SET status = 'cancelled', "cancelledAt" = $2, "cancelReason" = $3, "updatedAt" = $2
     WHERE id = $1 RETURNING ${APPOINTMENT_COLUMNS}`,
    [appointment.id, now, input.reason ?? `cancelled by ${input.actor.type}`]);
  await writeAuditEvent(sql, { clinicId: input.clinicId, actorType: input.actor.type, actorId: input.actor.id, action: "appointment.cancelled", entityType: "Appointment", entityId: appointment.id }, now);
  return { cancelled: cancelled! };
}

export async function confirmPresence(sql: Sql, appointmentId: string, clinicId: string, now: Date, actor: { type: string; id?: string | null }): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE "Appointment" SET status = 'confirmed', "confirmedAt" = $3, "updatedAt" = $3
     WHERE id = $1 AND "clinicId" = $2 AND status IN ('booked', 'confirmed') RETURNING id`,
    [appointmentId, clinicId, now]);
  if (rows.length > 0) await writeAuditEvent(sql, { clinicId, actorType: actor.type, actorId: actor.id, action: "appointment.confirmed", entityType: "Appointment", entityId: appointmentId }, now);
  return rows.length > 0;
}

/** Admin outcomes after the fact. */
export async function markAttendance(sql: Sql, appointmentId: string, clinicId: string, status: "completed" | "no_show", now: Date, actorId: string): Promise<boolean> {
  const rows = await sql.query(
    `UPDATE "Appointment" SET status = $3, "updatedAt" = $4
     WHERE id = $1 AND "clinicId" = $2 AND status IN ('booked', 'confirmed', 'completed', 'no_show') RETURNING id`,
    [appointmentId, clinicId, status, now]);
  if (rows.length > 0) await writeAuditEvent(sql, { clinicId, actorType: "api_key", actorId, action: `appointment.${status}`, entityType: "Appointment", entityId: appointmentId }, now);
  return rows.length > 0;
}
