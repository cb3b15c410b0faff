// The Cloud API channel against a local Graph API double (real HTTP on
// 127.0.0.1) and signed webhook requests.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signBody } from "../src/bot/channels/cloud-api/signature.js";
import { saveMedia } from "../src/db/media.js";
import { DEMO_CLINIC_SLUG } from "../src/seed-demo.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, testConfig, type TestService } from "./support/service.js";
import { unsealed } from "./support/records.js";

const APP_SECRET = "test-app-secret";
const TOKEN = "test-access-token";
const PNID = "109876543210";

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
    json(404, { error: { message: "unknown route" } });
  });
  await new Promise<void>((resolve) => graph.listen(0, "127.0.0.1", resolve));
  graphUrl = `http://127.0.0.1:${(graph.address() as AddressInfo).port}`;
  testDb = await createTestDatabase("cloud_api");
  service = await startTestService(testDb.db, {
    config: testConfig({
      WHATSAPP_CHANNEL: "cloud", WHATSAPP_CLOUD_BASE_URL: `${graphUrl}/v21.0`, WHATSAPP_CLOUD_ACCESS_TOKEN: TOKEN,
      WHATSAPP_CLOUD_APP_SECRET: APP_SECRET, WHATSAPP_CLOUD_VERIFY_TOKEN: "verify-me", WHATSAPP_CLOUD_PHONE_NUMBERS: `${PNID}:${DEMO_CLINIC_SLUG}`,
    }),
  });
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
  await new Promise((resolve) => graph?.close(resolve));
});

const payload = (value: Record<string, unknown>) => ({
  object: "whatsapp_business_account",
  entry: [{ id: "WABA", changes: [{ field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "551140000000", phone_number_id: PNID }, ...value } }] }],
});

async function webhook(body: unknown, signature?: string) {
  const raw = Buffer.from(JSON.stringify(body));
  const res = await fetch(`${service.url}/webhooks/whatsapp`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-hub-signature-256": signature ?? signBody(raw, APP_SECRET) },
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
    expect((await webhook(body, signBody(Buffer.from(JSON.stringify(body) + " "), APP_SECRET))).status).toBe(401);
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
});
