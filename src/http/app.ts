// The HTTP surface: health, OpenAPI, the admin API and (when it is the
// channel) the simulator.
import express, { type Express, type Router } from "express";
import { buildAdminApi } from "../admin-api/router.js";
import type { RecordsDeps } from "../records/deps.js";
import { verificationRouter } from "./verification.js";
import type { Clock } from "../clock.js";
import type { Database } from "../db/database.js";
import { pendingMigrations } from "../db/migrate.js";
import type { Logger } from "../logger.js";
import { errorHandler, notFoundHandler } from "./errors.js";
import type { ConversationEngine } from "../bot/engine.js";
import type { OutboxDispatcher } from "../bot/outbox.js";
import { simulatorRouter } from "../bot/simulator/routes.js";

export interface HttpDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  engine: ConversationEngine;
  outbox: OutboxDispatcher;
  simulator: boolean;
  whatsappChannel?: string;
  /** A channel's webhooks (Cloud API); mounted before the JSON parser, they read raw bodies. */
  channelRouter?: Router;
  /** Records and documents: admin routes and the public verification page. */
  records?: RecordsDeps;
}

export function buildHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  if (deps.channelRouter) app.use(deps.channelRouter);
  app.use(express.json({ limit: "30mb" }));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const checks = await readiness(deps.db);
    res.status(checks.ready ? 200 : 503).json(checks);
  });
  const admin = buildAdminApi({ db: deps.db, clock: deps.clock, whatsappChannel: deps.whatsappChannel, records: deps.records });
  const openApi = admin.api.openApiDocument();
  app.get("/openapi.json", (_req, res) => {
    res.json(openApi);
  });
  app.use("/api/v1", admin.router);
  if (deps.records) app.use(verificationRouter(deps.db, deps.records.settings));
  if (deps.simulator) app.use(simulatorRouter(deps));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

async function readiness(db: Database) {
  try {
    await db.executeSql("SELECT 1");
    const pending = await pendingMigrations(db);
    return { ready: pending.length === 0, database: { status: "ok", kind: db.kind }, migrations: { status: pending.length === 0 ? "ok" : "pending", pending } };
  } catch (error) {
    return { ready: false, database: { status: "error", kind: db.kind, error: error instanceof Error ? error.message : String(error) } };
  }
}
