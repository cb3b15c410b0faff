// Rows and small SQL helpers shared by the payment use cases.
import { queueClinicMessages } from "../bot/clinic-messages.js";
import type { Cipher } from "../crypto/encryption.js";
import { openState, sealState } from "../crypto/sealed-columns.js";
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

/**
 * Tells the patient from outside their turn; a chat still waiting for this
 * payment goes back to the menu (a chat that moved on is left where it is).
 */
export async function tellPatient(
  sql: Sql, cipher: Cipher, clinicId: string, context: PaymentContext, text: string, now: Date, options: { backToMenu: boolean },
): Promise<void> {
  if (options.backToMenu) await leavePaymentWait(sql, cipher, clinicId, context, now);
  await queueClinicMessages(sql, cipher, { clinicId, chatKey: context.phone }, [{ kind: "text", text }], now);
}

/** The state is sealed, so the "still waiting for this payment?" test is made here, under the row lock, not in SQL. */
async function leavePaymentWait(sql: Sql, cipher: Cipher, clinicId: string, context: PaymentContext, now: Date): Promise<void> {
  const [row] = await sql.query<{ id: string; state: string | null }>(
    `SELECT id, state FROM "Conversation" WHERE "clinicId" = $1 AND "chatKey" = $2 FOR UPDATE`, [clinicId, context.phone]);
  if (!row) return;
  const state = openState(cipher, row.id, row.state) as { type?: unknown; appointmentId?: unknown } | null;
  if (state?.type !== "awaitingPayment" || state.appointmentId !== context.appointmentId) return;
  await sql.query(`UPDATE "Conversation" SET state = $2, "updatedAt" = $3 WHERE id = $1`, [row.id, sealState(cipher, row.id, { type: "menu" }), now]);
}
