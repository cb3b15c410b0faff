// The database handle passed through the whole service: a Prisma client plus
// a raw SQL port, over PostgreSQL (DATABASE_URL) or embedded PGlite (DATA_DIR).
// Both run the same schema, the same migrations and the same code paths.
import { mkdir } from "node:fs/promises";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client.js";

export type Prisma = InstanceType<typeof PrismaClient>;
export type DatabaseKind = "postgres" | "pglite";

export interface Database {
  kind: DatabaseKind;
  prisma: Prisma;
  /** Parameterless SQL may hold several statements; parameterised SQL is one statement. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on("error", () => undefined); // an idle client's error surfaces on its next use
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
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

/** `dataDir` undefined means in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const client = new PGlite(dataDir, { extensions: { btree_gist } });
  await client.waitReady;
  // pglite-prisma-adapter pins its own copy of @prisma/driver-adapter-utils
  // (6.10); the runtime contract is the same, only the declared types differ.
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) as unknown as PrismaPg });
  return {
    kind: "pglite",
    prisma,
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
      await client.close();
    },
  };
}
