// Where raw SQL may be written (docs/operations.md, "SQL statements"): only
// in `*-statements.ts` modules, through `statement()` of src/db/statements.ts,
// so every statement has a name, a row type from src/db/rows.ts, and is
// prepared against the migrated schema by test/sql-statements.test.ts.
// The folders and files below still call the SQL port directly; they are
// converted one by one and leave the list as they go. Checked in CI
// (`npm run lint`, and test/sql-statements.test.ts).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The SQL port itself, the migrations runner and pg-boss's one-method database port. */
const PORTS = ["src/db/database.ts", "src/db/statements.ts", "src/db/migrate.ts", "src/jobs/queue.ts"];

/** Not converted yet: shorten this list, never lengthen it. */
export const NOT_YET_CONVERTED = [
  "src/bot/",
  "src/scheduling/appointments-sql.ts",
];

/** Converted already, inside a folder of the list above: checked like any converted folder. */
export const CONVERTED_INSIDE = [
  "src/bot/channels/", "src/bot/doctor-facts.ts", "src/bot/effects/", "src/bot/handoffs.ts", "src/bot/patient-documents.ts", "src/bot/release-chat.ts",
  "src/bot/simulator/", "src/bot/inbox.ts",
];

const STATEMENT_MODULE = /-statements\.ts$/;
const SQL_CALL = /\.query\s*(?:<(?:[^<>]|<[^<>]*>)*>)?\s*\(|\bexecuteSql\s*\(/g;

export interface SqlPlacesReport {
  /** file:line of a raw SQL call outside the statement modules and the list. */
  misplaced: string[];
  /** Entries of NOT_YET_CONVERTED that hold no raw SQL call any more. */
  stale: string[];
  /** Raw SQL calls per entry of NOT_YET_CONVERTED. */
  remaining: Record<string, number>;
}

function sourceFiles(root: string, dir = "src"): string[] {
  const files: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (path === "src/db/generated") continue;
    if (statSync(join(root, path)).isDirectory()) files.push(...sourceFiles(root, path));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) files.push(path);
  }
  return files;
}

const under = (file: string, entry: string) => (entry.endsWith("/") ? file.startsWith(entry) : file === entry);
const listed = (file: string) =>
  CONVERTED_INSIDE.some((entry) => under(file, entry)) ? undefined : NOT_YET_CONVERTED.find((entry) => under(file, entry));

export function checkSqlPlaces(root: string): SqlPlacesReport {
  const misplaced: string[] = [];
  const remaining: Record<string, number> = Object.fromEntries(NOT_YET_CONVERTED.map((entry) => [entry, 0]));
  for (const file of sourceFiles(root)) {
    if (STATEMENT_MODULE.test(file) || PORTS.includes(file)) continue;
    const text = readFileSync(join(root, file), "utf8");
    for (const match of text.matchAll(SQL_CALL)) {
      const entry = listed(file);
      if (entry) remaining[entry]! += 1;
      else misplaced.push(`${file}:${text.slice(0, match.index).split("\n").length}`);
    }
  }
  const stale = NOT_YET_CONVERTED.filter((entry) => remaining[entry] === 0);
  return { misplaced, stale, remaining };
}

export function sqlPlaceProblems(report: SqlPlacesReport): string[] {
  return [
    ...report.misplaced.map((at) => `raw SQL outside a *-statements.ts module: ${at} (declare it with statement() next to its table)`),
    ...report.stale.map((entry) => `${entry} holds no raw SQL call any more: remove it from NOT_YET_CONVERTED`),
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const problems = sqlPlaceProblems(checkSqlPlaces(root));
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.exit(problems.length > 0 ? 1 : 0);
}
