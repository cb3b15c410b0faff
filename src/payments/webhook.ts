// POST /webhooks/mercadopago?clinic=<clinicId>&data.id=<payment>&type=payment
// The signature is checked with the clinic's webhook secret before anything
// else (401 and no change when it fails); then the payment is read from
// Mercado Pago, never from the notification, and applied idempotently.
import { Router } from "express";
import type { Clock } from "../clock.js";
import type { Database } from "../db/database.js";
import { loadCredentials } from "./credentials.js";
import { isKnownProviderPayment } from "./payment-statements.js";
import type { PaymentsDeps } from "./deps.js";
import { syncPayment } from "./sync-payment.js";
import { verifyNotification } from "./webhook-signature.js";

export const MERCADOPAGO_WEBHOOK_PATH = "/webhooks/mercadopago";

export function mercadoPagoWebhookRouter(db: Database, clock: Clock, deps: PaymentsDeps): Router {
  const router = Router();
  router.post(MERCADOPAGO_WEBHOOK_PATH, async (req, res) => {
    // Read from the raw query: "data.id" must not be taken apart as a nested key.
    const query = new URL(req.originalUrl, "http://localhost").searchParams;
    const clinicId = query.get("clinic") ?? "";
    const dataId = query.get("data.id") ?? query.get("id") ?? undefined;
    const credentials = clinicId ? await loadCredentials(db.sql, deps.sealer, clinicId) : undefined;
    const check = credentials
      ? verifyNotification({ signature: req.header("x-signature"), requestId: req.header("x-request-id"), dataId }, credentials.webhookSecret, clock.now())
      : ({ valid: false, reason: "unknown clinic" } as const);
    if (!check.valid) {
      deps.logger.warn({ path: MERCADOPAGO_WEBHOOK_PATH, reason: check.reason }, "Mercado Pago notification refused");
      res.status(401).json({ error: { code: "unauthorized", message: "bad signature" } });
      return;
    }
    const body = (req.body ?? {}) as { type?: unknown; action?: unknown };
    const type = query.get("type") ?? query.get("topic") ?? (typeof body.type === "string" ? body.type : undefined);
    if (type !== "payment" || !dataId) {
      res.json({ ok: true, ignored: true });
      return;
    }
    if (!(await isKnownProviderPayment(db.sql, clinicId, dataId))) {
      res.json({ ok: true, ignored: true });
      return;
    }
    try {
      const outcome = await syncPayment(db, deps, clinicId, dataId, () => clock.now());
      await deps.wakeChats();
      res.json({ ok: true, outcome });
    } catch (error) {
      // Mercado Pago retries a notification that was not answered 2xx; polling covers it meanwhile.
      deps.logger.warn({ providerPaymentId: dataId, code: (error as { code?: string }).code }, "Mercado Pago notification not applied");
      res.status(503).json({ error: { code: "upstream_unavailable", message: "try again later" } });
    }
  });
  return router;
}
