// Group commit (src/bot/engine.ts): when many chats are ready at once, their
// turns share one transaction; a turn that fails sends its batch back and
// each chat is taken alone, so only its own message waits for a retry.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConversationEngine } from "../src/bot/engine.js";
import { ingestInbound } from "../src/bot/inbox.js";
import { systemClock } from "../src/clock.js";
import type { Database } from "../src/db/database.js";
import { createLogger } from "../src/logger.js";
import { seedDemo } from "../src/seed-demo.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { testCipher } from "./support/records.js";

const phone = (n: number) => `+55119${String(71000000 + n).padStart(8, "0")}`;

describe("turns of many ready chats", () => {
  let testDb: TestDatabase;
  let clinicId: string;
  let transactions = 0;
  let counted: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase("engine_group_commit");
    ({ clinicId } = await seedDemo(testDb.db));
    counted = { ...testDb.db, transaction: (work) => { transactions++; return testDb.db.transaction(work); } };
  });
  afterAll(() => testDb?.close());

  const engine = (failFor?: string) => new ConversationEngine(counted, systemClock, createLogger({ level: "silent", logPhi: false }), {
    cipher: testCipher, maxAttempts: 3, idleMinutes: 30, handoffMinutes: 120, turnWorkers: 1, turnBatchSize: 8,
    beforeCommit: (_outcome, message) => {
      if (message.chatKey === failFor) throw new Error("this chat's turn fails");
    },
  });

  const store = (chatKey: string, text: string) =>
    ingestInbound(testDb.db, testCipher, { clinicId, chatKey, senderPhone: chatKey, providerMessageId: randomUUID(), kind: "text", text }, new Date());

  async function greetAlone(chats: string[]): Promise<void> {
    const alone = engine();
    for (const chatKey of chats) {
      await store(chatKey, "oi");
      await alone.drainChat(clinicId, chatKey);
    }
  }

  const repliesTo = async (inboxMessageId: string) => testDb.db.prisma.outboxMessage.count({ where: { inboxMessageId } });

  it("share transactions, and every chat is answered", async () => {
    const chats = Array.from({ length: 12 }, (_, i) => phone(i));
    await greetAlone(chats);
    const stored = await Promise.all(chats.map((chatKey) => store(chatKey, "ajuda")));
    const shared = engine();
    transactions = 0;
    await Promise.all(chats.map((chatKey) => shared.drainChat(clinicId, chatKey)));
    // The first ready chat starts a transaction of its own; the 11 that wait for it share two more.
    expect(transactions).toBeLessThanOrEqual(4);
    for (const { inboxMessageId } of stored) {
      expect(await testDb.db.prisma.inboxMessage.findUniqueOrThrow({ where: { id: inboxMessageId } })).toMatchObject({ status: "handled", attempts: 1 });
      expect(await repliesTo(inboxMessageId)).toBeGreaterThan(0);
    }
  });

  it("keep going when one of them fails: only that chat's message waits for its retry", async () => {
    const chats = Array.from({ length: 6 }, (_, i) => phone(100 + i));
    await greetAlone(chats);
    const stored = await Promise.all(chats.map((chatKey) => store(chatKey, "ajuda")));
    const failing = engine(chats[3]);
    await Promise.all(chats.map((chatKey) => failing.drainChat(clinicId, chatKey)));
    for (const [i, { inboxMessageId }] of stored.entries()) {
      const row = await testDb.db.prisma.inboxMessage.findUniqueOrThrow({ where: { id: inboxMessageId } });
      if (i === 3) {
        expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "this chat's turn fails" });
        expect(await repliesTo(inboxMessageId)).toBe(0);
      } else {
        expect(row).toMatchObject({ status: "handled", attempts: 1 });
        expect(await repliesTo(inboxMessageId)).toBeGreaterThan(0);
      }
    }
  });

  it("store messages that arrive together once each, in arrival order", async () => {
    const chatKey = phone(200);
    const twice = randomUUID();
    const deliveries = ["1", "2", "3"].map((text) => ({ text, id: text === "2" ? twice : randomUUID() }));
    deliveries.push({ text: "2", id: twice }); // WhatsApp delivers the second message again, in the same instant
    const stored = await Promise.all(deliveries.map(({ text, id }) =>
      ingestInbound(testDb.db, testCipher, { clinicId, chatKey, senderPhone: chatKey, providerMessageId: id, kind: "text", text }, new Date())));
    expect(stored.map((s) => s.duplicate)).toEqual([false, false, false, true]);
    expect(stored[3]!.inboxMessageId).toBe(stored[1]!.inboxMessageId);
    const rows = await testDb.db.prisma.inboxMessage.findMany({ where: { chatKey }, orderBy: { seq: "asc" } });
    expect(rows.map((row) => row.id)).toEqual(stored.slice(0, 3).map((s) => s.inboxMessageId));
  });

  it("take a turn that waits on the FAQ model out of the batch, so the others do not wait for it", async () => {
    await testDb.db.prisma.clinic.update({ where: { id: clinicId }, data: { faq: [{ question: "Atendem crianças?", answer: "Sim, a partir de 2 anos." }] } });
    const [blocker, slowChat, ...others] = Array.from({ length: 6 }, (_, i) => phone(300 + i)) as [string, string, ...string[]];
    const onboarding = engine();
    for (const chatKey of [blocker, slowChat, ...others]) {
      for (const text of ["oi", "1", "Paciente Teste"]) {
        await store(chatKey, text);
        await onboarding.drainChat(clinicId, chatKey);
      }
    }
    let openModel!: () => void;
    const model = new Promise<void>((resolve) => (openModel = resolve));
    let openBlocker!: () => void;
    const blocked = new Promise<void>((resolve) => (openBlocker = resolve));
    let asked = 0;
    const modelWaits = new ConversationEngine(counted, systemClock, createLogger({ level: "silent", logPhi: false }), {
      cipher: testCipher, maxAttempts: 3, idleMinutes: 30, handoffMinutes: 120, turnWorkers: 1, turnBatchSize: 8,
      services: { enqueueJob: async () => undefined, questionMatcher: { choose: async () => { asked++; await model; return 0; } } },
      beforeCommit: async (_outcome, message) => {
        if (message.chatKey === blocker) await blocked;
      },
    });
    await store(blocker, "ajuda");
    await store(slowChat, "vocês ficam perto do metrô?");
    for (const chatKey of others) await store(chatKey, "ajuda");
    // The one worker is busy with the blocker's turn while the others are asked for: they are taken together, in one batch.
    const first = modelWaits.drainChat(clinicId, blocker);
    const slow = modelWaits.drainChat(clinicId, slowChat);
    const rest = Promise.all(others.map((chatKey) => modelWaits.drainChat(clinicId, chatKey)));
    openBlocker();
    await first;
    // Held in one transaction with the turn that waits on the model, these would wait as long as it (here, for ever).
    await rest;
    openModel();
    await slow;
    expect(asked).toBe(1);
    expect(await testDb.db.prisma.inboxMessage.count({ where: { chatKey: { in: [slowChat, ...others] }, status: "pending" } })).toBe(0);
  }, 20_000);
});
