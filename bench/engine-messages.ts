// N chats at once, each sending its messages one after another, entering the
// engine the way a WhatsApp channel adapter feeds it (store idempotently, then
// handle the chat in order under its row lock, run the flow, write state and
// outbox in one transaction) and delivered by the outbox, on PostgreSQL.
// A message's latency runs from its arrival to its replies being sent.
// A second line measures the same through the simulator's HTTP endpoint.
// seal_us_per_msg: what sealing at rest costs a message (the seal and open
// calls one text turn makes), measured apart from the database.
// BENCH_DATABASE=pglite runs the same on the embedded database (in a fresh
// data folder; round trips are not counted there: there is no wire).
import { randomBytes, randomUUID } from "node:crypto";
import { ingestInbound } from "../src/bot/inbox.js";
import { systemClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { createKeyring, rowAad } from "../src/crypto/encryption.js";
import { createLogger } from "../src/logger.js";
import { seedDemo } from "../src/seed-demo.js";
import { startService } from "../src/service.js";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openPglite, type Database } from "../src/db/database.js";
import { applyMigrations } from "../src/db/migrate.js";
import { BENCH_UNCOUNTED, countRoundTrips, freshPostgres, percentile, round, rssMb } from "./support.js";

const DATABASE = process.env.BENCH_DATABASE === "pglite" ? "pglite" : "postgres";

async function freshDatabase(name: string): Promise<Database> {
  if (DATABASE === "postgres") return freshPostgres(name);
  const db = await openPglite(await mkdtemp(path.join(tmpdir(), `${name}-`)));
  await applyMigrations(db);
  return db;
}

const CHATS = Number(process.env.BENCH_CHATS ?? 50);
const MESSAGES_PER_CHAT = Number(process.env.BENCH_MESSAGES_PER_CHAT ?? 100);
const SCRIPT = ["5", "menu", "ajuda", "5", "cancelar", "2", "menu", "3"];

type Send = (from: string, text: string) => Promise<number>;

export async function benchEngineMessages(): Promise<Record<string, unknown>> {
  return run("engine.messages", channelPath);
}

export async function benchEngineMessagesHttp(): Promise<Record<string, unknown>> {
  return run("engine.messages.http", (service) => async (from, text) => {
    const started = performance.now();
    const res = await fetch(`${service.running.url}/simulator/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from, text }),
    });
    const body = (await res.json()) as { replies?: unknown[] };
    if (!res.ok || !body.replies?.length) throw new Error(`unexpected answer ${res.status}`);
    return performance.now() - started;
  });
}

const RATE = Number(process.env.BENCH_RATE ?? 500);
const OPEN_LOOP_MESSAGES = Number(process.env.BENCH_OPEN_LOOP_MESSAGES ?? 3000);

/**
 * Open loop: messages arrive at a fixed rate whatever the service does (as
 * WhatsApp delivers them), spread over the chats; latency from arrival to the
 * replies being sent. The closed-loop figures above are throughput under
 * saturation, where latency is the queue (50 chats / throughput).
 */
export async function benchEngineLatencyAtRate(): Promise<Record<string, unknown>> {
  const { service, db, clinicId, send } = await prepare("engine_rate", channelPath);
  const phones = Array.from({ length: CHATS }, (_, i) => `+55119${String(20000000 + i)}`);
  for (const from of phones) for (const text of ["oi", "1", "Paciente Teste"]) await send(from, text);
  const latencies: number[] = [];
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < OPEN_LOOP_MESSAGES; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(phones[i % CHATS]!, SCRIPT[i % SCRIPT.length]!).then((ms) => void latencies.push(ms)));
  }
  await Promise.all(inFlight);
  const elapsedS = (performance.now() - started) / 1000;
  await service.stop();
  await db.close();
  latencies.sort((a, b) => a - b);
  void clinicId;
  return {
    bench: "engine.latency_at_rate", database: DATABASE, chats: CHATS, offered_msgs_per_s: RATE,
    achieved_msgs_per_s: round(latencies.length / elapsedS, 1), messages: latencies.length,
    p50_ms: percentile(latencies, 50), p99_ms: percentile(latencies, 99), rss_mb: rssMb(),
  };
}

function channelPath(service: BenchService): Send {
  return async (from, text) => {
    const started = performance.now();
    const { inboxMessageId, duplicate } = await ingestInbound(service.db, service.running.cipher, {
      clinicId: service.clinicId, chatKey: from, senderPhone: from, providerMessageId: randomUUID(), kind: "text", text,
    }, new Date());
    if (duplicate) throw new Error("unexpected duplicate");
    await service.running.engine.drainChat(service.clinicId, from);
    // The replies are under way once the turn commits (claimed with it, or in a pass the engine asked for).
    await service.running.outbox.idle();
    const [sent] = await service.db.sql.query<{ n: string }>(
      `${BENCH_UNCOUNTED} SELECT count(*) AS n FROM "OutboxMessage" WHERE "inboxMessageId" = $1 AND status = 'delivered'`, [inboxMessageId]);
    if (Number(sent?.n) === 0) throw new Error("no reply delivered");
    return performance.now() - started;
  };
}

async function prepare(name: string, makeSend: (service: BenchService) => Send) {
  const db = await freshDatabase(`zelo_bench_${name}`);
  // Chats here send faster than the production per-phone limit allows; the
  // limit stays on (its counter is part of the cost) but is set out of reach.
  const config = loadConfig({
    PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "never", LOG_LEVEL: "silent", DATABASE_URL: "postgresql://unused/x",
    CHAT_RATE_LIMIT_MESSAGES: "1000000", API_RATE_LIMIT_PER_MINUTE: "1000000", ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    ...(process.env.TURN_WORKERS ? { TURN_WORKERS: process.env.TURN_WORKERS } : {}), ...(process.env.TURN_BATCH_SIZE ? { TURN_BATCH_SIZE: process.env.TURN_BATCH_SIZE } : {}),
  });
  const service = await startService({ config, db, clock: systemClock, logger: createLogger({ level: "silent", logPhi: false }) });
  const { clinicId } = await seedDemo(db);
  return { service, db, clinicId, send: makeSend({ db, running: service, clinicId }) };
}

interface BenchService {
  db: Database;
  running: Awaited<ReturnType<typeof startService>>;
  clinicId: string;
}

async function run(name: string, makeSend: (service: BenchService) => Send): Promise<Record<string, unknown>> {
  const { service, db, send: post } = await prepare(name.replaceAll(".", "_"), makeSend);
  const chat = async (index: number): Promise<number[]> => {
    const from = `+55119${String(10000000 + index).padStart(8, "0")}`;
    const latencies = [await post(from, "oi"), await post(from, "1"), await post(from, "Paciente Teste")];
    for (let i = latencies.length; i < MESSAGES_PER_CHAT; i++) latencies.push(await post(from, SCRIPT[i % SCRIPT.length]!));
    return latencies;
  };
  // Warm-up: JIT, pool connections, prepared plans.
  await Promise.all(Array.from({ length: 5 }, (_, i) => chat(100_000 + i)));
  const roundTrips = countRoundTrips();
  const tripsBefore = roundTrips();
  const started = performance.now();
  const all = (await Promise.all(Array.from({ length: CHATS }, (_, i) => chat(i)))).flat();
  const elapsedS = (performance.now() - started) / 1000;
  const trips = roundTrips() - tripsBefore;
  const rss = rssMb();
  await service.stop();
  await db.close();
  all.sort((a, b) => a - b);
  return {
    bench: name,
    database: DATABASE,
    chats: CHATS,
    messages: all.length,
    msgs_per_s: round(all.length / elapsedS, 1),
    p50_ms: percentile(all, 50),
    p99_ms: percentile(all, 99),
    round_trips_per_msg: DATABASE === "postgres" ? round(trips / all.length, 2) : null,
    seal_us_per_msg: sealMicrosecondsPerMessage(),
    rss_mb: rss,
  };
}

/**
 * One text turn seals three values and opens three: the inbound text (sealed
 * on arrival, opened by the turn), the conversation state (opened and sealed
 * again) and the reply (sealed in the turn, opened by the outbox).
 */
export function sealMicrosecondsPerMessage(rounds = 20_000): number {
  const cipher = createKeyring(randomBytes(32), [randomBytes(32)]);
  const inbound = "Losartana 50 mg, 1 comprimido ao dia";
  const state = JSON.stringify({ type: "choosingSlot", procedureId: randomUUID(), professionalId: randomUUID(), page: 2, slots: Array.from({ length: 5 }, () => new Date().toISOString()) });
  const reply = "Perfeito! Sua consulta está marcada para terça-feira, 24/11, às 09:30 com Dra. Ana Souza. Responda *menu* para voltar.";
  const turn = (i: number) => {
    const id = String(i);
    for (const [column, text] of [["InboxMessage.text", inbound], ["Conversation.state", state], ["OutboxMessage.text", reply]] as const) {
      const aad = rowAad(column.split(".")[0]!, column.split(".")[1]!, id);
      if (cipher.openText(cipher.sealText(text, aad), aad) !== text) throw new Error("seal round trip failed");
    }
  };
  for (let i = 0; i < 2000; i++) turn(i);
  const started = performance.now();
  for (let i = 0; i < rounds; i++) turn(i);
  return round(((performance.now() - started) * 1000) / rounds, 2);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchEngineMessages()));
  console.log(JSON.stringify(await benchEngineMessagesHttp()));
  console.log(JSON.stringify(await benchEngineLatencyAtRate()));
}
