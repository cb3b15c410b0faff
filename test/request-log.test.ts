// Each HTTP answer at `info` or above is logged once, with the request's id
// (the caller's x-request-id), its route template and status; answers below
// the logger's level make no line (and no child logger: request-context.ts).
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  testDb = await createTestDatabase("request_log");
  const destination = new Writable({ write(chunk, _enc, done) { for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line)); done(); } });
  service = await startTestService(testDb.db, { logger: createLogger({ level: "info", logPhi: false, destination }) });
});
afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

describe("the request log", () => {
  it("writes one line for an answer at info, with the caller's request id, and none for one below it", async () => {
    lines.length = 0;
    expect((await fetch(`${service.url}/healthz`, { headers: { "x-request-id": "quiet-1" } })).status).toBe(200);
    const missing = await fetch(`${service.url}/api/v1/clinics`, { headers: { "x-request-id": "loud-1" } });
    expect(missing.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const requests = lines.filter((line) => line.msg === "request");
    expect(requests.filter((line) => line.requestId === "quiet-1")).toEqual([]);
    expect(requests.filter((line) => line.requestId === "loud-1")).toEqual([
      expect.objectContaining({ requestId: "loud-1", method: "GET", status: 401 }),
    ]);
  });
});
