// The HTTP surface: health, OpenAPI, the admin API and (when it is the
// channel, and never in production) the simulator. Security headers on every
// answer; JSON bodies read only where a route takes one, after the key check
// on /api/v1, up to HTTP_BODY_MAX_BYTES (SIMULATOR_BODY_MAX_BYTES on /simulator).
import express, { type Express, type Router } from "express";
import { buildAdminApi, type AdminApiDeps } from "./admin-api/router.js";
import { DEFAULT_BODY_LIMIT_BYTES } from "./admin-api/registry.js";
import type { Cipher } from "./crypto/encryption.js";
import type { RecordsDeps } from "./records/deps.js";
import type { PaymentsDeps } from "./payments/deps.js";
import { mercadoPagoWebhookRouter } from "./payments/webhook.js";
import { verificationRouter } from "./http/verification.js";
import { consoleRouter } from "./http/console-page.js";
import type { Clock } from "./clock.js";
import type { Database } from "./db/database.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./observability/metrics.js";
import { metricsHandler } from "./observability/metrics-route.js";
import { checkReadiness } from "./observability/readiness.js";
import { jsonBody } from "./http/json-body.js";
import { requestContext } from "./http/request-context.js";
import { pagePolicies, securityHeaders } from "./http/security-headers.js";
import { errorHandler, notFoundHandler } from "./http/errors.js";
import type { ClinicChats } from "./chat-events/raise.js";
import type { ConversationEngine } from "./bot/engine.js";
import type { OutboxDispatcher } from "./bot/outbox.js";
import { simulatorRouter, type TimeTravel } from "./http/simulator-routes.js";

export interface HttpDeps {
  db: Database;
  /** Seals and opens chat content and media (loaded once in service.ts). */
  cipher: Cipher;
  /** Chat events raised by the admin API, and their wake-up. */
  chats: ClinicChats;
  clock: Clock;
  logger: Logger;
  engine: ConversationEngine;
  outbox: OutboxDispatcher;
  simulator: boolean;
  /** Outside production: moves the clock forward and runs the work due (POST /simulator/clock). */
  timeTravel?: TimeTravel;
  /** NODE_ENV=production: the simulator is never mounted, whatever `simulator` says. */
  production?: boolean;
  whatsappChannel?: string;
  /** A channel's webhooks (Cloud API); mounted before the JSON parser, they read raw bodies. */
  channelRouter?: Router;
  /** Records and documents: admin routes and the public verification page. */
  records?: RecordsDeps;
  /** GET /metrics and per-route request timings. */
  metrics?: Metrics;
  /** METRICS_TOKEN */
  metricsToken?: string;
  /** Admin API rate limits. */
  limits?: AdminApiDeps["limits"];
  /** HTTP_BODY_MAX_BYTES: the largest JSON body outside the simulator. */
  bodyLimitBytes?: number;
  /** SIMULATOR_BODY_MAX_BYTES: a simulator upload arrives base64 in JSON. */
  simulatorBodyLimitBytes?: number;
  /** Pix payments: admin routes and the Mercado Pago webhook. */
  payments?: PaymentsDeps;
  /** HANDOFF_MINUTES: how long the bot keeps silent after the reception writes in a chat. */
  handoffMinutes?: number;
}

export function buildHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(securityHeaders(), pagePolicies());
  app.use(requestContext(deps.logger, deps.metrics));
  if (deps.channelRouter) app.use(deps.channelRouter);
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const checks = await checkReadiness(deps.db, deps.whatsappChannel ?? "simulator");
    res.status(checks.ready ? 200 : 503).json(checks);
  });
  if (deps.metrics) app.get("/metrics", metricsHandler(deps.metrics, deps.metricsToken));
  const admin = buildAdminApi({ db: deps.db, cipher: deps.cipher, chats: deps.chats, clock: deps.clock, whatsappChannel: deps.whatsappChannel, records: deps.records, limits: deps.limits, payments: deps.payments, bodyLimitBytes: deps.bodyLimitBytes,
    handoffs: { handoffMinutes: deps.handoffMinutes ?? 120, metrics: deps.metrics, onOutbox: () => void deps.outbox.flush().catch((error) => deps.logger.error({ err: error }, "outbox flush failed")) } });
  const openApi = admin.api.openApiDocument();
  app.get("/openapi.json", (_req, res) => {
    res.json(openApi);
  });
  app.use("/api/v1", admin.router);
  // Belt and braces over the configuration's own refusal (config.ts): the
  // simulator lets anyone write as the doctor, so production never serves it.
  const simulator = deps.simulator && !deps.production;
  if (simulator) app.use("/simulator", jsonBody(deps.simulatorBodyLimitBytes ?? 40 * 1024 * 1024));
  app.use(jsonBody(deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES));
  if (deps.payments) app.use(mercadoPagoWebhookRouter(deps.db, deps.clock, deps.payments));
  if (deps.records) app.use(verificationRouter(deps.db, deps.records.settings, deps.cipher, deps.clock));
  app.use(consoleRouter());
  if (simulator) app.use(simulatorRouter(deps));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
