// Rows and small SQL helpers shared by the payment use cases.
import type { ChatEvents } from "../chat-events/raise.js";
import type { AppointmentFacts, PatientChatEvent } from "../chat-events/types.js";
import type { Sql } from "../db/database.js";

export interface PaymentRow {
  id: string;
  clinicId: string;
  appointmentId: string;
  providerPaymentId: string | null;
  idempotencyKey: string;
  status: string;
  statusDetail: string | null;
  amountCents: number;
  expiresAt: Date;
  qrCode: string | null;
  qrMediaId: string | null;
  approvedAt: Date | null;
  refundRequestedAt: Date | null;
  refundedAt: Date | null;
  createdAt: Date;
}

export const PAYMENT_COLUMNS = `id, "clinicId", "appointmentId", "providerPaymentId", "idempotencyKey", status, "statusDetail", "amountCents",
  "expiresAt", "qrCode", "qrMediaId", "approvedAt", "refundRequestedAt", "refundedAt", "createdAt"`;

/** Waiting for the patient (or for Mercado Pago to settle). */
export const OPEN_STATUSES = ["pending", "in_process", "authorized"] as const;
export const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

/** Who and what a payment is about, for the messages sent to the patient. */
export interface PaymentContext {
  appointmentId: string;
  appointmentStatus: string;
  cancelReason: string | null;
  holdExpiresAt: Date | null;
  startsAt: Date;
  endsAt: Date;
  professionalId: string;
  procedureId: string;
  professionalName: string;
  procedureName: string;
  phone: string;
  timeZone: string;
  reminder24h: boolean;
  reminder2h: boolean;
}

export async function loadPaymentContext(sql: Sql, appointmentId: string, lock = false): Promise<PaymentContext | undefined> {
  const [row] = await sql.query<PaymentContext>(
    `SELECT a.id AS "appointmentId", a.status AS "appointmentStatus", a."cancelReason", a."holdExpiresAt", a."startsAt", a."endsAt",
       a."professionalId", a."procedureId", pr.name AS "professionalName", proc.name AS "procedureName", p.phone,
       c."timeZone", c."reminder24h", c."reminder2h"
     FROM "Appointment" a
     JOIN "Patient" p ON p.id = a."patientId"
     JOIN "Clinic" c ON c.id = a."clinicId"
     JOIN "Professional" pr ON pr.id = a."professionalId"
     JOIN "Procedure" proc ON proc.id = a."procedureId"
     WHERE a.id = $1 ${lock ? "FOR UPDATE OF a" : ""}`, [appointmentId]);
  return row;
}

/** The appointment as the patient's chat names it. */
export function appointmentFacts(context: PaymentContext, booked?: { id: string; startsAt: Date; endsAt: Date; professionalId: string }): AppointmentFacts {
  const a = booked ?? { id: context.appointmentId, startsAt: context.startsAt, endsAt: context.endsAt, professionalId: context.professionalId };
  return {
    appointmentId: a.id, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString(), professionalId: a.professionalId,
    professionalName: context.professionalName, procedureName: context.procedureName,
  };
}

/**
 * Tells the patient from outside their turn, as a chat event: the flow says
 * it, and takes a chat still waiting for this payment back to the menu (a
 * chat that moved on is left where it is). `cause` makes it once per payment.
 */
export async function tellPatient(
  sql: Sql, events: ChatEvents, clinicId: string, context: PaymentContext, event: PatientChatEvent, cause: string, now: Date,
): Promise<void> {
  await events.toPatient(sql, { clinicId, chatKey: context.phone }, event, cause, now);
}
