// The Cloud API channel against a local Graph API double (real HTTP on
// 127.0.0.1) and signed webhook requests.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openColumn } from "../src/crypto/sealed-columns.js";
import { saveMedia } from "../src/db/media.js";
import { DEMO_CLINIC_SLUG } from "../src/seed-demo.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, testConfig, type TestService } from "./support/service.js";
import { testCipher, unsealed } from "./support/records.js";

const APP_SECRET = "test-app-secret";
const TOKEN = "test-access-token";
const PNID = "109876543210";
/** What Meta sends in X-Hub-Signature-256, computed here with node:crypto (not with the product's signBody). */
const metaSignature = (raw: Buffer, secret = APP_SECRET) => `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
// A media file on a host that is not Meta's: the token must never reach it.
let evil: Server;
let evilUrl: string;
const evilCalls: { path: string; auth?: string }[] = [];
// The oversized media stream: how much the double managed to write before the download was cut.
const BIG_TOTAL = 64 * 1024 * 1024;
let bigWritten = 0;
let bigClosed: Promise<void> = Promise.resolve();

interface GraphCall { method: string; path: string; auth?: string; body: Buffer }

let graph: Server;
let graphUrl: string;
const calls: GraphCall[] = [];
let testDb: TestDatabase;
let service: TestService;

const read = (req: IncomingMessage) => new Promise<Buffer>((resolve) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => resolve(Buffer.concat(chunks)));
});

beforeAll(async () => {
  graph = createServer(async (req, res) => {
    const body = await read(req);
    const path = new URL(req.url!, "http://x").pathname;
    calls.push({ method: req.method!, path, auth: req.headers.authorization, body });
    const json = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { error: { message: "bad token" } });
    if (req.method === "POST" && path === `/v21.0/${PNID}/messages`) return json(200, { messaging_product: "whatsapp", messages: [{ id: `wamid.OUT${calls.length}` }] });
    if (req.method === "POST" && path === `/v21.0/${PNID}/media`) return json(200, { id: "MEDIA-UP-1" });
    if (req.method === "GET" && path === "/v21.0/MEDIA-IN-1") return json(200, { url: `${graphUrl}/files/voice.ogg`, mime_type: "audio/ogg" });
    if (req.method === "GET" && path === "/files/voice.ogg") return res.writeHead(200, { "content-type": "audio/ogg" }).end("OGG-BYTES");
    if (req.method === "GET" && path === "/v21.0/MEDIA-ELSEWHERE") return json(200, { url: `${evilUrl}/steal.ogg`, mime_type: "audio/ogg" });
    if (req.method === "GET" && path === "/v21.0/MEDIA-REDIRECT") return json(200, { url: `${graphUrl}/files/moved.ogg`, mime_type: "audio/ogg" });
    if (req.method === "GET" && path === "/files/moved.ogg") return res.writeHead(302, { location: `${evilUrl}/steal.ogg` }).end();
    if (req.method === "GET" && path === "/v21.0/MEDIA-BIG") return json(200, { url: `${graphUrl}/files/big.ogg`, mime_type: "audio/ogg" });
    if (req.method === "GET" && path === "/files/big.ogg") return void (bigClosed = streamBig(res));
    json(404, { error: { message: "unknown route" } });
  });
  await new Promise<void>((resolve) => graph.listen(0, "127.0.0.1", resolve));
  graphUrl = `http://127.0.0.1:${(graph.address() as AddressInfo).port}`;
  evil = createServer((req, res) => {
    evilCalls.push({ path: req.url!, auth: req.headers.authorization });
    res.writeHead(200, { "content-type": "audio/ogg" }).end("STOLEN");
  });
  await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
  evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  testDb = await createTestDatabase("cloud_api");
  service = await startTestService(testDb.db, {
    config: testConfig({
      WHATSAPP_CHANNEL: "cloud", WHATSAPP_CLOUD_BASE_URL: `${graphUrl}/v21.0`, WHATSAPP_CLOUD_ACCESS_TOKEN: TOKEN,
      WHATSAPP_CLOUD_APP_SECRET: APP_SECRET, WHATSAPP_CLOUD_VERIFY_TOKEN: "verify-me", WHATSAPP_CLOUD_PHONE_NUMBERS: `${PNID}:${DEMO_CLINIC_SLUG}`,
      // Only the Graph double's own host:port joins Meta's media hosts; the "evil" one (another port) stays out.
      WHATSAPP_CLOUD_MEDIA_HOSTS: new URL(graphUrl).host, MEDIA_MAX_BYTES: String(256 * 1024),
    }),
  });
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
  await new Promise((resolve) => graph?.close(resolve));
  await new Promise((resolve) => evil?.close(resolve));
});

/** Chunked audio without a Content-Length, far over MEDIA_MAX_BYTES, written as fast as the reader takes it. */
async function streamBig(res: import("node:http").ServerResponse): Promise<void> {
  res.writeHead(200, { "content-type": "audio/ogg" });
  const chunk = Buffer.alloc(64 * 1024, 7);
  const closed = new Promise<void>((resolve) => res.on("close", () => resolve()));
  while (bigWritten < BIG_TOTAL && !res.destroyed) {
    bigWritten += chunk.length;
    if (!res.write(chunk)) await Promise.race([new Promise((resolve) => res.once("drain", resolve)), closed]);
  }
  res.end();
  await closed;
}

const payload = (value: Record<string, unknown>) => ({
  object: "whatsapp_business_account",
  entry: [{ id: "WABA", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "551140000000", phone_number_id: PNID }, ...value } }] }],
});

async function webhook(body: unknown, signature?: string) {
  const raw = Buffer.from(JSON.stringify(body));
  const res = await fetch(`${service.url}/webhooks/whatsapp`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signature ?? metaSignature(raw) },
    body: raw,
  });
  return { status: res.status, body: await res.json() };
}

const textMessage = (from: string, id: string, text: string) =>
  payload({ contacts: [{ wa_id: from, profile: { name: "Maria" } }], messages: [{ from, id, timestamp: "1795435200", type: "text", text: { body: text } }] });

describe("Cloud API channel", () => {
  it("answers Meta's webhook verification with the challenge, and only with the right token", async () => {
    const ok = await fetch(`${service.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    const bad = await fetch(`${service.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`);
    expect(bad.status).toBe(403);
  });

  it("refuses a bad signature with 401 and stores nothing", async () => {
    const body = textMessage("5511987651001", "wamid.BAD1", "oi");
    expect((await webhook(body, `sha256=${"0".repeat(64)}`)).status).toBe(401);
    expect((await webhook(body, "")).status).toBe(401);
    expect((await webhook(body, metaSignature(Buffer.from(JSON.stringify(body) + " ")))).status).toBe(401);
    // Well formed, over the right body, with another app's secret.
    expect((await webhook(body, metaSignature(Buffer.from(JSON.stringify(body)), "another-app-secret"))).status).toBe(401);
    expect(await testDb.db.prisma.inboxMessage.count({ where: { providerMessageId: "wamid.BAD1" } })).toBe(0);
    expect(await testDb.db.prisma.conversation.count({ where: { chatKey: "+5511987651001" } })).toBe(0);
  });

  it("takes a signed message in, answers it through the Graph API, and records receipts", async () => {
    const before = calls.length;
    expect((await webhook(textMessage("5511987651002", "wamid.IN1", "oi"))).status).toBe(200);
    expect((await webhook(textMessage("5511987651002", "wamid.IN1", "oi"))).status).toBe(200); // Meta redelivers
    expect(await testDb.db.prisma.inboxMessage.count({ where: { providerMessageId: "wamid.IN1" } })).toBe(1);
    await service.outbox.flush();
    const sends = calls.slice(before).filter((c) => c.path.endsWith("/messages"));
    expect(sends.length).toBeGreaterThan(0);
    const first = JSON.parse(sends[0]!.body.toString());
    expect(first).toMatchObject({ messaging_product: "whatsapp", to: "5511987651002", type: "text" });
    expect(first.text.body.length).toBeGreaterThan(0);
    const row = await testDb.db.prisma.outboxMessage.findFirstOrThrow({ where: { chatKey: "+5511987651002" }, orderBy: { seq: "asc" } });
    expect(row.providerMessageId).toMatch(/^wamid\.OUT/);
    await webhook(payload({ statuses: [{ id: row.providerMessageId, status: "delivered", timestamp: "1795435260", recipient_id: "5511987651002" }] }));
    await webhook(payload({ statuses: [{ id: row.providerMessageId, status: "read", timestamp: "1795435270", recipient_id: "5511987651002" }] }));
    const after = await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.status).toBe("read");
    expect(after.deliveredAt?.toISOString()).toBe(new Date(1795435260 * 1000).toISOString());
    expect(after.readAt?.toISOString()).toBe(new Date(1795435270 * 1000).toISOString());
  });

  it("downloads inbound media through the Graph API", async () => {
    await webhook(payload({ messages: [{ from: "5511987651003", id: "wamid.VOICE1", type: "audio", audio: { id: "MEDIA-IN-1", mime_type: "audio/ogg; codecs=opus", voice: true } }] }));
    const inbox = await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { providerMessageId: "wamid.VOICE1" } });
    expect(inbox.kind).toBe("audio");
    const media = await testDb.db.prisma.media.findUniqueOrThrow({ where: { id: inbox.mediaId! } });
    expect(unsealed.media(media).toString()).toBe("OGG-BYTES");
    expect(calls.find((c) => c.path === "/files/voice.ogg")?.auth).toBe(`Bearer ${TOKEN}`);
  });

  it("uploads a PDF and sends it as a document with its file name", async () => {
    const mediaId = await saveMedia(testDb.db.sql, service.cipher, { clinicId: service.clinicId, data: Buffer.from("%PDF-1.7"), mimetype: "application/pdf", filename: "atestado.pdf" });
    const id = randomUUID();
    await testDb.db.sql.query(
      `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", kind, "mediaId", mimetype, filename, "nextAttemptAt", "createdAt")
       VALUES ($1, $2, '+5511987651002', 'document', $3, 'application/pdf', 'atestado.pdf', $4, $4)`,
      [id, service.clinicId, mediaId, service.clock.now()]);
    const before = calls.length;
    await service.outbox.flush();
    const upload = calls.slice(before).find((c) => c.path.endsWith("/media"))!;
    expect(upload.body.toString("latin1")).toContain("%PDF-1.7");
    expect(upload.body.toString("latin1")).toContain('filename="atestado.pdf"');
    const send = calls.slice(before).find((c) => c.path.endsWith("/messages") && JSON.parse(c.body.toString()).type === "document")!;
    expect(JSON.parse(send.body.toString())).toMatchObject({ to: "5511987651002", type: "document", document: { id: "MEDIA-UP-1", filename: "atestado.pdf" } });
    expect((await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("sent");
  });
  it("refuses media on a host that is not Meta's, directly or by redirect, without sending the token there", async () => {
    const res = await webhook(payload({ messages: [
      { from: "5511987651010", id: "wamid.ELSEWHERE1", type: "audio", audio: { id: "MEDIA-ELSEWHERE", mime_type: "audio/ogg" } },
      { from: "5511987651010", id: "wamid.REDIRECT1", type: "audio", audio: { id: "MEDIA-REDIRECT", mime_type: "audio/ogg" } },
    ] }));
    expect(res.status).toBe(200);
    expect(evilCalls).toEqual([]);
    for (const id of ["wamid.ELSEWHERE1", "wamid.REDIRECT1"]) {
      const row = await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { providerMessageId: id } });
      expect(row.mediaId).toBeNull();
      expect(JSON.parse(openColumn(testCipher, "InboxMessage.payload", row.id, row.payload)!)).toMatchObject({ mediaUnavailable: true, mediaRefused: "host_not_allowed" });
    }
  });

  it("cuts a media stream once it passes MEDIA_MAX_BYTES, though no Content-Length announced it", async () => {
    const res = await webhook(payload({ messages: [{ from: "5511987651011", id: "wamid.BIG1", type: "audio", audio: { id: "MEDIA-BIG", mime_type: "audio/ogg" } }] }));
    expect(res.status).toBe(200);
    await bigClosed;
    expect(bigWritten).toBeGreaterThan(256 * 1024);
    expect(bigWritten).toBeLessThan(BIG_TOTAL / 2);
    const row = await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { providerMessageId: "wamid.BIG1" } });
    expect(row.mediaId).toBeNull();
    expect(JSON.parse(openColumn(testCipher, "InboxMessage.payload", row.id, row.payload)!)).toMatchObject({ mediaRefused: "too_large" });
  });

  it("takes each message of a delivery on its own: one that cannot be stored is counted, the others are answered", async () => {
    const dropped = async () => (await service.metrics.inboundMessages.get()).values.find((v) => v.labels.outcome === "dropped")?.value ?? 0;
    const droppedBefore = await dropped();
    const before = calls.length;
    // A 10 000-character random id cannot enter PostgreSQL's unique index (a btree entry is at most ~2 700 bytes).
    const hugeId = `wamid.${randomBytes(5000).toString("hex")}`;
    const res = await webhook(payload({
      contacts: [{ wa_id: "5511987651013", profile: { name: "Jo\u0000ana \ud83d" } }],
      messages: [
        { from: "5511987651012", id: "wamid.BATCH1", timestamp: "1795435200", type: "text", text: { body: "oi" } },
        { from: "5511987651014", id: hugeId, timestamp: "1795435200", type: "text", text: { body: "oi" } },
        { from: "5511987651013", id: "wamid.BATCH\u00003", timestamp: "1795435200", type: "text", text: { body: "oi\u0000 \udc00" } },
        { from: "5511987651013", id: "wamid.BATCH4", type: "document", document: { id: "MEDIA-IN-1", mime_type: "application/pdf", filename: "exa\u0000me.pdf" } },
      ],
    }));
    expect(res.status).toBe(200);
    expect(await testDb.db.prisma.inboxMessage.count({ where: { providerMessageId: { in: ["wamid.BATCH1", "wamid.BATCH3", "wamid.BATCH4"] } } })).toBe(3);
    expect(await testDb.db.prisma.inboxMessage.count({ where: { chatKey: "+5511987651014" } })).toBe(0);
    expect(await dropped()).toBe(droppedBefore + 1);
    const doc = await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { providerMessageId: "wamid.BATCH4" } });
    expect((await testDb.db.prisma.media.findUniqueOrThrow({ where: { id: doc.mediaId! } })).filename).toBe("exame.pdf");
    await service.outbox.flush();
    const answered = calls.slice(before).filter((c) => c.path.endsWith("/messages")).map((c) => JSON.parse(c.body.toString()).to);
    expect(answered).toContain("5511987651012");
    expect(answered).toContain("5511987651013");
  });
});
