// Prometheus metrics (prom-client). One Registry per service, built in the
// composition root and passed to whoever counts; nothing here is a module
// singleton, so two services in one process (tests) never share counters.
// Queue depths and WhatsApp session states are read from the database at
// scrape time, so every instance reports the same truth.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Database } from "../db/database.js";
import {
  countHandoffsOpen, countInboxPending, countJobsPendingByName, countOutboxPending, countSessionsByStatus,
} from "./observability-statements.js";

export interface Metrics {
  registry: Registry;
  /** Inbound messages the engine finished with; outcome: handled | limited | failed. */
  inboundMessages: Counter<"kind" | "outcome">;
  /** Outbound sends; result: sent | failed (will retry) | gave_up. */
  outboundMessages: Counter<"kind" | "result">;
  /** Templates Meta refused (132000 parameters, 132001 missing or not approved): the clinic must fix them in WhatsApp Manager. */
  whatsappTemplateErrors: Counter<"code">;
  /** Seconds one turn took (lock, flow, effects, commit). */
  turnDuration: Histogram<"outcome">;
  jobFailures: Counter<"job" | "final">;
  whatsappReconnects: Counter;
  /** Seconds per AI call; operation: transcribe | structure; outcome: ok | error. */
  aiDuration: Histogram<"operation" | "outcome">;
  aiFailures: Counter<"operation">;
  documentsSigned: Counter<"kind">;
  httpRequests: Histogram<"method" | "route" | "status">;
  /** Seconds from a patient asking for a person to the reception's first reply. */
  handoffFirstReply: Histogram;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry, prefix: "zelo_" });
  const registers = [registry];
  return {
    registry,
    inboundMessages: new Counter({ name: "zelo_inbound_messages_total", help: "Inbound chat messages handled by the engine", labelNames: ["kind", "outcome"], registers }),
    outboundMessages: new Counter({ name: "zelo_outbound_messages_total", help: "Outbound chat messages sent or failed", labelNames: ["kind", "result"], registers }),
    whatsappTemplateErrors: new Counter({ name: "zelo_whatsapp_template_errors_total", help: "WhatsApp templates Meta refused, by error code", labelNames: ["code"], registers }),
    turnDuration: new Histogram({
      name: "zelo_turn_duration_seconds", help: "Time to handle one inbound message", labelNames: ["outcome"], registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    jobFailures: new Counter({ name: "zelo_job_failures_total", help: "Background job runs that failed", labelNames: ["job", "final"], registers }),
    whatsappReconnects: new Counter({ name: "zelo_whatsapp_reconnects_total", help: "WhatsApp (Baileys) reconnect attempts scheduled by this instance", registers }),
    aiDuration: new Histogram({
      name: "zelo_ai_request_duration_seconds", help: "Duration of calls to the AI server", labelNames: ["operation", "outcome"], registers,
      buckets: [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120],
    }),
    aiFailures: new Counter({ name: "zelo_ai_failures_total", help: "Failed calls to the AI server", labelNames: ["operation"], registers }),
    documentsSigned: new Counter({ name: "zelo_documents_signed_total", help: "Documents signed (prescriptions, certificates, ...)", labelNames: ["kind"], registers }),
    httpRequests: new Histogram({
      name: "zelo_http_request_duration_seconds", help: "HTTP requests by route template", labelNames: ["method", "route", "status"], registers,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    handoffFirstReply: new Histogram({
      name: "zelo_handoff_first_reply_seconds", help: "Time from a patient asking for a person to the reception's first reply", registers,
      buckets: [60, 300, 900, 1800, 3600, 2 * 3600, 4 * 3600, 12 * 3600, 24 * 3600, 72 * 3600],
    }),
  };
}

const SESSION_STATUSES = ["disconnected", "connecting", "qr", "connected", "logged_out"];

/** Gauges read at scrape time: inbox and outbox backlog, pending jobs, WhatsApp sessions by status. */
export function watchDatabase(metrics: Metrics, db: Database): void {
  const registers = [metrics.registry];
  const errors = new Counter({ name: "zelo_metrics_collect_errors_total", help: "Scrape-time database reads that failed", labelNames: ["gauge"], registers });
  const guarded = (name: string, read: () => Promise<void>) => async () => {
    await read().catch(() => errors.inc({ gauge: name })); // a scrape still answers when the database is down
  };
  const inbox = new Gauge({
    name: "zelo_inbox_pending", help: "Inbound messages stored and not yet handled", registers,
    collect: guarded("inbox", async () => {
      inbox.set(await countInboxPending(db.sql));
    }),
  });
  const outbox = new Gauge({
    name: "zelo_outbox_pending", help: "Outbound messages waiting to be sent", registers,
    collect: guarded("outbox", async () => {
      outbox.set(await countOutboxPending(db.sql));
    }),
  });
  const handoffs = new Gauge({
    name: "zelo_handoffs_open", help: "Chats waiting for a person from the clinic (open handoffs)", registers,
    collect: guarded("handoffs", async () => {
      handoffs.set(await countHandoffsOpen(db.sql));
    }),
  });
  const jobs = new Gauge({
    name: "zelo_jobs_pending", help: "Background jobs waiting or retrying, by queue", labelNames: ["job"], registers,
    collect: guarded("jobs", async () => {
      const rows = await countJobsPendingByName(db.sql);
      jobs.reset();
      for (const row of rows) jobs.set({ job: row.name }, Number(row.n));
    }),
  });
  const sessions = new Gauge({
    name: "zelo_whatsapp_sessions", help: "WhatsApp sessions by status (all instances)", labelNames: ["status"], registers,
    collect: guarded("whatsapp", async () => {
      const rows = await countSessionsByStatus(db.sql);
      for (const status of SESSION_STATUSES) sessions.set({ status }, 0);
      for (const row of rows) sessions.set({ status: row.status }, Number(row.n));
    }),
  });
}
