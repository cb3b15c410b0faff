// A turn's text replies to a chat with nothing else waiting are written
// already claimed by the instance (src/bot/turn-statements.ts) and sent by
// OutboxDispatcher.sendClaimed without a claim statement. When one of them
// cannot go now, the chat's later messages wait behind it, in order.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ConversationEngine } from "../src/bot/engine.js";
import { ingestInbound } from "../src/bot/inbox.js";
import type { Channel, OutboundMessage, SendResult } from "../src/bot/messages.js";
import { OutboxDispatcher } from "../src/bot/outbox.js";
import { ManualClock } from "../src/clock.js";
import type { Database } from "../src/db/database.js";
import { registeredStatements } from "../src/db/statements.js";
import { createLogger } from "../src/logger.js";
import { seedDemo } from "../src/seed-demo.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { testCipher } from "./support/records.js";

class GatedChannel implements Channel {
  readonly sends: OutboundMessage[] = [];
  open = true;
  readyFor = () => this.open;
  async send(message: OutboundMessage): Promise<SendResult> {
    this.sends.push(message);
    return { providerMessageId: `gated-${message.id}`, status: "delivered" };
  }
}

describe("replies claimed with their turn", () => {
  let testDb: TestDatabase;
  let clinicId: string;
  let claims = 0;
  const clock = new ManualClock(new Date("2026-11-23T12:00:00Z"));
  const channel = new GatedChannel();
  let engine: ConversationEngine;
  let outbox: OutboxDispatcher;

  beforeAll(async () => {
    testDb = await createTestDatabase("outbox_claimed_replies");
    ({ clinicId } = await seedDemo(testDb.db));
    const claim = registeredStatements().find((s) => s.name === "outbox.claim")!.text;
    const count = (sql: Database["sql"]): Database["sql"] => ({
      query: (text, values) => {
        if (text === claim) claims++;
        return sql.query(text, values);
      },
    });
    const db: Database = { ...testDb.db, sql: count(testDb.db.sql), transaction: (work) => testDb.db.transaction((sql) => work(count(sql))) };
    const logger = createLogger({ level: "silent", logPhi: false });
    outbox = new OutboxDispatcher(db, channel, clock, logger, { cipher: testCipher, maxAttempts: 3, instanceId: "claims-a" });
    engine = new ConversationEngine(db, clock, logger, {
      cipher: testCipher, maxAttempts: 3, idleMinutes: 30, handoffMinutes: 120,
      onOutbox: () => void outbox.flush(),
      replyClaims: { instanceId: outbox.instanceId, leaseMs: outbox.claimLeaseMs, send: (rows) => outbox.sendClaimed(rows) },
    });
  });
  afterAll(() => testDb?.close());

  const say = async (chatKey: string, text: string) => {
    await ingestInbound(testDb.db, testCipher, { clinicId, chatKey, senderPhone: chatKey, providerMessageId: randomUUID(), kind: "text", text }, clock.now());
    await engine.drainChat(clinicId, chatKey);
  };
  const rows = (chatKey: string) => testDb.db.prisma.outboxMessage.findMany({ where: { chatKey }, orderBy: { seq: "asc" } });

  it("go out as soon as the turn commits, with no claim statement", async () => {
    const chatKey = "+5511975000001";
    claims = 0;
    await say(chatKey, "oi");
    await vi.waitFor(() => expect(channel.sends.filter((s) => s.chatKey === chatKey)).toHaveLength(2));
    const written = await rows(chatKey);
    await vi.waitFor(async () => expect((await rows(chatKey)).map((r) => r.status)).toEqual(["delivered", "delivered"]));
    expect(written.map((r) => r.claimedBy)).toEqual(["claims-a", "claims-a"]);
    expect(claims).toBe(0);
  });

  it("wait, in order, behind a reply the channel could not take yet", async () => {
    const chatKey = "+5511975000002";
    channel.open = false;
    await say(chatKey, "oi"); // both replies claimed with the turn; the first is deferred, the second released behind it
    await vi.waitFor(async () => expect((await rows(chatKey)).map((r) => r.status)).toEqual(["pending", "pending"]));
    await say(chatKey, "1"); // the chat has messages waiting: these replies are written pending, for the passes
    const waiting = await rows(chatKey);
    expect(waiting.length).toBeGreaterThan(2);
    expect(waiting.every((r) => r.status === "pending")).toBe(true);
    expect(waiting.slice(2).every((r) => r.claimedBy === null)).toBe(true);
    channel.open = true;
    clock.advance(10_000);
    await outbox.flush();
    const sent = channel.sends.filter((s) => s.chatKey === chatKey).map((s) => s.id);
    expect(sent).toEqual((await rows(chatKey)).map((r) => r.id));
    expect((await rows(chatKey)).every((r) => r.status === "delivered")).toBe(true);
  });
});
