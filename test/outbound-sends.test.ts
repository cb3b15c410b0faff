// What the channel actually sent, turn by turn, for whole conversations: each
// reply exactly once, in order, and nothing else. The outbox table alone
// cannot show a message sent twice; the channel's own record (and, for the
// Cloud API, the Graph API double's) can.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueText } from "../src/bot/chat-writes.js";
import { DEMO_CLINIC_SLUG } from "../src/seed-demo.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startGraphDouble, type GraphDouble } from "./support/graph-double.js";
import { RecordingChannel } from "./support/recording-channel.js";
import { startTestService, testConfig, texts, type TestService } from "./support/service.js";

const opened: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  for (const item of opened.reverse()) await item.stop();
});

async function database(label: string): Promise<TestDatabase> {
  const testDb = await createTestDatabase(label);
  opened.push({ stop: () => testDb.close() });
  return testDb;
}

describe("sends through the simulator channel", () => {
  const channel = new RecordingChannel();
  let service: TestService;
  let testDb: TestDatabase;

  beforeAll(async () => {
    testDb = await database("sends_simulator");
    service = await startTestService(testDb.db, { channel });
    opened.push({ stop: () => service.stop() });
    // Monday 09:00 in São Paulo: the booking below has free times that day.
    service.clock.set(new Date("2026-11-23T12:00:00Z"));
  });

  it("sends each reply of a whole booking conversation exactly once, in order, turn by turn", async () => {
    const phone = "+5511972000001";
    const words = ["oi", "1", "Joana Prado", "1", "1", "1", "1", "1", "2", "menu", "ajuda", "xyz"];
    let total = 0;
    for (const word of words) {
      const replies = texts(await service.say(phone, word));
      await service.outbox.flush();
      const sent = channel.takeNew();
      expect(replies.length, `replies to "${word}"`).toBeGreaterThan(0);
      expect(sent.map((s) => [s.chatKey, s.text]), `sent after "${word}"`).toEqual(replies.map((text) => [phone, text]));
      total += sent.length;
    }
    expect(new Set(channel.sends.map((s) => s.outboxId)).size).toBe(channel.sends.length);
    expect(total).toBe(channel.sends.length);
    // The booking went through: the conversation really was a whole one.
    expect(channel.sends.some((s) => /agendad/i.test(s.text ?? ""))).toBe(true);
  });

  it("sends nothing more when flushed again and after a redelivered message", async () => {
    const phone = "+5511972000002";
    await service.say(phone, "oi", "sends-redelivered-1");
    await service.outbox.flush();
    const first = channel.takeNew();
    expect(first.length).toBeGreaterThan(0);
    expect((await service.say(phone, "oi", "sends-redelivered-1")).duplicate).toBe(true);
    await service.outbox.flush();
    service.clock.advance(120_000);
    await service.outbox.flush();
    expect(channel.takeNew()).toEqual([]);
  });

  it("sends in one flush everything a chat had waiting, however long its queue", async () => {
    const chatKey = "+5511972000003";
    channel.takeNew();
    // 30 messages of one chat waiting (WhatsApp was down a while): a chat sends one per round, in order.
    await testDb.db.transaction(async (sql) => {
      for (let i = 1; i <= 30; i++) await queueText(sql, service.cipher, { clinicId: service.clinicId, chatKey }, `aviso ${i}`, service.clock.now());
    });
    await service.outbox.flush();
    expect(channel.takeNew().map((send) => send.text)).toEqual(Array.from({ length: 30 }, (_, i) => `aviso ${i + 1}`));
  });
});

describe("sends through the Cloud API channel", () => {
  const APP_SECRET = "sends-app-secret";
  const TOKEN = "sends-access-token";
  const PNID = "109876543211";
  let graph: GraphDouble;
  let testDb: TestDatabase;
  let service: TestService;

  beforeAll(async () => {
    graph = await startGraphDouble({ token: TOKEN, phoneNumberId: PNID });
    opened.push({ stop: () => graph.close() });
    testDb = await database("sends_cloud");
    service = await startTestService(testDb.db, {
      config: testConfig({
        WHATSAPP_CHANNEL: "cloud", WHATSAPP_CLOUD_BASE_URL: graph.baseUrl("e2e"), WHATSAPP_CLOUD_ACCESS_TOKEN: TOKEN,
        WHATSAPP_CLOUD_APP_SECRET: APP_SECRET, WHATSAPP_CLOUD_VERIFY_TOKEN: "sends-verify", WHATSAPP_CLOUD_PHONE_NUMBERS: `${PNID}:${DEMO_CLINIC_SLUG}`,
      }),
    });
    opened.push({ stop: () => service.stop() });
  });

  async function webhook(from: string, id: string, text: string): Promise<void> {
    const raw = JSON.stringify({
      object: "whatsapp_business_account",
      entry: [{ id: "WABA", changes: [{ field: "messages", value: {
        messaging_product: "whatsapp", metadata: { display_phone_number: "551140000000", phone_number_id: PNID },
        messages: [{ from, id, timestamp: String(Math.floor(service.clock.now().getTime() / 1000)), type: "text", text: { body: text } }],
      } }] }],
    });
    const res = await fetch(`${service.url}/webhooks/whatsapp`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${createHmac("sha256", APP_SECRET).update(raw).digest("hex")}` },
      body: raw,
    });
    expect(res.status).toBe(200);
  }

  it("posts each reply of a conversation to the Graph API exactly once, turn by turn", async () => {
    const from = "5511972000003";
    const words = ["oi", "1", "Rita Campos", "menu", "2", "ajuda"];
    for (const [i, word] of words.entries()) {
      const before = graph.sends.length;
      await webhook(from, `wamid.SENDS.${i}`, word);
      await service.outbox.flush();
      const inbox = await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { providerMessageId: `wamid.SENDS.${i}` } });
      const rows = await testDb.db.prisma.outboxMessage.findMany({ where: { inboxMessageId: inbox.id }, orderBy: { seq: "asc" } });
      expect(rows.length, `replies to "${word}"`).toBeGreaterThan(0);
      const sent = graph.sends.slice(before);
      expect(sent.map((s) => [s.to, s.row]), `posted after "${word}"`).toEqual(rows.map((row) => [from, row.id]));
      expect(rows.map((row) => row.providerMessageId)).toEqual(sent.map((s) => s.wamid));
    }
  });
});
