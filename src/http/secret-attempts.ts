// Wrong secret codes per document, counted in PostgreSQL (shared by every
// instance). The secret is 6 symbols of 31 (about 887 million values): enough
// against guessing only if guesses are few. After SECRET_ATTEMPTS_PER_HOUR
// wrong codes for one document, every attempt on it, the right code included,
// waits for the window to end (a right answer must not tell a guesser apart).
import type { Sql } from "../db/database.js";
import { hitRateCounter } from "../limits/rate-counter.js";
import { currentCount } from "../limits/rate-limit-statements.js";

export const SECRET_ATTEMPTS_PER_HOUR = 10;
const WINDOW_SECONDS = 3600;

export type SecretOutcome = { kind: "ok" } | { kind: "wrong" } | { kind: "locked"; retryAfterSeconds: number };

const keyOf = (verificationCode: string) => `verify-secret:${verificationCode}`;

export async function checkSecretAttempt(sql: Sql, verificationCode: string, matches: boolean, now: Date): Promise<SecretOutcome> {
  const windowMs = WINDOW_SECONDS * 1000;
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000));
  if ((await currentCount(sql, keyOf(verificationCode), new Date(start))) >= SECRET_ATTEMPTS_PER_HOUR) return { kind: "locked", retryAfterSeconds };
  if (matches) return { kind: "ok" };
  await hitRateCounter(sql, keyOf(verificationCode), { limit: SECRET_ATTEMPTS_PER_HOUR, windowSeconds: WINDOW_SECONDS }, now);
  return { kind: "wrong" };
}
