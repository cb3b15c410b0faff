// Builds the running service from plain parts. main.ts (and tests) call this.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ensureBootstrapKey } from "./admin-api/auth.js";
import { ConversationEngine } from "./bot/engine.js";
import type { Channel } from "./bot/messages.js";
import { OutboxDispatcher } from "./bot/outbox.js";
import { buildChannel, type BuiltChannel } from "./bot/channels/index.js";
import { defaultInstanceId } from "./bot/channels/instance-id.js";
import { isAdjustable, type Clock } from "./clock.js";
import type { Config } from "./config.js";
import { loadCipher, type Cipher } from "./crypto/encryption.js";
import type { Database } from "./db/database.js";
import { applyMigrations } from "./db/migrate.js";
import { buildHttpApp } from "./http-app.js";
import { runTimedTasks, scheduleTimedTasks, type TimedTask } from "./jobs/clock-tasks.js";
import { schedulingTimedTasks } from "./scheduling/timed-tasks.js";
import { JobQueue, type AnyJobDefinition } from "./jobs/queue.js";
import type { Logger } from "./logger.js";
import { purgeRateCounters } from "./limits/rate-counter.js";
import { createMetrics, watchDatabase, type Metrics } from "./observability/metrics.js";
import { sealClearPatientIdentity } from "./records/patient-identity.js";
import { seedDemo } from "./seed-demo.js";
import { buildRecords, type RecordsParts } from "./records/compose.js";
import { buildPayments } from "./payments/compose.js";
import { buildDocuments } from "./documents/compose.js";
import { loadCertificateStore } from "./documents/psc/trusted-roots.js";
import { chatEvents, type ClinicChats } from "./chat-events/raise.js";
import { loadOpenAiPorts } from "./ai/openai-ports.js";

export interface ServiceParts {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Defaults to the simulator. */
  channel?: Channel;
  /** Background loops (retries, outbox); tests turn them off to drive each step. */
  background?: boolean;
  beforeCommit?: ConstructorParameters<typeof ConversationEngine>[3]["beforeCommit"];
  /** Replaces the AI ports built from the configuration (tests). */
  ai?: RecordsParts["ai"];
  /** Built here when not given (one registry per service). */
  metrics?: Metrics;
  /** Loaded from the configuration when not given (ENCRYPTION_KEY, or the development key in DATA_DIR). */
  cipher?: Cipher;
}

export interface RunningService {
  url: string;
  server: Server;
  engine: ConversationEngine;
  outbox: OutboxDispatcher;
  jobs: JobQueue;
  metrics: Metrics;
  /** The cipher everything was built with (tests open sealed rows with it). */
  cipher: Cipher;
  /** Runs the time-based tasks once at the clock's now (the cron tick does this every minute). */
  tick(): Promise<void>;
  seeded: boolean;
  stop(): Promise<void>;
}

export async function startService(parts: ServiceParts): Promise<RunningService> {
  const { config, db, clock, logger } = parts;
  // One id for the WhatsApp leases and the outbox claims; INSTANCE_ID makes a restart known as the same instance.
  const instanceId = config.INSTANCE_ID ?? defaultInstanceId();
  await applyMigrations(db);
  if (config.ADMIN_API_KEY) {
    const revoked = await ensureBootstrapKey(db, config.ADMIN_API_KEY, clock.now());
    if (revoked > 0) logger.warn({ revoked }, "ADMIN_API_KEY changed: the previous bootstrap key is revoked");
  }
  // Loaded once, before anything reads or writes a chat: a missing or wrong key stops the start, not a message.
  const cipher = parts.cipher ?? (await loadCipher(config, (message) => logger.warn(message)));
  const seeded = await maybeSeed(parts);
  await sealPatientIdentity(db, cipher, logger);
  const metrics = parts.metrics ?? createMetrics();
  watchDatabase(metrics, db);
  // The channel runs chats as messages arrive; the engine is built just below.
  const onInbound = (clinicId: string, chatKey: string) => engine.drainChat(clinicId, chatKey);
  const built: BuiltChannel = parts.channel
    ? { channel: parts.channel, start: async () => undefined, stop: async () => undefined }
    : await buildChannel({ config: { ...config, INSTANCE_ID: instanceId }, db, clock, logger, cipher, onInbound, onReconnect: () => metrics.whatsappReconnects.inc(),
        onInboundDropped: (kind) => metrics.inboundMessages.inc({ kind, outcome: "dropped" }), onTemplateError: (code) => metrics.whatsappTemplateErrors.inc({ code }) });
  const channel = built.channel;
  const outbox = new OutboxDispatcher(db, channel, clock, logger, { cipher, maxAttempts: config.OUTBOX_MAX_ATTEMPTS, metrics, instanceId });
  await outbox.reclaimOwn();
  const background = parts.background !== false;
  const jobs = new JobQueue(db, logger, { poll: background, onFailure: (job, final) => metrics.jobFailures.inc({ job, final: String(final) }) });
  // What the clinic starts in a chat is an event the chat's flow answers (src/chat-events/); raised outside a turn,
  // it is handled as soon as its transaction commits, and by the retry loop if this process stops first.
  const events = chatEvents(cipher);
  const wakeChats = async () => {
    await engine.retryDue().catch((error) => logger.error({ err: error }, "chat events not handled yet"));
    await outbox.flush().catch((error) => logger.error({ err: error }, "outbox flush failed"));
  };
  const chats: ClinicChats = { events, wake: wakeChats };
  const openAi = await loadOpenAiPorts(config);
  const records = buildRecords({ config, db, clock, logger, cipher, jobs, ai: parts.ai, openAi, metrics, events, wakeChats });
  const documents = buildDocuments({ deps: records.deps, db, clock, metrics, cloud: {
    store: await loadCertificateStore({ roots: config.ICP_BRASIL_ROOTS_PATH, testRoots: config.NODE_ENV === "production" ? undefined : config.PSC_TEST_ROOTS_PATH }),
    enqueue: (sql, name, data) => jobs.enqueue(name, data, { sql }),
  } });
  const payments = buildPayments({ config, db, logger, cipher, events, wakeChats });
  const engine = new ConversationEngine(db, clock, logger, {
    cipher,
    events,
    services: { enqueueJob: (sql, name, data, singletonKey) => jobs.enqueue(name, data, { sql, singletonKey }), records: records.deps, payments: payments.deps, signatures: documents.signatures,
      questionMatcher: openAi?.questionMatcher },
    idleMinutes: config.CONVERSATION_IDLE_MINUTES,
    handoffMinutes: config.HANDOFF_MINUTES,
    maxAttempts: config.INBOX_MAX_ATTEMPTS,
    turnWorkers: config.TURN_WORKERS,
    turnBatchSize: config.TURN_BATCH_SIZE,
    onOutbox: () => void outbox.flush().catch((error) => logger.error({ err: error }, "outbox flush failed")),
    replyClaims: { instanceId: outbox.instanceId, leaseMs: outbox.claimLeaseMs, send: (rows) => outbox.sendClaimed(rows) },
    beforeCommit: parts.beforeCommit,
    metrics,
    limits: {
      messages: config.CHAT_RATE_LIMIT_MESSAGES, windowSeconds: config.CHAT_RATE_LIMIT_WINDOW_SECONDS,
      maxChars: config.MESSAGE_MAX_CHARS, maxMediaBytes: config.MEDIA_MAX_BYTES,
    },
  });
  const jobDefinitions: AnyJobDefinition[] = [...records.jobs, ...documents.jobs];
  const timedTasks: TimedTask[] = [...schedulingTimedTasks(db, events), ...records.timedTasks, ...payments.timedTasks,
    { name: "purge ended rate-limit windows", run: (now) => purgeRateCounters(db.sql, now) }];
  await jobs.start(jobDefinitions);
  const runDueWork = async () => {
    await runTimedTasks(timedTasks, clock, logger);
    await engine.retryDue();
    await outbox.flush();
  };
  // Outside production an adjustable clock can be moved from the simulator; the work due by then runs at once.
  const timeTravel = isAdjustable(clock) && config.NODE_ENV !== "production"
    ? {
      advance: async (minutes: number) => {
        clock.advance(minutes * 60_000);
        await runDueWork();
        return clock.now();
      },
    }
    : undefined;
  const app = buildHttpApp({ db, clock, timeTravel, logger, cipher, chats, engine, outbox, simulator: config.WHATSAPP_CHANNEL === "simulator", production: config.NODE_ENV === "production",
    whatsappChannel: config.WHATSAPP_CHANNEL, channelRouter: built.router, records: records.deps, payments: payments.deps,
    metrics, metricsToken: config.METRICS_TOKEN, bodyLimitBytes: config.HTTP_BODY_MAX_BYTES, simulatorBodyLimitBytes: config.SIMULATOR_BODY_MAX_BYTES, handoffMinutes: config.HANDOFF_MINUTES,
    limits: { perKeyPerMinute: config.API_RATE_LIMIT_PER_MINUTE, authFailuresPerMinute: config.API_AUTH_FAILURES_PER_MINUTE } });
  const server = await listen(app, config.PORT, config.HOST);
  const timers = background ? startLoops(engine, outbox, logger) : [];
  await built.start();
  const cronTick = background ? scheduleTimedTasks(timedTasks, clock, logger) : undefined;
  const address = server.address() as AddressInfo;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  records.setListenUrl(`http://${host}:${address.port}`);
  return {
    url: `http://${host}:${address.port}`,
    server,
    engine,
    outbox,
    jobs,
    metrics,
    cipher,
    seeded,
    tick: runDueWork,
    // Graceful stop: take no new messages, finish the ones in hand, send what
    // they queued while the channel still can, then let go of the WhatsApp leases.
    stop: async () => {
      for (const timer of timers) clearInterval(timer);
      cronTick?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await engine.retryDue().catch((error) => logger.warn({ err: error }, "final inbox drain failed"));
      await outbox.flush().catch((error) => logger.warn({ err: error }, "final outbox flush failed"));
      await built.stop();
      await jobs.stop().catch((error) => logger.warn({ err: error }, "job queue stop failed"));
    },
  };
}

async function maybeSeed(parts: ServiceParts): Promise<boolean> {
  const mode = parts.config.SEED_DEMO;
  // loadConfig refuses any other mode in production; a hand-built Config is held to it too.
  if (mode === "never" || parts.config.NODE_ENV === "production") return false;
  // With DATABASE_URL nothing is seeded unless asked (SEED_DEMO=always or `npm run seed:demo`).
  if (mode === "auto" && parts.db.kind !== "pglite") return false;
  if (mode === "auto" && (await parts.db.prisma.clinic.count()) > 0) return false;
  return (await seedDemo(parts.db)).created;
}

function listen(app: ReturnType<typeof buildHttpApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}

function startLoops(engine: ConversationEngine, outbox: OutboxDispatcher, logger: Logger): NodeJS.Timeout[] {
  const guard = (name: string, work: () => Promise<unknown>) => () =>
    void work().catch((error) => logger.error({ err: error }, `${name} failed`));
  return [
    setInterval(guard("inbox retry", () => engine.retryDue()), 2000),
    setInterval(guard("outbox flush", () => outbox.flush()), 1000),
  ];
}

/** CPFs and addresses stored in clear (before they were sealed) are sealed before anything reads them. */
async function sealPatientIdentity(db: Database, cipher: Cipher, logger: Logger): Promise<void> {
  if (!cipher.keyId) return;
  for (const report of await sealClearPatientIdentity(db, cipher)) {
    if (report.reencrypted > 0) logger.info({ table: report.table, column: report.column, sealed: report.reencrypted }, "sealed patient identity stored in clear");
    if (report.unreadable > 0) logger.warn({ table: report.table, column: report.column, unreadable: report.unreadable, errors: report.errors }, "patient identity under an unknown key");
  }
}
