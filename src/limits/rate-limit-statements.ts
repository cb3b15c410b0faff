// The SQL of the rate counters ("RateLimitCounter"), named (src/db/statements.ts).
import type { Sql } from "../db/database.js";
import type { RateCountRow } from "../db/rows.js";
import { countOf, firstRow, statement } from "../db/statements.js";

const hit = statement<RateCountRow>("limits.hit",
  `INSERT INTO "RateLimitCounter" (key, "windowStart", count, "expiresAt") VALUES ($1, $2, 1, $3)
   ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateLimitCounter".count + 1
   RETURNING count`);
/** Counts one hit in the window and answers the count, this hit included. */
export const countHit = async (sql: Sql, key: string, windowStart: Date, windowEnd: Date): Promise<number> =>
  Number((await firstRow(sql, hit, [key, windowStart, windowEnd]))?.count ?? 1);

const current = statement<RateCountRow>("limits.current",
  `SELECT count FROM "RateLimitCounter" WHERE key = $1 AND "windowStart" = $2`);
/** Hits so far in the window, without counting one. */
export const currentCount = async (sql: Sql, key: string, windowStart: Date): Promise<number> =>
  Number((await firstRow(sql, current, [key, windowStart]))?.count ?? 0);

const purge = statement("limits.purgeEnded", `DELETE FROM "RateLimitCounter" WHERE "expiresAt" < $1 RETURNING key`);
export const purgeEndedWindows = (sql: Sql, now: Date) => countOf(sql, purge, [now]);
