// Performs the Pix effects of the patient flow inside the turn's transaction
// and reports each outcome as an event for the flow. The call to Mercado Pago
// happens inside the turn: its idempotency key (per appointment and attempt)
// makes a retried turn get the same charge back.
import type { Cipher } from "../../crypto/encryption.js";
import type { Sql } from "../../db/database.js";
import type { Effect, FlowEvent } from "../../flows/types.js";
import { createPixForAppointment } from "../../payments/create-pix-for-appointment.js";
import type { PaymentsDeps } from "../../payments/deps.js";
import { giveUpPayment } from "../../payments/give-up-payment.js";
import { confirmHold } from "../../scheduling/hold-and-book.js";

export type PaymentEffect = Extract<Effect, { kind: "requestPayment" | "cancelPayment" }>;

export function isPaymentEffect(effect: Effect): effect is PaymentEffect {
  return effect.kind === "requestPayment" || effect.kind === "cancelPayment";
}

export interface PaymentScope {
  cipher: Cipher;
  clinicId: string;
  inboxMessageId: string;
  now: Date;
  services?: { payments?: PaymentsDeps };
}

export async function interpretPaymentEffect(sql: Sql, effect: PaymentEffect, scope: PaymentScope): Promise<FlowEvent | undefined> {
  if (effect.kind === "cancelPayment") {
    await giveUpPayment(sql, scope.cipher, scope.clinicId, effect.appointmentId, scope.now);
    return undefined;
  }
  const carried = await carryPaidReschedule(sql, effect.appointmentId, scope);
  if (carried) return carried;
  const deps = scope.services?.payments;
  if (!deps) return { type: "paymentUnavailable", appointmentId: effect.appointmentId };
  const result = await createPixForAppointment(sql, deps, { clinicId: scope.clinicId, appointmentId: effect.appointmentId, inboxMessageId: scope.inboxMessageId, now: scope.now });
  switch (result.kind) {
    case "sent":
      return { type: "paymentRequested", appointmentId: effect.appointmentId, deadline: result.deadline.toISOString() };
    case "unavailable":
      return { type: "paymentUnavailable", appointmentId: effect.appointmentId };
    case "holdLost":
      return { type: "paymentExpired" };
    case "booked":
      return bookedEvent(sql, effect.appointmentId);
  }
}

/**
 * Moving a paid appointment to another time charges nothing again: the
 * payment follows the new appointment, which is booked at once.
 */
async function carryPaidReschedule(sql: Sql, appointmentId: string, scope: PaymentScope): Promise<FlowEvent | undefined> {
  const [paid] = await sql.query<{ oldId: string }>(
    `SELECT a."rescheduledFromId" AS "oldId" FROM "Appointment" a
     JOIN "Payment" p ON p."appointmentId" = a."rescheduledFromId" AND p.status = 'approved' AND p."refundRequestedAt" IS NULL
     WHERE a.id = $1 AND a."clinicId" = $2 LIMIT 1`, [appointmentId, scope.clinicId]);
  if (!paid) return undefined;
  const [rules] = await sql.query<{ reminder24h: boolean; reminder2h: boolean }>(`SELECT "reminder24h", "reminder2h" FROM "Clinic" WHERE id = $1`, [scope.clinicId]);
  const result = await confirmHold(sql, appointmentId, rules ?? { reminder24h: true, reminder2h: false }, scope.now, { type: "patient" });
  if (!("booked" in result)) return { type: "paymentExpired" };
  await sql.query(`UPDATE "Payment" SET "appointmentId" = $2, "updatedAt" = $3 WHERE "appointmentId" = $1 AND status = 'approved'`, [paid.oldId, result.booked.id, scope.now]);
  return bookedEvent(sql, result.booked.id);
}

async function bookedEvent(sql: Sql, appointmentId: string): Promise<FlowEvent> {
  const [a] = await sql.query<{ id: string; startsAt: Date; professionalId: string; procedureId: string }>(
    `SELECT id, "startsAt", "professionalId", "procedureId" FROM "Appointment" WHERE id = $1`, [appointmentId]);
  if (!a) return { type: "appointmentGone" };
  return { type: "booked", appointmentId: a.id, startsAt: a.startsAt.toISOString(), professionalId: a.professionalId, procedureId: a.procedureId };
}
