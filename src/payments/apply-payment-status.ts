// What Mercado Pago says about a payment (webhook, polling, expiry check),
// applied once: the same status again changes nothing, and a status never
// goes back (pending < expired < approved | rejected | cancelled < refunded).
//
// approved -> the held appointment is booked and the patient gets a receipt.
// Approved after the hold ran out: booked again if the time is still free,
// else refunded (docs/payments.md says why). Approved for a reservation the
// patient gave up, or a second payment for one appointment: refunded.
import type { ChatEvents } from "../chat-events/raise.js";
import type { Sql } from "../db/database.js";
import { firstReminderAt } from "../scheduling/appointments-sql.js";
import { confirmHold } from "../scheduling/hold-and-book.js";
import type { GatewayPayment } from "./gateway.js";
import { findOtherApprovedPayment, findPaymentByProviderIdForUpdate, movePaymentsToAppointment, recordPaymentStatus } from "./payment-statements.js";
import { appointmentFacts, loadPaymentContext, tellPatient, type PaymentContext, type PaymentRow } from "./payment-context.js";
import { requestRefund } from "./refund-payment.js";

export type PaymentOutcome = "unknown" | "unchanged" | "recorded" | "booked" | "rebooked" | "refunding" | "failed";

const RANK: Record<string, number> = {
  pending: 0, in_process: 0, authorized: 0, in_mediation: 0, expired: 1,
  approved: 2, rejected: 2, cancelled: 2, refunded: 3, charged_back: 3,
};
const rank = (status: string) => RANK[status] ?? 0;

interface PaymentScope {
  clinicId: string;
  now: Date;
  events: ChatEvents;
}

export async function applyPaymentStatus(sql: Sql, remote: GatewayPayment, scope: PaymentScope): Promise<PaymentOutcome> {
  const payment = await findPaymentByProviderIdForUpdate(sql, scope.clinicId, remote.id);
  if (!payment) return "unknown";
  if (remote.status === payment.status || rank(remote.status) <= rank(payment.status)) return "unchanged";
  await recordPaymentStatus(sql, {
    id: payment.id, status: remote.status, statusDetail: remote.statusDetail,
    approvedAt: remote.status === "approved" ? (remote.approvedAt ?? scope.now) : null, now: scope.now,
    raw: { id: remote.id, status: remote.status, status_detail: remote.statusDetail },
  });
  const context = await loadPaymentContext(sql, payment.appointmentId, true);
  if (!context) return "recorded";
  if (remote.status === "approved") return settleApproved(sql, payment, remote, context, scope);
  if ((remote.status === "rejected" || remote.status === "cancelled") && payment.status !== "expired" && isLiveHold(context, scope.now)) {
    await tellPatient(sql, scope.events, scope.clinicId, context, { type: "paymentRejected", appointmentId: context.appointmentId }, `${payment.id}:${remote.status}`, scope.now);
    return "failed";
  }
  return "recorded";
}

const isLiveHold = (context: PaymentContext, now: Date) => context.appointmentStatus === "held" && context.holdExpiresAt !== null && context.holdExpiresAt > now;

async function settleApproved(sql: Sql, payment: PaymentRow, remote: GatewayPayment, context: PaymentContext, scope: PaymentScope): Promise<PaymentOutcome> {
  const refund = async (reason: string, told: "notNeeded" | "slotTaken"): Promise<PaymentOutcome> => {
    await requestRefund(sql, payment.id, reason, scope.now);
    await tellPatient(sql, scope.events, scope.clinicId, context,
      { type: "paymentRefunding", appointmentId: context.appointmentId, amountCents: payment.amountCents, reason: told }, payment.id, scope.now);
    return "refunding";
  };
  const paidBefore = await findOtherApprovedPayment(sql, payment.appointmentId, payment.id);
  if (paidBefore) return refund("duplicate", "notNeeded");
  if (context.appointmentStatus === "booked" || context.appointmentStatus === "confirmed") return "recorded";
  if (context.appointmentStatus === "cancelled" || context.cancelReason === "payment_abandoned") return refund("reservation_abandoned", "notNeeded");
  // Paid in time even if the hold was swept a moment before the news arrived (lost webhook).
  const late = (remote.approvedAt ?? scope.now) > payment.expiresAt;
  const result = await confirmHold(sql, context.appointmentId, { reminder24h: context.reminder24h, reminder2h: context.reminder2h }, scope.now, { type: "system", id: null });
  if (!("booked" in result)) return refund("slot_taken_after_expiry", "slotTaken");
  const booked = result.booked;
  // A hold taken again is a new appointment row: the payment follows it.
  if (booked.id !== payment.appointmentId) {
    await movePaymentsToAppointment(sql, payment.appointmentId, booked.id);
  }
  await tellPatient(sql, scope.events, scope.clinicId, context,
    { type: "paymentApproved", appointment: appointmentFacts(context, booked), amountCents: payment.amountCents, late, reminderAt: await firstReminderAt(sql, booked.id) }, payment.id, scope.now);
  return late ? "rebooked" : "booked";
}
