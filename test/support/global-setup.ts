// Runs once before the suite. Against PostgreSQL it removes the databases a
// previous run kept (each test file keeps its own, for inspection, until the next run).
import pg from "pg";
import { testDatabaseKind, testPostgresUrl } from "./db.js";

export default async function setup(): Promise<void> {
  if (testDatabaseKind() !== "postgres") return;
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  try {
    // Only databases nobody is connected to: another suite running at the same time keeps its own.
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database d WHERE datname LIKE 'zelo_t_%'
         AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)`);
    for (const row of rows) await client.query(`DROP DATABASE IF EXISTS "${row.datname}"`).catch(() => undefined);
  } finally {
    await client.end();
  }
}
