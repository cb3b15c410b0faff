// Every named SQL statement (src/db/statements.ts) is prepared against the
// migrated schema, on the database this run uses: a column or table renamed
// by a migration fails here even where no other test runs the statement.
// Also the places rule of scripts/check-sql-places.ts.
import { readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.js";
import { JobQueue } from "../src/jobs/queue.js";
import { createLogger } from "../src/logger.js";
import { registeredStatements, statement, type Statement } from "../src/db/statements.js";
import { misplacedSql, sqlPlaceProblems } from "../scripts/check-sql-places.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function statementModules(dir = "src"): string[] {
  const found: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) found.push(...statementModules(path));
    else if (name.endsWith("-statements.ts")) found.push(path);
  }
  return found;
}

/** PREPARE parses, resolves every table and column, and types every parameter, without running anything. */
async function prepareError(db: Database, declared: Statement<unknown>): Promise<string | undefined> {
  try {
    await db.transaction(async (sql) => {
      await sql.query(`PREPARE zelo_check AS ${declared.text}`);
      await sql.query("DEALLOCATE zelo_check");
    });
    return undefined;
  } catch (error) {
    return `${declared.name}: ${(error as Error).message}`;
  }
}

describe("the named SQL statements", () => {
  let test: TestDatabase;
  const modules = statementModules();
  const perModule = new Map<string, number>();

  beforeAll(async () => {
    test = await createTestDatabase("sql_statements");
    // The job queue creates pg-boss's own schema at start, as the service does; the metrics read it.
    const queue = new JobQueue(test.db, createLogger({ level: "silent", logPhi: false }), { poll: false });
    await queue.start([]);
    await queue.stop();
    for (const file of modules) {
      const before = registeredStatements().length;
      await import(pathToFileURL(join(root, file)).href);
      perModule.set(file, registeredStatements().length - before);
    }
  });
  afterAll(() => test?.close());

  it("are declared by statement modules, each with at least one", () => {
    expect(modules.length).toBeGreaterThanOrEqual(10);
    expect([...perModule].filter(([, count]) => count === 0)).toEqual([]);
  });

  it("all prepare against the migrated schema", async () => {
    const failures: string[] = [];
    for (const declared of registeredStatements()) {
      const error = await prepareError(test.db, declared);
      if (error) failures.push(error);
    }
    expect(failures).toEqual([]);
    expect(registeredStatements().length).toBeGreaterThanOrEqual(130);
  });

  it("would catch a renamed column", async () => {
    const renamed = statement("check.renamedColumn", `SELECT "providerPaymentRef" FROM "Payment" WHERE id = $1`);
    expect(await prepareError(test.db, renamed)).toMatch(/providerPaymentRef/);
  });

  it("refuses two different texts under one name", () => {
    statement("check.once", "SELECT 1");
    expect(() => statement("check.once", "SELECT 2")).toThrow(/check.once/);
  });
});

describe("where raw SQL is written", () => {
  it("only in statement modules and the SQL port", () => {
    expect(sqlPlaceProblems(misplacedSql(root))).toEqual([]);
  });
});
