// Asks Mercado Pago about one payment (outside any transaction) and applies
// the answer in a transaction of its own. Webhooks, polling and the expiry
// check all come through here.
import type { Database } from "../db/database.js";
import { applyPaymentStatus, type PaymentOutcome } from "./apply-payment-status.js";
import { loadCredentials } from "./credentials.js";
import type { PaymentsDeps } from "./deps.js";

export async function syncPayment(db: Database, deps: PaymentsDeps, clinicId: string, providerPaymentId: string, now: () => Date): Promise<PaymentOutcome> {
  const credentials = await loadCredentials(db.sql, deps.sealer, clinicId);
  if (!credentials) return "unknown";
  const remote = await deps.gateway.getPayment({ accessToken: credentials.accessToken }, providerPaymentId);
  const outcome = await db.transaction((sql) => applyPaymentStatus(sql, remote, { clinicId, now: now(), events: deps.events }));
  if (outcome !== "unchanged" && outcome !== "unknown") {
    deps.logger.info({ providerPaymentId, status: remote.status, outcome }, "payment status applied");
  }
  return outcome;
}
