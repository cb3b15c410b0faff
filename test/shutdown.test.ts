// SIGTERM under load: the real start command (`tsx src/main.ts`, what `npm
// start` and the container run) is stopped while messages are in flight;
// every message it accepted is handled and answered, none is lost.
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite, type Database } from "../src/db/database.js";
import { createTestDatabase, testDatabaseKind, testPostgresUrl, type TestDatabase } from "./support/db.js";

const freePort = () => new Promise<number>((resolve) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    server.close(() => resolve(port));
  });
});

async function waitForReady(url: string, child: ReturnType<typeof spawn>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("service did not become ready");
}

let testDb: TestDatabase | undefined;
afterAll(async () => {
  await testDb?.close();
});

describe("graceful shutdown", () => {
  it("loses no accepted message when SIGTERM arrives under load", async () => {
    const port = await freePort();
    const env: Record<string, string> = { ...process.env as Record<string, string>, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", SEED_DEMO: "always",
      // The simulator drives the load, and production refuses it (src/config.ts): whatever the caller's NODE_ENV.
      NODE_ENV: "test" };
    let dataDir: string | undefined;
    if (testDatabaseKind() === "postgres") {
      testDb = await createTestDatabase("shutdown");
      const name = (await testDb.db.sql.query<{ db: string }>("SELECT current_database() AS db"))[0]!.db;
      env.DATABASE_URL = testPostgresUrl(name);
    } else {
      dataDir = await mkdtemp(path.join(tmpdir(), "zelo-shutdown-"));
      env.DATA_DIR = dataDir;
      delete env.DATABASE_URL;
    }
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    const url = `http://127.0.0.1:${port}`;
    await waitForReady(url, child);

    const accepted: string[] = [];
    let answered = 0;
    const send = async (i: number) => {
      const id = `shutdown-${i}`;
      try {
        const res = await fetch(`${url}/simulator/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ from: `+55119${String(60000000 + (i % 20))}`, text: i % 3 === 0 ? "oi" : "menu", id }),
        });
        if (res.ok) accepted.push(id);
      } catch {
        // refused after the server closed: never accepted, so nothing to lose
      }
      answered += 1;
    };
    const load = Array.from({ length: 300 }, (_, i) => send(i));
    while (answered < 60) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill("SIGTERM");
    const exitCode = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    await Promise.all(load);
    expect(exitCode, stderr).toBe(0);
    expect(accepted.length).toBeGreaterThan(50);

    const db: Database = testDb ? testDb.db : await openPglite(path.join(dataDir!, "pglite"));
    try {
      const inbox = await db.sql.query<{ providerMessageId: string; status: string }>(
        `SELECT "providerMessageId", status FROM "InboxMessage" WHERE "providerMessageId" = ANY($1::text[])`, [accepted]);
      expect(inbox).toHaveLength(accepted.length);
      expect(inbox.filter((row) => row.status !== "handled")).toEqual([]);
      const undelivered = await db.sql.query(`SELECT id FROM "OutboxMessage" WHERE status <> 'delivered'`);
      expect(undelivered).toEqual([]);
    } finally {
      if (!testDb) await db.close();
    }
  }, 120_000);
});
