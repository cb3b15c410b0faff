// One database per test file: a fresh PostgreSQL database (kept after the
// run so a failure can be inspected) or an in-memory PGlite.
// ZELO_TEST_DB=postgres|pglite picks which; the default is pglite, so
// `npm test` needs nothing installed.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openPgliteEngine, openPostgres, pgliteDatabase, type Database } from "../../src/db/database.js";
import { applyMigrations } from "../../src/db/migrate.js";

export function testDatabaseKind(): "postgres" | "pglite" {
  return process.env.ZELO_TEST_DB === "postgres" ? "postgres" : "pglite";
}

export function testPostgresUrl(database = "test"): string {
  const base = new URL(process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test");
  base.pathname = `/${database}`;
  return base.toString();
}

export interface TestDatabase {
  db: Database;
  /** A restart: a new handle on the same data (on PGlite the old handle is closed first). */
  reopen(): Promise<Database>;
  /**
   * A second instance: a handle of its own, open alongside `db`. On
   * PostgreSQL its own pool, so its own connections and sessions. On PGlite a
   * data folder has one owner, its in-process engine (a second engine on the
   * same folder would corrupt it, and an in-memory database lives only inside
   * its engine), so the handle is a Prisma client and SQL port of its own on
   * the same engine, which runs one transaction at a time for both.
   */
  openAnother(): Promise<Database>;
  close(): Promise<void>;
}

let counter = 0;

export async function createTestDatabase(label: string, options: { persistent?: boolean } = {}): Promise<TestDatabase> {
  counter += 1;
  const slug = `${label.toLowerCase().replace(/[^a-z0-9]+/g, "_")}_${process.pid}_${counter}`.slice(0, 50);
  if (testDatabaseKind() === "postgres") return createPostgres(`zelo_t_${slug}`);
  return createPglite(options.persistent ?? false);
}

async function createPostgres(name: string): Promise<TestDatabase> {
  const admin = new pg.Client({ connectionString: testPostgresUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = testPostgresUrl(name);
  const db = await openPostgres(url, 10);
  await applyMigrations(db);
  const handles: Database[] = [db];
  return {
    db,
    reopen: async () => {
      const another = await openPostgres(url, 10);
      handles.push(another);
      return another;
    },
    openAnother: async () => {
      const another = await openPostgres(url, 10);
      handles.push(another);
      return another;
    },
    close: async () => {
      for (const handle of handles) await handle.close().catch(() => undefined);
    },
  };
}

async function createPglite(persistent: boolean): Promise<TestDatabase> {
  const dir = persistent ? await mkdtemp(path.join(tmpdir(), "zelo-pglite-")) : undefined;
  const engine = await openPgliteEngine(dir);
  const state = { engine, db: await pgliteDatabase(engine, { ownsEngine: true }), others: [] as Database[] };
  await applyMigrations(state.db);
  return {
    get db() {
      return state.db;
    },
    reopen: async () => {
      if (!dir) throw new Error("reopen needs createTestDatabase(label, { persistent: true }) with PGlite");
      // PGlite has one owner per data folder: a restart closes the old handle first.
      for (const other of state.others.splice(0)) await other.close().catch(() => undefined);
      await state.db.close();
      state.engine = await openPgliteEngine(dir);
      state.db = await pgliteDatabase(state.engine, { ownsEngine: true });
      return state.db;
    },
    openAnother: async () => {
      const another = await pgliteDatabase(state.engine, { ownsEngine: false });
      state.others.push(another);
      return another;
    },
    close: async () => {
      for (const other of state.others.splice(0)) await other.close().catch(() => undefined);
      await state.db.close().catch(() => undefined);
    },
  };
}
