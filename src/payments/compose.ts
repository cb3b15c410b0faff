// Builds payments from the configuration: the Mercado Pago gateway (at
// MERCADOPAGO_BASE_URL), the sealer for the clinics' credentials, and the
// timed tasks service.ts registers.
import type { ChatEvents } from "../chat-events/raise.js";
import type { Config } from "../config.js";
import type { Cipher } from "../crypto/encryption.js";
import type { Database } from "../db/database.js";
import type { TimedTask } from "../jobs/clock-tasks.js";
import type { Logger } from "../logger.js";
import type { PaymentsDeps, Sealer } from "./deps.js";
import { expireUnpaidHolds } from "./expire-unpaid-holds.js";
import type { PaymentGateway } from "./gateway.js";
import type { MercadoPagoGatewayOptions } from "./mercadopago-gateway.js";
import { pollPendingPayments } from "./poll-pending-payments.js";
import { refundDuePayments } from "./refund-payment.js";

export interface PaymentsParts {
  config: Config;
  db: Database;
  logger: Logger;
  /** Loaded once at start (service.ts). */
  cipher: Cipher;
  /** Raises what the patient is told (src/chat-events/). */
  events: ChatEvents;
  wakeChats(): Promise<void>;
  /** Tests may replace the gateway; by default it is the SDK at MERCADOPAGO_BASE_URL. */
  gateway?: PaymentGateway;
}

export interface Payments {
  deps: PaymentsDeps;
  timedTasks: TimedTask[];
}

export function buildPayments(parts: PaymentsParts): Payments {
  const { config, db, logger } = parts;
  const { cipher } = parts;
  const sealer: Sealer = { seal: async (text) => cipher.encrypt(text), open: async (sealed) => cipher.decrypt(sealed) };
  const deps: PaymentsDeps = {
    gateway: parts.gateway ?? mercadoPagoOnFirstUse({ baseUrl: config.MERCADOPAGO_BASE_URL, timeoutMs: config.MERCADOPAGO_TIMEOUT_MS }),
    sealer,
    cipher,
    publicUrl: config.PUBLIC_URL,
    pollSeconds: config.PAYMENTS_POLL_SECONDS,
    events: parts.events,
    wakeChats: parts.wakeChats,
    logger,
  };
  return {
    deps,
    // Expiry first: it asks Mercado Pago about each payment it is about to expire.
    timedTasks: [
      { name: "payments.expire-unpaid-holds", run: (now) => expireUnpaidHolds(db, deps, now) },
      { name: "payments.poll-pending", run: (now) => pollPendingPayments(db, deps, now) },
      { name: "payments.refunds", run: (now) => refundDuePayments(db, deps, now) },
    ],
  };
}

/** The Mercado Pago SDK loads on the first payment call, not at start: a clinic that takes no Pix never needs it. */
function mercadoPagoOnFirstUse(options: MercadoPagoGatewayOptions): PaymentGateway {
  let loaded: Promise<PaymentGateway> | undefined;
  const gateway = () => (loaded ??= import("./mercadopago-gateway.js").then(({ MercadoPagoGateway }) => new MercadoPagoGateway(options)));
  return {
    createPix: async (credentials, request) => (await gateway()).createPix(credentials, request),
    getPayment: async (credentials, paymentId) => (await gateway()).getPayment(credentials, paymentId),
    refund: async (credentials, paymentId, idempotencyKey) => (await gateway()).refund(credentials, paymentId, idempotencyKey),
  };
}
