// A chat whose turn is slow (an effect waiting on something, a lock held
// elsewhere) holds only its own conversation: another chat is answered
// meanwhile. On PostgreSQL each turn has its own connection; the embedded
// PGlite runs one transaction at a time by design, so the check runs there
// only on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKind, type TestDatabase } from "./support/db.js";
import { startTestService, texts, type TestService } from "./support/service.js";

const SLOW = "+5511966660001";
const OTHER = "+5511966660002";

describe.skipIf(testDatabaseKind() !== "postgres")("a slow chat", () => {
  let testDb: TestDatabase;
  let service: TestService;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let slowStarted!: () => void;
  const slowTurnStarted = new Promise<void>((resolve) => (slowStarted = resolve));

  beforeAll(async () => {
    testDb = await createTestDatabase("engine_slow_chat");
    service = await startTestService(testDb.db, {
      beforeCommit: async (_outcome, message) => {
        if (message.chatKey !== SLOW) return;
        slowStarted();
        await held;
      },
    });
  });

  afterAll(async () => {
    release();
    await service?.stop();
    await testDb?.close();
  });

  it("does not hold up another chat's answers while its own turn is still running", async () => {
    const slow = service.say(SLOW, "oi");
    await slowTurnStarted;
    for (const text of ["oi", "menu", "ajuda"]) {
      const answer = await service.say(OTHER, text);
      expect(texts(answer).length).toBeGreaterThan(0);
    }
    const pending = await testDb.db.sql.query<{ status: string }>(`SELECT status FROM "InboxMessage" WHERE "chatKey" = $1`, [SLOW]);
    expect(pending.map((row) => row.status)).toEqual(["pending"]);
    release();
    expect(texts(await slow).length).toBeGreaterThan(0);
  });
});
