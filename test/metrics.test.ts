// Observability: /metrics in the Prometheus text format (checked line by line
// against the exposition grammar), counters that move with real traffic,
// request ids, PHI-free logs and a readiness report per dependency.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createLogger } from "../src/logger.js";
import { defineJob, JobQueue } from "../src/jobs/queue.js";
import { instrumentTranscriber } from "../src/observability/instrument-ai.js";
import { createMetrics } from "../src/observability/metrics.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { PATIENT, startTestService, testConfig, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
const METRICS_TOKEN = "metrics-token-0123456789";

beforeAll(async () => {
  testDb = await createTestDatabase("metrics");
  service = await startTestService(testDb.db, { config: testConfig({ METRICS_TOKEN }) });
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

// The text exposition format 0.0.4: HELP/TYPE comments and samples
// `name{label="value",...} value [timestamp]`.
const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const LABELS = `\\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\["\\\\n])*",?)*\\}`;
// Prometheus reads values with Go's ParseFloat: NaN and Inf in any case (prom-client writes "Nan").
const VALUE = "(?:[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]?[Ii][Nn][Ff]|[Nn][Aa][Nn])";
const LINE = new RegExp(`^(?:# HELP ${NAME} .*|# TYPE ${NAME} (?:counter|gauge|histogram|summary|untyped)|${NAME}(?:${LABELS})? ${VALUE}(?: -?\\d+)?)$`);

interface Sample { name: string; labels: Record<string, string>; value: number }

function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line === "") continue;
    expect(LINE.test(line), `not Prometheus text: ${line}`).toBe(true);
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    if (line.startsWith("#")) continue;
    const match = /^([^{\s]+)(?:\{(.*)\})? (\S+)/.exec(line)!;
    const labels = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return { samples, types };
}

async function scrape() {
  const res = await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await res.text());
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);

describe("/metrics", () => {
  it("asks for METRICS_TOKEN when it is set", async () => {
    expect((await fetch(`${service.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${service.url}/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
  });

  it("parses as Prometheus text and declares every product metric with its type", async () => {
    const { types } = await scrape();
    expect(Object.fromEntries([
      "zelo_inbound_messages_total", "zelo_outbound_messages_total", "zelo_turn_duration_seconds", "zelo_inbox_pending",
      "zelo_outbox_pending", "zelo_jobs_pending", "zelo_job_failures_total", "zelo_whatsapp_sessions", "zelo_whatsapp_reconnects_total",
      "zelo_ai_request_duration_seconds", "zelo_ai_failures_total", "zelo_documents_signed_total", "zelo_http_request_duration_seconds",
    ].map((name) => [name, types.get(name)]))).toEqual({
      zelo_inbound_messages_total: "counter", zelo_outbound_messages_total: "counter", zelo_turn_duration_seconds: "histogram",
      zelo_inbox_pending: "gauge", zelo_outbox_pending: "gauge", zelo_jobs_pending: "gauge", zelo_job_failures_total: "counter",
      zelo_whatsapp_sessions: "gauge", zelo_whatsapp_reconnects_total: "counter", zelo_ai_request_duration_seconds: "histogram",
      zelo_ai_failures_total: "counter", zelo_documents_signed_total: "counter", zelo_http_request_duration_seconds: "histogram",
    });
    expect(types.get("zelo_process_cpu_user_seconds_total")).toBe("counter");
  });

  it("counts inbound and outbound messages, times the turns and reads the backlogs at scrape time", async () => {
    const before = (await scrape()).samples;
    const answers = [await service.say(PATIENT, "oi"), await service.say(PATIENT, "1")];
    await service.outbox.flush();
    const after = (await scrape()).samples;
    const delta = (name: string, labels: Record<string, string> = {}) => value(after, name, labels) - value(before, name, labels);
    expect(delta("zelo_inbound_messages_total", { kind: "text", outcome: "handled" })).toBe(2);
    expect(delta("zelo_turn_duration_seconds_count")).toBe(2);
    expect(value(after, "zelo_turn_duration_seconds_bucket", { le: "+Inf" })).toBe(value(after, "zelo_turn_duration_seconds_count"));
    const replies = answers.reduce((n, answer) => n + answer.replies.length, 0);
    expect(replies).toBeGreaterThan(0);
    expect(delta("zelo_outbound_messages_total", { result: "sent" })).toBe(replies);
    expect(value(after, "zelo_http_request_duration_seconds_count", { route: "/simulator/messages", method: "POST" })).toBeGreaterThanOrEqual(2);

    // Backlogs: a stored message not yet handled, a reply not yet due.
    expect([value(after, "zelo_inbox_pending"), value(after, "zelo_outbox_pending")]).toEqual([0, 0]);
    await testDb.db.sql.query(
      `INSERT INTO "InboxMessage" (id, "clinicId", "chatKey", "senderPhone", "providerMessageId", kind, text) VALUES ('m-inbox', $1, '+5511911112222', '+5511911112222', 'p-1', 'text', 'oi')`,
      [service.clinicId]);
    await testDb.db.sql.query(
      `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", kind, text, "nextAttemptAt") VALUES ('m-outbox', $1, '+5511911112222', 'text', 'oi', $2)`,
      [service.clinicId, new Date("2030-01-01T00:00:00Z")]);
    const backlog = (await scrape()).samples;
    expect([value(backlog, "zelo_inbox_pending"), value(backlog, "zelo_outbox_pending")]).toEqual([1, 1]);
    await testDb.db.sql.query(`DELETE FROM "InboxMessage" WHERE id = 'm-inbox'`);
    await testDb.db.sql.query(`DELETE FROM "OutboxMessage" WHERE id = 'm-outbox'`);
  });

  it("reports WhatsApp sessions by status from the database", async () => {
    await testDb.db.prisma.whatsAppSession.create({ data: { clinicId: service.clinicId, status: "connected" } });
    const { samples } = await scrape();
    expect(value(samples, "zelo_whatsapp_sessions", { status: "connected" })).toBe(1);
    expect(value(samples, "zelo_whatsapp_sessions", { status: "logged_out" })).toBe(0);
  });

  it("counts job failures through the queue's failure hook", async () => {
    const failures: string[] = [];
    const queue = new JobQueue(testDb.db, createLogger({ level: "silent", logPhi: false }), { poll: false, onFailure: (job, final) => failures.push(`${job}:${final}`) });
    await queue.start([defineJob({ name: "metrics-test-fails", schema: z.object({}), retryLimit: 0, retryDelaySeconds: 0, handler: async () => { throw new Error("boom"); } })]);
    await queue.enqueue("metrics-test-fails", {});
    await queue.runDue(["metrics-test-fails"]);
    expect(failures).toEqual(["metrics-test-fails:true"]);
    await queue.stop();
  });
});

describe("AI metrics", () => {
  it("times every call to the AI server and counts the failures", async () => {
    const metrics = createMetrics({ defaultMetrics: false });
    let fail = false;
    const transcriber = instrumentTranscriber({ transcribe: async () => { if (fail) throw new Error("503"); return "texto"; } }, metrics);
    expect(await transcriber.transcribe(Buffer.from("x"), "audio/ogg")).toBe("texto");
    fail = true;
    await expect(transcriber.transcribe(Buffer.from("x"), "audio/ogg")).rejects.toThrow("503");
    const { samples } = parseExposition(await metrics.registry.metrics());
    expect(value(samples, "zelo_ai_request_duration_seconds_count", { operation: "transcribe" })).toBe(2);
    expect(value(samples, "zelo_ai_failures_total", { operation: "transcribe" })).toBe(1);
  });
});

describe("request ids and logs", () => {
  it("echoes a caller's x-request-id and makes one up otherwise", async () => {
    const given = await fetch(`${service.url}/healthz`, { headers: { "x-request-id": "abc-123" } });
    expect(given.headers.get("x-request-id")).toBe("abc-123");
    const made = await fetch(`${service.url}/healthz`, { headers: { "x-request-id": "x".repeat(200) } });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("redacts phones, texts, keys and tokens from log lines", () => {
    const lines: string[] = [];
    const destination = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
    const logger = createLogger({ level: "info", logPhi: false, destination });
    logger.child({ requestId: "r-1" }).info({
      phone: PATIENT, text: "estou com dor no peito", message: { chatKey: PATIENT }, apiKey: "zelo_secret", token: "t0k3n",
      req: { headers: { authorization: "Bearer zelo_secret" } }, certificate: { pkcs12: "MIIabc", password: "senha" },
    }, "inbound");
    const line = lines.join("");
    expect(line).toContain('"requestId":"r-1"');
    for (const secret of [PATIENT, "dor no peito", "zelo_secret", "t0k3n", "MIIabc", "senha"]) expect(line).not.toContain(secret);
  });
});

describe("/readyz", () => {
  it("reports each dependency", async () => {
    const res = await fetch(`${service.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ready: true, database: { status: "ok" }, migrations: { status: "ok", pending: [] }, jobs: { status: "ok" }, whatsapp: { channel: "simulator" },
    });
  });
});
