// Refunds in two steps: the decision is written in the transaction that
// makes it (a cancellation, a late payment), and the clock tick performs it
// with Mercado Pago (one key per payment: a retried refund is the same
// refund), then tells the patient. A failure is retried at the next tick.
import type { Database, Sql } from "../db/database.js";
import { loadCredentials } from "./credentials.js";
import type { PaymentsDeps } from "./deps.js";
import { loadPaymentContext, tellPatient } from "./payments-sql.js";

const BATCH = 50;

export async function requestRefund(sql: Sql, paymentId: string, reason: string, now: Date): Promise<void> {
  await sql.query(
    `UPDATE "Payment" SET "refundRequestedAt" = $2, "refundReason" = $3, "updatedAt" = $2
     WHERE id = $1 AND status = 'approved' AND "refundRequestedAt" IS NULL`, [paymentId, now, reason]);
}

/** A paid appointment cancelled within the clinic's rule (or by the clinic) is refunded. */
export async function requestRefundsForAppointment(sql: Sql, appointmentId: string, reason: string, now: Date): Promise<number> {
  const rows = await sql.query(
    `UPDATE "Payment" SET "refundRequestedAt" = $2, "refundReason" = $3, "updatedAt" = $2
     WHERE "appointmentId" = $1 AND status = 'approved' AND "refundRequestedAt" IS NULL RETURNING id`, [appointmentId, now, reason]);
  return rows.length;
}

interface DueRefund {
  id: string;
  clinicId: string;
  appointmentId: string;
  providerPaymentId: string;
  amountCents: number;
}

export async function refundDuePayments(db: Database, deps: PaymentsDeps, now: Date): Promise<number> {
  let done = 0;
  const tried: string[] = [];
  for (let i = 0; i < BATCH; i++) {
    const outcome = await db.transaction(async (sql) => {
      const [due] = await sql.query<DueRefund>(
        `SELECT id, "clinicId", "appointmentId", "providerPaymentId", "amountCents" FROM "Payment"
         WHERE "refundRequestedAt" IS NOT NULL AND "refundedAt" IS NULL AND status = 'approved' AND "providerPaymentId" IS NOT NULL
           AND id <> ALL($1::text[])
         ORDER BY "refundRequestedAt" LIMIT 1 FOR UPDATE SKIP LOCKED`, [tried]);
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
    await sql.query(
      `UPDATE "Payment" SET status = 'refunded', "refundedAt" = $2, "refundId" = $3, "updatedAt" = $2 WHERE id = $1`, [due.id, now, refund.refundId]);
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
