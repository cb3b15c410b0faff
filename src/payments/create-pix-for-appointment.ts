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
import type { HeldForPixRow } from "../db/rows.js";
import { insertPayment, listPaymentsOfAppointment, lockAppointmentForPix, stretchHoldToPix } from "./payment-statements.js";
import { isOpen, type PaymentRow } from "./payment-context.js";

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

type HeldAppointment = HeldForPixRow;

export async function createPixForAppointment(sql: Sql, deps: PaymentsDeps, input: CreatePixInput): Promise<CreatePixResult> {
  const appointment = await lockAppointmentForPix(sql, input.appointmentId, input.clinicId);
  if (!appointment) return { kind: "holdLost" };
  appointment.cpf = openCpf(deps.cipher, appointment.patientId, appointment.cpf);
  if (appointment.status === "booked" || appointment.status === "confirmed") return { kind: "booked" };
  if (appointment.status !== "held" || !appointment.holdExpiresAt || appointment.holdExpiresAt <= input.now) return { kind: "holdLost" };
  const payments = await listPaymentsOfAppointment(sql, appointment.id);
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
  await stretchHoldToPix(sql, appointment.id, expiresAt, input.now);
  return { kind: "sent", deadline: expiresAt, pix: pixOf(appointment, payment) };
}

async function recordPayment(
  sql: Sql, cipher: Cipher, input: CreatePixInput, appointment: HeldAppointment, created: GatewayPayment, idempotencyKey: string, expiresAt: Date,
): Promise<PaymentRow> {
  const qrMediaId = created.qrCodeBase64
    ? await saveMedia(sql, cipher, { clinicId: input.clinicId, data: Buffer.from(created.qrCodeBase64, "base64"), mimetype: "image/png", filename: "pix.png" })
    : null;
  return insertPayment(sql, {
    id: randomUUID(), clinicId: input.clinicId, appointmentId: appointment.id, providerPaymentId: created.id, idempotencyKey,
    status: created.status, statusDetail: created.statusDetail, amountCents: appointment.priceCents, expiresAt,
    qrCode: created.qrCode, qrMediaId, raw: { id: created.id, status: created.status, status_detail: created.statusDetail }, now: input.now,
  });
}

function pixOf(appointment: HeldAppointment, payment: PaymentRow): PixCharge {
  return { qrMediaId: payment.qrMediaId, qrCode: payment.qrCode, amountCents: payment.amountCents, procedureName: appointment.procedureName };
}
