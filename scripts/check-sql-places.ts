// Where raw SQL may be written (docs/operations.md, "SQL statements"): only
// in `*-statements.ts` modules, through `statement()` of src/db/statements.ts,
// so every statement has a name, a row type from src/db/rows.ts, and is
// prepared against the migrated schema by test/sql-statements.test.ts.
// Checked in CI (`npm run lint`, and test/sql-statements.test.ts).
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sourceFiles } from "./source-files.js";

/**
 * The SQL port itself (with its savepoints), the migrations runner, pg-boss's
 * one-method database port, and the turn's port that holds text replies back
 * until the turn's own write (src/bot/turn-writes.ts).
 */
const PORTS = ["src/db/database.ts", "src/db/statements.ts", "src/db/migrate.ts", "src/jobs/queue.ts", "src/bot/turn-writes.ts"];

const STATEMENT_MODULE = /-statements\.ts$/;
const SQL_CALL = /\.query\s*(?:<(?:[^<>]|<[^<>]*>)*>)?\s*\(|\bexecuteSql\s*\(/g;

/** file:line of each raw SQL call outside the statement modules and the ports. */
export function misplacedSql(root: string): string[] {
  const misplaced: string[] = [];
  for (const file of sourceFiles(root)) {
    if (STATEMENT_MODULE.test(file) || PORTS.includes(file)) continue;
    const text = readFileSync(join(root, file), "utf8");
    for (const match of text.matchAll(SQL_CALL)) misplaced.push(`${file}:${text.slice(0, match.index).split("\n").length}`);
  }
  return misplaced;
}

export function sqlPlaceProblems(misplaced: string[]): string[] {
  return misplaced.map((at) => `raw SQL outside a *-statements.ts module: ${at} (declare it with statement() next to its table)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const problems = sqlPlaceProblems(misplacedSql(root));
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.exit(problems.length > 0 ? 1 : 0);
}
