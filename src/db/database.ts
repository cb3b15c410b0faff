// The database handle passed through the whole service: a Prisma client plus
// a raw SQL port, over PostgreSQL (DATABASE_URL) or embedded PGlite (DATA_DIR).
// Both run the same schema, the same migrations and the same code paths.
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "./generated/client.js";

export type Prisma = InstanceType<typeof PrismaClient>;
export type DatabaseKind = "postgres" | "pglite";

/**
 * The thin SQL port of the message path (inbox, turns, outbox), where the
 * ORM's per-query cost would dominate (see bench/engine-messages.ts).
 * Dates go in as instants and come out as Date; int8 comes out as a string.
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
}

export interface Database {
  kind: DatabaseKind;
  prisma: Prisma;
  sql: Sql;
  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /** Parameterless SQL may hold several statements; parameterised SQL is one statement. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

// Prisma stores DateTime as `timestamp(3)` (no zone) holding UTC. pg would
// read those as local time, and write a Date in local time: both are fixed here.
const TIMESTAMP_OID = 1114;
const parseUtcTimestamp = (value: string): Date => new Date(`${value.replace(" ", "T")}Z`);
const toParam = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);
const toParams = (values?: unknown[]): unknown[] | undefined => values?.map(toParam);

const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID ? parseUtcTimestamp : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

// Named (prepared) statements: each connection parses and plans a statement
// once, which is most of PostgreSQL's work for the message path's short queries.
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `zelo_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

function pgSql(client: pg.Pool | pg.PoolClient): Sql {
  return {
    query: async <T>(text: string, values?: unknown[]) => {
      // Parameterless text may hold several statements, which cannot be prepared.
      const config = values && values.length > 0 ? { name: statementName(text), text, values: toParams(values) } : { text };
      return (await client.query(config)).rows as T[];
    },
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes });
  pool.on("error", () => undefined); // an idle client's error surfaces on its next use
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    sql: pgSql(pool),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(pgSql(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    executeSql: async (text, values) => {
      const result = await pool.query(text, values as unknown[] | undefined);
      // A multi-statement script answers an array of results; the last is the one asked for.
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { rows: last?.rows ?? [] };
    },
    close: async () => {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/**
 * A new data folder starts as a copy of a data folder prepared by `npm run
 * build` (src/pglite-template.ts) instead of PGlite's initdb, most of a first
 * start. Beside the compiled code; absent when running from the TypeScript
 * sources. Copied as files: unpacking an archive through PGlite's own file
 * system held about 100 MB more for as long as the process ran.
 */
export const PGLITE_TEMPLATE = fileURLToPath(new URL("../pglite-template", import.meta.url));

/** `dataDir` undefined means in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
  return pgliteDatabase(await openPgliteEngine(dataDir), { ownsEngine: true });
}

/** The embedded engine itself; a data folder has exactly one. Loaded here, so a PostgreSQL instance never holds PGlite. */
export async function openPgliteEngine(dataDir?: string, template = PGLITE_TEMPLATE): Promise<PGlite> {
  const [{ PGlite }, { btree_gist }] = await Promise.all([import("@electric-sql/pglite"), import("@electric-sql/pglite/contrib/btree_gist")]);
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    if (!existsSync(`${dataDir}/PG_VERSION`) && existsSync(`${template}/PG_VERSION`)) await cp(template, dataDir, { recursive: true });
  }
  // The options-object form: `new PGlite(undefined, options)` silently drops the options.
  const client = new PGlite({ ...(dataDir ? { dataDir } : {}), extensions: { btree_gist } });
  await client.waitReady;
  return client;
}

/**
 * A handle (its own Prisma client and SQL port) over an open PGlite engine.
 * Two handles on one engine are how two "instances" share embedded data in
 * tests: the engine runs one transaction at a time, and a statement from
 * either handle waits for it. Only the owning handle's close() closes the engine.
 */
export async function pgliteDatabase(client: PGlite, options: { ownsEngine: boolean }): Promise<Database> {
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  // pglite-prisma-adapter pins its own copy of @prisma/driver-adapter-utils
  // (6.10); the runtime contract is the same, only the declared types differ.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) as unknown as PrismaPg });
  const parsers = { [TIMESTAMP_OID]: parseUtcTimestamp, 20: (value: string) => value };
  const liteSql = (target: Pick<PGlite, "query">): Sql => ({
    query: async <T>(text: string, values?: unknown[]) =>
      (await target.query<T>(text, toParams(values), { parsers })).rows,
  });
  return {
    kind: "pglite",
    prisma,
    sql: liteSql(client),
    transaction: (work) => client.transaction((tx) => work(liteSql(tx))),
    executeSql: async (text, values) => {
      if (!values || values.length === 0) {
        // PGlite's `query` refuses multi-statement scripts; `exec` takes them.
        const results = await client.exec(text);
        return { rows: (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[] };
      }
      const result = await client.query(text, values);
      return { rows: result.rows as Record<string, unknown>[] };
    },
    close: async () => {
      await prisma.$disconnect();
      if (options.ownsEngine) await client.close();
    },
  };
}

/**
 * Runs `work` inside a savepoint: a constraint violation then rolls back only
 * this step, and the turn's transaction stays usable (PostgreSQL aborts the
 * whole transaction on an error otherwise). The savepoint's name is new
 * on every call (a name cannot be a parameter): transaction control, so it
 * belongs to the SQL port rather than to a statements module.
 */
export async function inSavepoint<T>(sql: Sql, work: () => Promise<T>): Promise<T> {
  const name = `sp_${randomUUID().replaceAll("-", "")}`;
  await sql.query(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await sql.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await sql.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}
