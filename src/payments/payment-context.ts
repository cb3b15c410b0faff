// What the payment use cases share: the open statuses, the context of a
// payment's appointment and how the patient is told (as a chat event).
import type { ChatEvents } from "../chat-events/raise.js";
import type { AppointmentFacts, PatientChatEvent } from "../chat-events/types.js";
import type { Sql } from "../db/database.js";
import type { PaymentContextRow } from "../db/rows.js";
import { findPaymentContext } from "./payment-statements.js";

export type { PaymentRow } from "../db/rows.js";

/** Waiting for the patient (or for Mercado Pago to settle). */
export const OPEN_STATUSES = ["pending", "in_process", "authorized"] as const;
export const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

/** Who and what a payment is about, for the messages sent to the patient. */
export type PaymentContext = PaymentContextRow;

export const loadPaymentContext = (sql: Sql, appointmentId: string, lock = false): Promise<PaymentContext | undefined> =>
  findPaymentContext(sql, appointmentId, lock);

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
