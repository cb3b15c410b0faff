// A whole service on a random port, with a hand-moved clock and no
// background loops, so each test awaits every step it depends on.
import type { Channel } from "../../src/bot/messages.js";
import { ManualClock } from "../../src/clock.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { Database } from "../../src/db/database.js";
import { createLogger } from "../../src/logger.js";
import { seedDemo } from "../../src/seed-demo.js";
import { TEST_ENCRYPTION_KEY } from "./records.js";
import { startService, type RunningService, type ServiceParts } from "../../src/service.js";

export const TEST_ADMIN_KEY = "test-admin-key-0123456789abcdef";
export const PATIENT = "+5511987654321";
export const DOCTOR = "+5511900000001";

export interface TestService extends RunningService {
  clock: ManualClock;
  clinicId: string;
  say(from: string, text: string, id?: string): Promise<SimulatorAnswer>;
  post(body: Record<string, unknown>): Promise<SimulatorAnswer>;
  api(method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; body: any }>;
}

export interface SimulatorAnswer {
  messageId: string;
  duplicate: boolean;
  status?: string;
  replies: { type: string; text?: string; url?: string }[];
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  // The hand-moved clock keeps a whole test file inside one rate-limit window:
  // limits are off unless a test sets them (test/rate-limits.test.ts does).
  return loadConfig({
    PORT: "0", HOST: "127.0.0.1", ADMIN_API_KEY: TEST_ADMIN_KEY, SEED_DEMO: "never", LOG_LEVEL: "silent",
    CHAT_RATE_LIMIT_MESSAGES: "1000000", API_RATE_LIMIT_PER_MINUTE: "1000000", API_AUTH_FAILURES_PER_MINUTE: "1000000",
    // A fixed key, so no test writes a development key file and sealed rows open with testCipher.
    ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, ...overrides,
  });
}

export async function startTestService(
  db: Database,
  options: { clock?: ManualClock; channel?: Channel; config?: Config; beforeCommit?: ServiceParts["beforeCommit"]; logger?: ServiceParts["logger"] } = {},
): Promise<TestService> {
  const clock = options.clock ?? new ManualClock(new Date("2026-11-23T12:00:00Z"));
  const config = options.config ?? testConfig();
  const logger = options.logger ?? createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent", logPhi: false });
  const service = await startService({ config, db, clock, logger, channel: options.channel, background: false, beforeCommit: options.beforeCommit });
  const { clinicId } = await seedDemo(db);
  const post = async (body: Record<string, unknown>): Promise<SimulatorAnswer> => {
    const res = await fetch(`${service.url}/simulator/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`simulator answered ${res.status}: ${JSON.stringify(json)}`);
    return json as SimulatorAnswer;
  };
  return {
    ...service,
    clock,
    clinicId,
    post,
    say: (from, text, id) => post({ from, text, ...(id ? { id } : {}) }),
    api: async (method, path, body, key = TEST_ADMIN_KEY) => {
      const res = await fetch(`${service.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

export const texts = (answer: SimulatorAnswer): string[] => answer.replies.map((reply) => reply.text ?? "");

/**
 * Chat helpers for end-to-end files: `newPatient` onboards a patient (consent
 * and name) on the next phone of `firstNumber`'s range (one range per file, so
 * files sharing a database never meet), and `last` says a text and joins the replies.
 */
export function chatHelpers(service: () => TestService, firstNumber: number) {
  let counter = 0;
  return {
    newPatient: async (name: string): Promise<string> => {
      counter += 1;
      const phone = `+55119${String(firstNumber + counter)}`;
      for (const text of ["oi", "1", name]) await service().say(phone, text);
      return phone;
    },
    last: async (phone: string, text: string): Promise<string> => texts(await service().say(phone, text)).join("\n"),
  };
}
