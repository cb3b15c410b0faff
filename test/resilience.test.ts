// What happens when things go wrong: restarts, failing turns, failing sends,
// a second instance on the same database.
import { afterAll, describe, expect, it } from "vitest";
import type { Channel, OutboundMessage } from "../src/bot/messages.js";
import { ManualClock } from "../src/clock.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, texts } from "./support/service.js";
import { unsealed } from "./support/records.js";

const opened: TestDatabase[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

async function database(label: string, persistent = false): Promise<TestDatabase> {
  const db = await createTestDatabase(label, { persistent });
  opened.push(db);
  return db;
}

describe("resilience", () => {
  it("continues a conversation where it was after a restart", async () => {
    const testDb = await database("restart", true);
    const clock = new ManualClock(new Date("2026-11-23T12:00:00Z"));
    const from = "+5511970000101";
    const first = await startTestService(testDb.db, { clock });
    await first.say(from, "oi");
    await first.say(from, "1");
    await first.stop();
    const db = await testDb.reopen();
    const second = await startTestService(db, { clock });
    const answer = texts(await second.say(from, "Carla Mendes"));
    expect(answer[0]).toBe("Prazer, Carla!");
    await second.stop();
  });

  it("leaves no half-written state when a turn fails, and retries the message", async () => {
    const testDb = await database("failing-turn");
    const from = "+5511970000102";
    let failNext = 0;
    const service = await startTestService(testDb.db, {
      beforeCommit: () => {
        if (failNext > 0) {
          failNext -= 1;
          throw new Error("disk full (injected)");
        }
      },
    });
    await service.say(from, "oi");
    failNext = 1;
    const failed = await service.say(from, "1");
    expect(failed.status).toBe("pending");
    expect(failed.replies).toEqual([]);
    // Nothing of the failed turn was written: no patient, no consent, no reply, old state.
    expect(await testDb.db.prisma.patient.count({ where: { phone: from } })).toBe(0);
    const conversation = await testDb.db.prisma.conversation.findFirstOrThrow({ where: { chatKey: from } });
    expect(unsealed.state(conversation)).toEqual({ type: "awaitingConsent" });
    const inbox = await testDb.db.prisma.inboxMessage.findUniqueOrThrow({ where: { id: failed.messageId } });
    expect(inbox).toMatchObject({ status: "pending", attempts: 1, lastError: "disk full (injected)" });
    // The next message of the chat waits behind it: order is kept.
    const waiting = await service.say(from, "Ana Lima");
    expect(waiting.status).toBe("pending");
    service.clock.advance(1_500);
    await service.engine.retryDue();
    await service.outbox.flush();
    const replies = await testDb.db.prisma.outboxMessage.findMany({ where: { chatKey: from }, orderBy: { seq: "asc" } });
    expect(replies.map(unsealed.outText).slice(-3)).toEqual([
      "Obrigado! Como você se chama? (nome completo)",
      "Prazer, Ana!",
      expect.stringContaining("Como posso ajudar"),
    ]);
    expect((await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone: from } })).name).toBe("Ana Lima");
    await service.stop();
  });

  it("tells the person when a message fails for good, instead of going silent", async () => {
    const testDb = await database("failing-for-good");
    const service = await startTestService(testDb.db, {
      beforeCommit: () => {
        throw new Error("always broken (injected)");
      },
    });
    const from = "+5511970000103";
    await service.say(from, "oi");
    for (let attempt = 0; attempt < 6; attempt++) {
      service.clock.advance(10 * 60_000);
      await service.engine.retryDue();
    }
    await service.outbox.flush();
    const inbox = await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { chatKey: from } });
    expect(inbox).toMatchObject({ status: "failed", attempts: 5 });
    const sent = await testDb.db.prisma.outboxMessage.findMany({ where: { chatKey: from } });
    expect(sent).toEqual([expect.objectContaining({ status: "delivered" })]);
    expect(unsealed.outText(sent[0]!)).toContain("não consegui processar");
    await service.stop();
  });

  it("retries a failed send with backoff and keeps the chat's order", async () => {
    const testDb = await database("failing-send");
    const attempts: string[] = [];
    let down = true;
    const flaky: Channel = {
      send: async (message: OutboundMessage) => {
        attempts.push(message.text ?? "");
        if (down) throw new Error("connection refused (injected)");
        return { providerMessageId: `p-${message.id}`, status: "sent" };
      },
    };
    const service = await startTestService(testDb.db, { channel: flaky });
    const from = "+5511970000104";
    await service.say(from, "oi");
    // The turn woke the outbox without waiting for it: wait for that pass to record the failure.
    await service.outbox.flush();
    // Only the first of the two replies was tried: the second waits behind it.
    expect(attempts).toHaveLength(1);
    const pending = await testDb.db.prisma.outboxMessage.findMany({ where: { chatKey: from }, orderBy: { seq: "asc" } });
    expect(pending.map((row) => row.status)).toEqual(["pending", "pending"]);
    expect(pending[0]!.nextAttemptAt.getTime()).toBeGreaterThan(service.clock.now().getTime());
    await service.outbox.flush();
    expect(attempts).toHaveLength(1); // not due yet: no tight loop
    down = false;
    service.clock.advance(5_000);
    await service.outbox.flush();
    const sent = await testDb.db.prisma.outboxMessage.findMany({ where: { chatKey: from }, orderBy: { seq: "asc" } });
    expect(sent.map((row) => [row.status, row.attempts])).toEqual([["sent", 2], ["sent", 1]]);
    expect(attempts.slice(1)).toEqual([unsealed.outText(sent[0]!), unsealed.outText(sent[1]!)]);
    await service.stop();
  });

  it("handles one chat in order when two instances share the database", async () => {
    const testDb = await database("two-instances");
    const clock = new ManualClock(new Date("2026-11-23T12:00:00Z"));
    const a = await startTestService(testDb.db, { clock });
    // B has a handle of its own: on PostgreSQL its own pool, so the per-chat row lock
    // is really taken across connections; on PGlite see support/db.ts openAnother.
    const otherDb = await testDb.openAnother();
    expect(otherDb).not.toBe(testDb.db);
    expect(otherDb.prisma).not.toBe(testDb.db.prisma);
    const b = await startTestService(otherDb, { clock });
    const from = "+5511970000105";
    await a.say(from, "oi");
    await b.say(from, "1");
    await a.say(from, "Paulo Reis");
    const words = ["5", "menu", "ajuda", "5", "cancelar", "5", "menu", "ajuda"];
    await Promise.all(words.map((text, i) => (i % 2 === 0 ? a : b).say(from, text, `two-${i}`)));
    const inbound = await testDb.db.prisma.inboxMessage.findMany({ where: { chatKey: from }, orderBy: { seq: "asc" } });
    expect(inbound.every((m) => m.status === "handled")).toBe(true);
    const outbox = await testDb.db.prisma.outboxMessage.findMany({ where: { chatKey: from }, orderBy: { seq: "asc" } });
    const order = outbox.map((reply) => inbound.findIndex((m) => m.id === reply.inboxMessageId));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    await Promise.all([a.outbox.flush(), b.outbox.flush()]);
    const delivered = await testDb.db.prisma.outboxMessage.findMany({ where: { chatKey: from } });
    expect(delivered.every((row) => row.status === "delivered")).toBe(true);
    await a.stop();
    await b.stop();
  });
});

describe("an instance that cannot send for a clinic", () => {
  it("leaves the message pending without counting an attempt, and sends it once it can", async () => {
    const testDb = await database("not-owner");
    let ready = false;
    const sent: string[] = [];
    const channel: Channel = {
      readyFor: () => ready,
      send: async (message: OutboundMessage) => {
        sent.push(message.id);
        return { providerMessageId: `p-${message.id}`, status: "sent" };
      },
    };
    const service = await startTestService(testDb.db, { channel });
    const from = "+5511970000106";
    await service.say(from, "oi");
    await service.outbox.flush();
    const waiting = await testDb.db.prisma.outboxMessage.findMany({ where: { chatKey: from } });
    expect(waiting.map((row) => [row.status, row.attempts])).toEqual([["pending", 0], ["pending", 0]]);
    expect(sent).toEqual([]);
    ready = true;
    service.clock.advance(6_000);
    await service.outbox.flush();
    expect(sent).toHaveLength(2);
    await service.stop();
  });
});
