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

/** A fresh PostgreSQL database for one benchmark (BENCH_POSTGRES_URL names the server). */
export async function freshPostgres(name: string): Promise<Database> {
  const base = new URL(process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test");
  const admin = new pg.Client({ connectionString: base.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  base.pathname = `/${name}`;
  const db = await openPostgres(base.toString(), 20);
  await applyMigrations(db);
  return db;
}
