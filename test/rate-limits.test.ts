// Abuse limits: per API key (429 + Retry-After), per failing client address,
// per chat (one polite answer, then quiet, and the flood runs no flow), text
// length, media size and request body size.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCatalog } from "../src/errors.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, testConfig, texts, TEST_ADMIN_KEY, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

const CHAT_LIMIT = 5;

beforeAll(async () => {
  testDb = await createTestDatabase("rate-limits");
  service = await startTestService(testDb.db, {
    config: testConfig({
      API_RATE_LIMIT_PER_MINUTE: "6", API_AUTH_FAILURES_PER_MINUTE: "3", CHAT_RATE_LIMIT_MESSAGES: String(CHAT_LIMIT),
      CHAT_RATE_LIMIT_WINDOW_SECONDS: "60", MESSAGE_MAX_CHARS: "1000", MEDIA_MAX_BYTES: "2000", HTTP_BODY_MAX_BYTES: "65536", SIMULATOR_BODY_MAX_BYTES: "65536",
    }),
  });
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const get = (path: string, key: string) => fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${key}` } });

describe("admin API limits", () => {
  it("answers 429 with Retry-After past the per-key limit, for that key only, until the window ends", async () => {
    service.clock.set(new Date("2026-11-23T12:00:15Z"));
    const created = await service.api("POST", `/api/v1/clinics/${service.clinicId}/api-keys`, { name: "outra", role: "reception" });
    const other = created.body.key as string;
    const path = `/api/v1/clinics/${service.clinicId}/appointments`;
    for (let i = 0; i < 5; i++) expect((await get(path, TEST_ADMIN_KEY)).status).toBe(200); // 6 with the key creation
    const refused = await get(path, TEST_ADMIN_KEY);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("45");
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited" } });
    expect((await get(path, other)).status).toBe(200);
    service.clock.advance(45_000);
    expect((await get(path, TEST_ADMIN_KEY)).status).toBe(200);
  });

  it("slows down key guessing from one address, without locking out valid keys", async () => {
    service.clock.set(new Date("2026-11-23T13:00:00Z"));
    for (let i = 0; i < 3; i++) expect((await get("/api/v1/clinics", `zelo_guess${i}`)).status).toBe(401);
    const refused = await get("/api/v1/clinics", "zelo_guess4");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await get("/api/v1/clinics", TEST_ADMIN_KEY)).status).toBe(200);
  });

  it("refuses a simulator body over SIMULATOR_BODY_MAX_BYTES with 413", async () => {
    const res = await fetch(`${service.url}/simulator/messages`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: "+5511977770000", image: { data: "A".repeat(70_000), mimetype: "image/png" } }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });
});

describe("chat limits", () => {
  it("answers a flooding phone once, politely, stores every message, and runs no flow for the excess", async () => {
    service.clock.set(new Date("2026-11-23T14:00:00Z"));
    const phone = "+5511966660001";
    const answers = [];
    for (let i = 0; i < CHAT_LIMIT + 3; i++) answers.push(await service.say(phone, `oi ${i}`));
    for (const answer of answers.slice(0, CHAT_LIMIT)) {
      expect(answer.status).toBe("handled");
      expect(texts(answer).join(" ")).not.toContain(errorCatalog.rate_limited.chat);
    }
    expect(answers[CHAT_LIMIT]!.status).toBe("refused");
    expect(texts(answers[CHAT_LIMIT]!)).toEqual([errorCatalog.rate_limited.chat]);
    for (const answer of answers.slice(CHAT_LIMIT + 1)) {
      expect(answer.status).toBe("refused");
      expect(answer.replies).toEqual([]);
    }
    const stored = await testDb.db.prisma.inboxMessage.findMany({ where: { chatKey: phone } });
    expect(stored).toHaveLength(CHAT_LIMIT + 3);
    expect(stored.filter((row) => row.status === "refused").every((row) => row.lastError === "rate_limited")).toBe(true);

    // Another phone is not affected, and the flooder is heard again in the next window.
    expect((await service.say("+5511966660002", "oi")).status).toBe("handled");
    service.clock.advance(60_000);
    expect((await service.say(phone, "oi de novo")).status).toBe("handled");
  });

  it("answers a text over MESSAGE_MAX_CHARS and a file over MEDIA_MAX_BYTES politely without processing them", async () => {
    service.clock.set(new Date("2026-11-23T15:00:00Z"));
    const long = await service.say("+5511966660003", "a".repeat(1001));
    expect(long.status).toBe("refused");
    expect(texts(long)).toEqual([errorCatalog.message_too_long.chat]);
    const big = await service.post({ from: "+5511966660003", image: { data: Buffer.alloc(2001, 7).toString("base64"), mimetype: "image/jpeg" } });
    expect(big.status).toBe("refused");
    expect(texts(big)).toEqual([errorCatalog.media_too_large.chat]);
    const small = await service.post({ from: "+5511966660003", image: { data: Buffer.alloc(100, 7).toString("base64"), mimetype: "image/jpeg" } });
    expect(small.status).toBe("handled");
  });

  it("keeps another patient's answers fast while one phone floods the bot", async () => {
    service.clock.set(new Date("2026-11-23T16:00:00Z"));
    const calm = "+5511966660010";
    const timed = async (text: string) => {
      const started = performance.now();
      const answer = await service.say(calm, text);
      expect(answer.status).toBe("handled");
      return performance.now() - started;
    };
    await timed("oi"); // warm up this chat
    const baseline: number[] = [];
    for (let i = 0; i < 5; i++) {
      service.clock.advance(60_000); // each in its own window: the calm phone stays under its own limit
      baseline.push(await timed(`${i}`));
    }

    service.clock.advance(60_000);
    // Six senders on one phone, 60 messages in all, while the calm phone talks.
    const flooder = "+5511966660011";
    const flooded: Awaited<ReturnType<TestService["say"]>>[] = [];
    let sent = 0;
    const sender = async () => {
      while (sent < 60) flooded.push(await service.say(flooder, `spam ${sent++}`));
    };
    const flood = Promise.all(Array.from({ length: 6 }, sender));
    const during: number[] = [];
    for (let i = 0; i < CHAT_LIMIT - 1; i++) during.push(await timed(`${i}`));
    await flood;

    expect(flooded).toHaveLength(60);
    expect(flooded.filter((a) => a.status === "handled")).toHaveLength(CHAT_LIMIT);
    expect(flooded.flatMap(texts).filter((t) => t === errorCatalog.rate_limited.chat)).toHaveLength(1);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Generous bound for a shared CI machine; an unlimited flood of full turns queues far longer.
    expect(median(during)).toBeLessThan(median(baseline) * 5 + 150);
  });
});
