// A lost webhook must not lose a payment: every PAYMENTS_POLL_SECONDS (at
// the clock tick) each payment still open, or expired locally but not yet
// closed by Mercado Pago, is asked about. Rows are claimed by stamping
// checkedAt under SKIP LOCKED, so instances share the work.
import type { Database } from "../db/database.js";
import type { PaymentsDeps } from "./deps.js";
import { OPEN_STATUSES } from "./payments-sql.js";
import { syncPayment } from "./sync-payment.js";

const BATCH = 50;
/** Mercado Pago closes an unpaid Pix at its expiry; after this long nobody asks any more. */
const GIVE_UP_AFTER_MS = 3 * 24 * 3_600_000;

export async function pollPendingPayments(db: Database, deps: PaymentsDeps, now: Date): Promise<number> {
  const claimed = await db.transaction((sql) => sql.query<{ clinicId: string; providerPaymentId: string }>(
    `UPDATE "Payment" SET "checkedAt" = $1 WHERE id IN (
       SELECT id FROM "Payment"
       WHERE status = ANY($2::text[]) AND "providerPaymentId" IS NOT NULL AND "createdAt" > $3
         AND ("checkedAt" IS NULL OR "checkedAt" <= $4)
       ORDER BY "checkedAt" NULLS FIRST LIMIT $5 FOR UPDATE SKIP LOCKED)
     RETURNING "clinicId", "providerPaymentId"`,
    [now, [...OPEN_STATUSES, "expired"], new Date(now.getTime() - GIVE_UP_AFTER_MS), new Date(now.getTime() - deps.pollSeconds * 1000), BATCH]));
  let changed = 0;
  for (const row of claimed) {
    try {
      const outcome = await syncPayment(db, deps, row.clinicId, row.providerPaymentId, () => now);
      if (outcome !== "unchanged" && outcome !== "unknown") changed++;
    } catch (error) {
      deps.logger.warn({ providerPaymentId: row.providerPaymentId, code: (error as { code?: string }).code }, "payment poll failed");
    }
  }
  return changed;
}
