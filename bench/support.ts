// Shared bits of the benchmarks.
import pg from "pg";
import { openPostgres, type Database } from "../src/db/database.js";
import { applyMigrations } from "../src/db/migrate.js";

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return round(sortedMs[Math.max(0, index)]!);
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export const rssMb = (): number => round(process.memoryUsage().rss / 1024 / 1024, 1);

/** An empty PostgreSQL database for one benchmark (BENCH_POSTGRES_URL names the server); answers its URL. */
export async function emptyPostgres(name: string): Promise<string> {
  const base = new URL(process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test");
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  base.pathname = `/${name}`;
  return base.toString();
}

/** A fresh, migrated PostgreSQL database for one benchmark. */
export async function freshPostgres(name: string): Promise<Database> {
  const db = await openPostgres(await emptyPostgres(name), 20);
  await applyMigrations(db);
  return db;
}

/**
 * Counts what this process sends to PostgreSQL: every `query` of a pg client
 * (the SQL port, Prisma's adapter, pg-boss), each one round trip. Queries
 * whose text holds BENCH_UNCOUNTED are the benchmark's own checks and are left
 * out. Installed once per process; read the count before and after a run.
 */
export const BENCH_UNCOUNTED = "/* bench-check */";
let roundTrips = 0;
let counting = false;
export function countRoundTrips(): () => number {
  if (!counting) {
    counting = true;
    const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    (pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0] as string | { text?: string } | undefined;
      const text = typeof first === "string" ? first : first?.text;
      if (!text?.includes(BENCH_UNCOUNTED)) roundTrips++;
      return original.apply(this, args);
    };
  }
  return () => roundTrips;
}
