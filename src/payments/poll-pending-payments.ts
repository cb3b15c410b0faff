// A lost webhook must not lose a payment: every PAYMENTS_POLL_SECONDS (at
// the clock tick) each payment still open, or expired locally but not yet
// closed by Mercado Pago, is asked about. Rows are claimed by stamping
// checkedAt under SKIP LOCKED, so instances share the work.
import type { Database } from "../db/database.js";
import type { PaymentsDeps } from "./deps.js";
import { claimPaymentsToPoll } from "./payment-statements.js";
import { OPEN_STATUSES } from "./payment-context.js";
import { syncPayment } from "./sync-payment.js";

const BATCH = 50;
/** Mercado Pago closes an unpaid Pix at its expiry; after this long nobody asks any more. */
const GIVE_UP_AFTER_MS = 3 * 24 * 3_600_000;

export async function pollPendingPayments(db: Database, deps: PaymentsDeps, now: Date): Promise<number> {
  const claimed = await db.transaction((sql) => claimPaymentsToPoll(sql, {
    now, statuses: [...OPEN_STATUSES, "expired"], createdAfter: new Date(now.getTime() - GIVE_UP_AFTER_MS),
    checkedBefore: new Date(now.getTime() - deps.pollSeconds * 1000), limit: BATCH,
  }));
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
