import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob, JobQueue } from "../src/jobs/queue.js";
import { createLogger } from "../src/logger.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";

let testDb: TestDatabase;
let queue: JobQueue;
const seen: string[] = [];
const finalFailures: string[] = [];
let failuresLeft = 0;

beforeAll(async () => {
  testDb = await createTestDatabase("jobs");
  queue = new JobQueue(testDb.db, createLogger({ level: "silent", logPhi: false }), { poll: false });
  await queue.start([
    defineJob({
      name: "test.echo",
      schema: z.object({ word: z.string() }),
      retryLimit: 2,
      retryDelaySeconds: 0,
      handler: async ({ word }) => {
        if (word.startsWith("flaky") && failuresLeft-- > 0) throw new Error("upstream down");
        if (word.startsWith("broken")) throw new Error("always down");
        seen.push(word);
      },
      onFinalFailure: async ({ word }) => {
        finalFailures.push(word);
      },
    }),
  ]);
});

afterAll(async () => {
  await queue?.stop();
  await testDb?.close();
});

describe("durable jobs", () => {
  it("runs a job enqueued in a committed transaction, and none from a rolled-back one", async () => {
    await testDb.db.transaction(async (sql) => {
      await queue.enqueue("test.echo", { word: "committed" }, { sql });
    });
    await expect(
      testDb.db.transaction(async (sql) => {
        await queue.enqueue("test.echo", { word: "rolled-back" }, { sql });
        throw new Error("the booking failed");
      }),
    ).rejects.toThrow("the booking failed");
    await queue.runDue();
    expect(seen).toContain("committed");
    expect(seen).not.toContain("rolled-back");
  });

  it("retries a failing job and succeeds without repeating the finished run", async () => {
    failuresLeft = 2;
    await queue.enqueue("test.echo", { word: "flaky-1" });
    await queue.runDue();
    expect(seen.filter((w) => w === "flaky-1")).toHaveLength(1);
    expect(finalFailures).not.toContain("flaky-1");
  });

  it("reports a job that fails on its last retry", async () => {
    await queue.enqueue("test.echo", { word: "broken-1" });
    await queue.runDue();
    expect(finalFailures).toEqual(["broken-1"]);
  });

  it("runs a job enqueued the instant before, every time", async () => {
    // PGlite's clock ticks in milliseconds and pg-boss takes a job only once the clock has passed its start:
    // runDue must not stop short of a job enqueued in the same millisecond (it did, about one time in four).
    for (let i = 0; i < 30; i++) {
      await queue.enqueue("test.echo", { word: `instant-${i}` });
      await queue.runDue();
      expect(seen).toContain(`instant-${i}`);
    }
  });

  it("refuses to enqueue an unknown job", async () => {
    await expect(queue.enqueue("nope", {})).rejects.toThrow("unknown job");
  });
});
