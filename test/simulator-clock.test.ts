// The simulator's development clock: a clinic trying Zelo moves time forward
// and sees what falls due (here a reminder) arrive at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DevelopmentClock, systemClock } from "../src/clock.js";
import { createLogger } from "../src/logger.js";
import { startService } from "../src/service.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, testConfig, texts, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

beforeAll(async () => {
  testDb = await createTestDatabase("simulator_clock");
  service = await startTestService(testDb.db); // Monday 2026-11-23 09:00 in São Paulo
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const clockApi = (body?: unknown) =>
  fetch(`${service.url}/simulator/clock`, body === undefined ? {} : {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  });

describe("the simulator's clock", () => {
  it("tells the service's time and moves it forward, running the reminders due by then", async () => {
    const phone = "+5511981234567";
    for (const text of ["oi", "1", "Clara Nunes", "marcar amanhã às 15h", "1"]) await service.say(phone, text);
    expect(texts(await service.say(phone, "1")).join("\n")).toContain("agendado");

    expect(await (await clockApi()).json()).toEqual({ now: "2026-11-23T12:00:00.000Z" });
    // The 24 h reminder of Tuesday 15:00 falls due on Monday at 15:00 (18:00 UTC): six hours and a minute ahead.
    const moved = await clockApi({ advanceMinutes: 6 * 60 + 1 });
    expect(await moved.json()).toEqual({ now: "2026-11-23T18:01:00.000Z" });
    const chat = await (await fetch(`${service.url}/simulator/chats/${encodeURIComponent(phone)}/messages`)).json() as { messages: { direction: string; text?: string }[] };
    expect(chat.messages.at(-1)).toMatchObject({ direction: "out" });
    expect(chat.messages.at(-1)!.text).toContain("Lembrete");
  });

  it("refuses to move backwards or by nothing, with a JSON error", async () => {
    for (const advanceMinutes of [0, -5, 1.5, "60"]) {
      const res = await clockApi({ advanceMinutes });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("validation_failed");
    }
  });

  it("answers 404 when the service runs on a clock that cannot be moved", async () => {
    const fixed = await startService({
      config: testConfig(), db: testDb.db, clock: systemClock, background: false,
      logger: createLogger({ level: "silent", logPhi: false }),
    });
    try {
      const res = await fetch(`${fixed.url}/simulator/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: "{\"advanceMinutes\":60}" });
      expect(res.status).toBe(404);
      expect((await fetch(`${fixed.url}/simulator/clock`)).status).toBe(404);
    } finally {
      await fixed.stop();
    }
  });

  it("a development clock runs with real time plus what it was moved, and never backwards", () => {
    const clock = new DevelopmentClock();
    const before = Date.now();
    clock.advance(60_000);
    clock.advance(-3_600_000);
    const now = clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before + 60_000);
    expect(now).toBeLessThan(Date.now() + 60_000 + 1_000);
  });
});
