// Fixed-window rate counters in PostgreSQL, shared by every instance.
//
// Why not rate-limiter-flexible: its PostgreSQL store wants a `pg` Pool (or an
// ORM) and creates its own table at run time, and the embedded PGlite default
// has no Pool; its memory store would let each instance count alone. One
// upsert through our SQL port gives one path for both databases, survives a
// restart, and joins the caller's transaction (a turn that rolls back does not
// count). Fixed windows allow up to twice the limit across a window edge,
// which is fine for abuse limits (they stop floods, not a precise quota).
import type { Sql } from "../db/database.js";
import { countHit, purgeEndedWindows } from "./rate-limit-statements.js";

export interface RateWindow {
  limit: number;
  windowSeconds: number;
}

export interface RateHit {
  /** Hits in this window, this one included. */
  count: number;
  allowed: boolean;
  /** Whole seconds until the window ends (for Retry-After). */
  retryAfterSeconds: number;
  /** True only for the first hit over the limit in a window: answer politely once, then stay quiet. */
  firstRefusal: boolean;
}

/** The fixed window `at` falls in: a 60-second window holding 10:00:42 runs from 10:00:00 to 10:01:00. */
export function rateWindowAt(window: RateWindow, at: Date): { start: Date; end: Date } {
  const windowMs = window.windowSeconds * 1000;
  const start = Math.floor(at.getTime() / windowMs) * windowMs;
  return { start: new Date(start), end: new Date(start + windowMs) };
}

export async function hitRateCounter(sql: Sql, key: string, window: RateWindow, at: Date): Promise<RateHit> {
  const { start: startAt, end: endAt } = rateWindowAt(window, at);
  const end = endAt.getTime();
  const count = await countHit(sql, key, startAt, endAt);
  return {
    count,
    allowed: count <= window.limit,
    retryAfterSeconds: Math.max(1, Math.ceil((end - at.getTime()) / 1000)),
    firstRefusal: count === window.limit + 1,
  };
}

/** Drops windows that ended (the clock task runs it every minute). */
export async function purgeRateCounters(sql: Sql, now: Date): Promise<number> {
  return purgeEndedWindows(sql, now);
}
