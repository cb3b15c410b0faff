// Bearer API keys. Only a SHA-256 of each key is stored; a key is shown once,
// when it is created. Every request reads the key row (no cache), so a
// revoked key is refused from the next request on, on every instance.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Clock } from "../clock.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import { hitRateCounter, type RateHit } from "../limits/rate-counter.js";
import { lockBootstrapKeys, revokeOtherBootstrapKeys, touchKeyLastUsed, upsertBootstrapKey } from "./admin-statements.js";

export const API_ROLES = ["admin", "reception", "professional"] as const;
export type ApiRole = (typeof API_ROLES)[number];

export interface ApiPrincipal {
  keyId: string;
  role: ApiRole;
  /** Null for an operator key, which may act on every clinic (the bootstrap key is one). */
  clinicId: string | null;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function newApiKey(): string {
  return `zelo_${randomBytes(24).toString("base64url")}`;
}

/**
 * Makes the key given in ADMIN_API_KEY an active all-clinics admin key (the
 * operator's way in, also after losing every other key) and revokes any
 * other key an earlier ADMIN_API_KEY created: rotating the bootstrap key is
 * a restart with a new value. Returns how many old bootstrap keys it revoked.
 */
export async function ensureBootstrapKey(db: Database, key: string, now: Date): Promise<number> {
  const keyHash = hashApiKey(key);
  return db.transaction(async (sql) => {
    // Two instances starting at once with different keys take turns; the later one wins.
    await lockBootstrapKeys(sql, BOOTSTRAP_LOCK_KEY);
    await upsertBootstrapKey(sql, { id: randomUUID(), name: BOOTSTRAP_KEY_NAME, keyHash, prefix: key.slice(0, 9), now });
    return revokeOtherBootstrapKeys(sql, keyHash, now);
  });
}

const BOOTSTRAP_KEY_NAME = "bootstrap (ADMIN_API_KEY)";
// Any fixed number, distinct from the migrations' lock.
const BOOTSTRAP_LOCK_KEY = 72_646_302;

export interface ApiAuthOptions {
  clock: Clock;
  /** Requests per minute per key, and failed authentications per minute per client address. */
  limits?: { perKeyPerMinute: number; authFailuresPerMinute: number };
}

export function requireApiKey(db: Database, options: ApiAuthOptions) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const key = match?.[1] ? await db.prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(match[1]) } }) : null;
    const now = options.clock.now();
    if (!key || key.revokedAt || !isRole(key.role)) {
      // Guessing keys costs a guesser a minute per few dozen tries, from one address.
      if (options.limits) refuseOver(await hitRateCounter(db.sql, `authfail:${req.ip ?? "unknown"}`, { limit: options.limits.authFailuresPerMinute, windowSeconds: 60 }, now));
      throw new AppError("unauthorized", match?.[1] ? "invalid or revoked API key" : "missing bearer API key");
    }
    if (options.limits) refuseOver(await hitRateCounter(db.sql, `api:${key.id}`, { limit: options.limits.perKeyPerMinute, windowSeconds: 60 }, now));
    // At most one write a minute per key for "last used".
    await touchKeyLastUsed(db.sql, key.id, now);
    res.locals.principal = { keyId: key.id, role: key.role, clinicId: key.clinicId } satisfies ApiPrincipal;
    next();
  };
}

export function isRole(value: string): value is ApiRole {
  return (API_ROLES as readonly string[]).includes(value);
}

function refuseOver(hit: RateHit): void {
  if (!hit.allowed) throw new AppError("rate_limited", "too many requests; retry later", { retryAfterSeconds: hit.retryAfterSeconds });
}

/** A key bound to a clinic never reaches another clinic's data. */
export function assertClinicAccess(principal: ApiPrincipal, clinicId: string): void {
  if (principal.clinicId !== null && principal.clinicId !== clinicId) {
    throw new AppError("not_found", "clinic not found");
  }
}
