// Applies prisma/migrations at start, on PostgreSQL and on PGlite alike, and
// records them in Prisma's own `_prisma_migrations` table, so that
// `prisma migrate deploy` and `migrate status` agree with what ran here.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import type { Database } from "./database.js";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

// Any fixed number: all instances starting at once take turns applying.
const MIGRATION_LOCK_KEY = 72_646_301;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export async function appliedMigrationNames(db: Database): Promise<Set<string>> {
  const exists = await db.executeSql(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`);
  if (!exists.rows[0]?.exists) return new Set();
  const { rows } = await db.executeSql(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Set(rows.map((row) => String(row.migration_name)));
}

/** Returns the names it applied. Each migration runs in its own transaction. */
export async function applyMigrations(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const applied: string[] = [];
  await db.executeSql(CREATE_MIGRATIONS_TABLE);
  // Read once: runOne checks again under the lock, so an instance that applied one meanwhile is not applied over.
  const done = await appliedMigrationNames(db);
  for (const migration of migrations) {
    if (done.has(migration.name)) continue;
    await runOne(db, migration);
    applied.push(migration.name);
  }
  return applied;
}

async function runOne(db: Database, migration: MigrationFile): Promise<void> {
  const record = `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
    VALUES ('${randomUUID()}', '${migration.checksum}', '${migration.name.replaceAll("'", "''")}', now(), now(), 1);`;
  const name = migration.name.replaceAll("'", "''");
  // On PostgreSQL a multi-statement simple query is one implicit transaction:
  // it takes the lock, re-checks and applies, or leaves nothing behind. PGlite
  // has a single session, so an explicit block with a ROLLBACK on error is safe there.
  const lock = db.kind === "postgres" ? `SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY});` : "BEGIN;";
  const end = db.kind === "postgres" ? "" : "COMMIT;";
  const script = `${lock}
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '${name}' AND finished_at IS NOT NULL) THEN
    RAISE EXCEPTION 'zelo:already-applied';
  END IF;
END $$;
${migration.sql}
;
${record}
${end}`;
  try {
    await db.executeSql(script);
  } catch (error) {
    if (db.kind === "pglite") await db.executeSql("ROLLBACK").catch(() => undefined);
    if (error instanceof Error && error.message.includes("zelo:already-applied")) return;
    throw new Error(`Migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function pendingMigrations(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const done = await appliedMigrationNames(db);
  return (await readMigrations(dir)).map((m) => m.name).filter((name) => !done.has(name));
}
