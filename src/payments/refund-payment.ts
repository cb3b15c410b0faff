// Refunds in two steps: the decision is written in the transaction that
// makes it (a cancellation, a late payment), and the clock tick performs it
// with Mercado Pago (one key per payment: a retried refund is the same
// refund), then tells the patient. A failure is retried at the next tick.
import type { Database, Sql } from "../db/database.js";
import { loadCredentials } from "./credentials.js";
import type { PaymentsDeps } from "./deps.js";
import { lockNextDueRefund, markPaymentRefunded, markRefundRequested, markRefundsRequestedForAppointment } from "./payment-statements.js";
import { loadPaymentContext, tellPatient } from "./payment-context.js";
import type { DueRefundRow } from "../db/rows.js";

const BATCH = 50;

export async function requestRefund(sql: Sql, paymentId: string, reason: string, now: Date): Promise<void> {
  await markRefundRequested(sql, paymentId, reason, now);
}

/** A paid appointment cancelled within the clinic's rule (or by the clinic) is refunded. */
export async function requestRefundsForAppointment(sql: Sql, appointmentId: string, reason: string, now: Date): Promise<number> {
  return markRefundsRequestedForAppointment(sql, appointmentId, reason, now);
}

type DueRefund = DueRefundRow;

export async function refundDuePayments(db: Database, deps: PaymentsDeps, now: Date): Promise<number> {
  let done = 0;
  const tried: string[] = [];
  for (let i = 0; i < BATCH; i++) {
    const outcome = await db.transaction(async (sql) => {
      const due = await lockNextDueRefund(sql, tried);
      if (!due) return "none" as const;
      tried.push(due.id);
      return (await refundOne(sql, deps, due, now)) ? ("refunded" as const) : ("failed" as const);
    });
    if (outcome === "none") break;
    if (outcome === "refunded") done++;
  }
  return done;
}

// Inside the claim's transaction: the row lock keeps a second instance from
// refunding the same payment while this call is under way.
async function refundOne(sql: Sql, deps: PaymentsDeps, due: DueRefund, now: Date): Promise<boolean> {
  const credentials = await loadCredentials(sql, deps.sealer, due.clinicId);
  try {
    if (!credentials) throw new Error("no credentials");
    const refund = await deps.gateway.refund({ accessToken: credentials.accessToken }, due.providerPaymentId, `zelo-refund-${due.id}`);
    await markPaymentRefunded(sql, due.id, refund.refundId, now);
  } catch (error) {
    deps.logger.warn({ paymentId: due.id, code: (error as { code?: string }).code }, "refund failed; retrying at the next tick");
    return false;
  }
  deps.logger.info({ paymentId: due.id }, "payment refunded");
  const context = await loadPaymentContext(sql, due.appointmentId);
  if (context) {
    await tellPatient(sql, deps.events, due.clinicId, context, { type: "paymentRefunded", appointmentId: due.appointmentId, amountCents: due.amountCents }, due.id, now);
  }
  return true;
}
