// A turn reads the conversation's lock and its next message in one statement
// (src/bot/turn-writes.ts). When that statement had to wait for the lock held
// by another instance, the message beside the fresh conversation row may come
// from before the wait: the other instance may have handled it meanwhile. The
// turn's write must notice and drop the turn, never answer the message twice.
// Two PostgreSQL sessions are needed (PGlite runs one transaction at a time).
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestInbound } from "../src/bot/inbox.js";
import { saveTurn, StaleTurnError, takeTurn } from "../src/bot/turn-writes.js";
import type { TurnOutcome } from "../src/bot/turn.js";
import { createKeyring } from "../src/crypto/encryption.js";
import type { Database } from "../src/db/database.js";
import { seedDemo } from "../src/seed-demo.js";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "./support/db.js";

const cipher = createKeyring(randomBytes(32));
const outcome: TurnOutcome = { audience: "patient", state: { type: "menu" }, flowVersion: 1, patch: {}, effects: [] };

describe.skipIf(testDatabaseKind() !== "postgres")("a turn whose lock waited on another instance", () => {
  let testDb: TestDatabase;
  let other: Database;
  let clinicId: string;

  beforeAll(async () => {
    testDb = await createTestDatabase("engine_stale_turn");
    other = await testDb.openAnother();
    ({ clinicId } = await seedDemo(testDb.db));
  });

  afterAll(async () => {
    await testDb?.close();
  });

  it("is dropped when the other instance handled its message meanwhile, and the message is answered once", async () => {
    const chatKey = "+5511955550001";
    const now = new Date();
    const { inboxMessageId } = await ingestInbound(testDb.db, cipher,
      { clinicId, chatKey, senderPhone: chatKey, providerMessageId: randomUUID(), kind: "text", text: "oi" }, now);
    await testDb.db.transaction((sql) => takeTurn(sql, cipher, clinicId, chatKey, now, null)); // the conversation exists

    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    let tookFirst!: () => void;
    const firstTook = new Promise<void>((resolve) => (tookFirst = resolve));
    const first = testDb.db.transaction(async (sql) => {
      const taken = await takeTurn(sql, cipher, clinicId, chatKey, now, null);
      tookFirst();
      await holding;
      await saveTurn(sql, cipher, { conversation: taken.conversation, message: taken.message!, replies: [], rate: null }, outcome, now);
    });
    await firstTook;
    const second = other.transaction(async (sql) => {
      const taken = await takeTurn(sql, cipher, clinicId, chatKey, now, null);
      expect(taken.message?.id).toBe(inboxMessageId); // read before the wait: already handled by the first
      await saveTurn(sql, cipher, { conversation: taken.conversation, message: taken.message!, replies: [], rate: null }, outcome, now);
    });
    await waitForLockWait(testDb.db);
    release();
    await first;
    await expect(second).rejects.toBeInstanceOf(StaleTurnError);
    const [row] = await testDb.db.sql.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM "InboxMessage" WHERE id = $1`, [inboxMessageId]);
    expect(row).toEqual({ status: "handled", attempts: 1 });
  });
});

async function waitForLockWait(db: Database): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const rows = await db.sql.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("the second turn never waited for the lock");
}
