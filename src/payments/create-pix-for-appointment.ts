// After the patient confirms a time of a prepaid procedure: a Pix charge for
// the held appointment, handed back to the flow, which shows it in the chat
// as a QR code image and a "copia e cola" text. The hold is stretched to the procedure's paymentHoldMinutes and
// the Pix expires with it. Asked again ("reenviar"), the open charge is sent
// again; after a rejection, a new charge is made with the next key.
import { randomUUID } from "node:crypto";
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";
import { saveMedia } from "../db/media.js";
import { openCpf } from "../records/patient-identity.js";
import { loadCredentials } from "./credentials.js";
import type { PaymentsDeps } from "./deps.js";
import type { GatewayPayment } from "./gateway.js";
import { isOpen, PAYMENT_COLUMNS, type PaymentRow } from "./payments-sql.js";

export interface CreatePixInput {
  clinicId: string;
  appointmentId: string;
  now: Date;
}

/** An open Pix charge, to be shown in the chat: the QR code image (when there is one) and the "copia e cola" code. */
export interface PixCharge {
  qrMediaId: string | null;
  qrCode: string | null;
  amountCents: number;
  procedureName: string;
}

export type CreatePixResult =
  | { kind: "sent"; deadline: Date; pix: PixCharge }
  /** Paid already (a "reenviar" that crossed the confirmation). */
  | { kind: "booked" }
  /** The appointment is no longer held: the time was released. */
  | { kind: "holdLost" }
  | { kind: "unavailable"; reason: "not_configured" | "provider" };

interface HeldAppointment {
  id: string;
  status: string;
  holdExpiresAt: Date | null;
  patientId: string;
  phone: string;
  cpf: string | null;
  clinicEmail: string | null;
  procedureName: string;
  priceCents: number;
  paymentHoldMinutes: number;
}

export async function createPixForAppointment(sql: Sql, deps: PaymentsDeps, input: CreatePixInput): Promise<CreatePixResult> {
  const [appointment] = await sql.query<HeldAppointment>(
    `SELECT a.id, a.status, a."holdExpiresAt", p.id AS "patientId", p.phone, p.cpf, c.email AS "clinicEmail",
       proc.name AS "procedureName", proc."priceCents", proc."paymentHoldMinutes"
     FROM "Appointment" a JOIN "Patient" p ON p.id = a."patientId" JOIN "Clinic" c ON c.id = a."clinicId"
     JOIN "Procedure" proc ON proc.id = a."procedureId"
     WHERE a.id = $1 AND a."clinicId" = $2 FOR UPDATE OF a`, [input.appointmentId, input.clinicId]);
  if (!appointment) return { kind: "holdLost" };
  appointment.cpf = openCpf(deps.cipher, appointment.patientId, appointment.cpf);
  if (appointment.status === "booked" || appointment.status === "confirmed") return { kind: "booked" };
  if (appointment.status !== "held" || !appointment.holdExpiresAt || appointment.holdExpiresAt <= input.now) return { kind: "holdLost" };
  const payments = await sql.query<PaymentRow>(
    `SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "appointmentId" = $1 ORDER BY "createdAt" DESC, id`, [appointment.id]);
  const open = payments.find((p) => isOpen(p.status) && p.expiresAt > input.now && p.qrCode);
  if (open) return { kind: "sent", deadline: open.expiresAt, pix: pixOf(appointment, open) };
  const credentials = await loadCredentials(sql, deps.sealer, input.clinicId);
  if (!credentials) return { kind: "unavailable", reason: "not_configured" };
  // Deterministic per appointment and attempt: a turn retried after a crash
  // asks again with the same key and gets the same charge back.
  const idempotencyKey = `zelo-${appointment.id}-${payments.length + 1}`;
  const expiresAt = new Date(input.now.getTime() + appointment.paymentHoldMinutes * 60_000);
  let created: GatewayPayment;
  try {
    created = await deps.gateway.createPix({ accessToken: credentials.accessToken }, {
      idempotencyKey,
      amountCents: appointment.priceCents,
      description: appointment.procedureName,
      expiresAt,
      externalReference: appointment.id,
      notificationUrl: deps.publicUrl ? `${deps.publicUrl.replace(/\/$/, "")}/webhooks/mercadopago?clinic=${encodeURIComponent(input.clinicId)}` : undefined,
      payer: { email: appointment.clinicEmail ?? undefined, cpf: appointment.cpf ?? undefined },
    });
  } catch (error) {
    deps.logger.warn({ appointmentId: appointment.id, code: (error as { code?: string }).code }, "Pix could not be created");
    return { kind: "unavailable", reason: "provider" };
  }
  const payment = await recordPayment(sql, deps.cipher, input, appointment, created, idempotencyKey, expiresAt);
  await sql.query(`UPDATE "Appointment" SET "holdExpiresAt" = $2, "updatedAt" = $3 WHERE id = $1 AND status = 'held'`, [appointment.id, expiresAt, input.now]);
  return { kind: "sent", deadline: expiresAt, pix: pixOf(appointment, payment) };
}

async function recordPayment(
  sql: Sql, cipher: Cipher, input: CreatePixInput, appointment: HeldAppointment, created: GatewayPayment, idempotencyKey: string, expiresAt: Date,
): Promise<PaymentRow> {
  const qrMediaId = created.qrCodeBase64
    ? await saveMedia(sql, cipher, { clinicId: input.clinicId, data: Buffer.from(created.qrCodeBase64, "base64"), mimetype: "image/png", filename: "pix.png" })
    : null;
  const [payment] = await sql.query<PaymentRow>(
    `INSERT INTO "Payment" (id, "clinicId", "appointmentId", provider, "providerPaymentId", "idempotencyKey", status, "statusDetail",
       "amountCents", "expiresAt", "qrCode", "qrMediaId", raw, "checkedAt", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, 'mercadopago', $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $13, $13)
     RETURNING ${PAYMENT_COLUMNS}`,
    [randomUUID(), input.clinicId, appointment.id, created.id, idempotencyKey, created.status, created.statusDetail,
      appointment.priceCents, expiresAt, created.qrCode, qrMediaId,
      JSON.stringify({ id: created.id, status: created.status, status_detail: created.statusDetail }), input.now]);
  return payment!;
}

function pixOf(appointment: HeldAppointment, payment: PaymentRow): PixCharge {
  return { qrMediaId: payment.qrMediaId, qrCode: payment.qrCode, amountCents: payment.amountCents, procedureName: appointment.procedureName };
}
