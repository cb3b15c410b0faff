// Every raw SQL statement of the service has a name and lives in a
// `*-statements.ts` module next to the domain code that owns its table
// (payments/payment-statements.ts, privacy/privacy-statements.ts, ...): one
// exported function per statement, typed with a row type of src/db/rows.ts.
// `statement()` also registers the text, so test/sql-statements.test.ts can
// prepare every one against the migrated schema on both databases: a column
// renamed in a migration fails there even when no other test runs that
// statement, and a column renamed in prisma/schema.prisma fails `tsc` where
// the row type names it. scripts/check-sql-places.ts keeps `sql.query(`
// calls out of the rest of the converted folders.
import type { Sql } from "./database.js";

/** One SQL text, fixed when the module loads (no text is pieced together per call). */
export interface Statement<Row> {
  readonly name: string;
  readonly text: string;
  /** Never set: carries the row type from the declaration to the call. */
  readonly row?: Row;
}

const registry = new Map<string, Statement<unknown>>();

/** Declares and registers a statement; a name is "area.verbNoun", unique in the service. */
export function statement<Row = never>(name: string, text: string): Statement<Row> {
  const known = registry.get(name);
  if (known && known.text !== text) throw new Error(`Two different SQL statements are named ${name}`);
  const declared: Statement<Row> = { name, text };
  registry.set(name, declared);
  return declared;
}

/** Every statement declared by the modules loaded so far, in the order they were declared. */
export function registeredStatements(): readonly Statement<unknown>[] {
  return [...registry.values()];
}

/** All rows the statement answers. */
export function rowsOf<Row>(sql: Sql, declared: Statement<Row>, values: unknown[] = []): Promise<Row[]> {
  return sql.query<Row>(declared.text, values);
}

/** The first row, or undefined when there is none. */
export async function firstRow<Row>(sql: Sql, declared: Statement<Row>, values: unknown[] = []): Promise<Row | undefined> {
  const [row] = await sql.query<Row>(declared.text, values);
  return row;
}

/** Runs a statement whose rows (if any) nobody reads. */
export async function execute(sql: Sql, declared: Statement<unknown>, values: unknown[] = []): Promise<void> {
  await sql.query(declared.text, values);
}

/** How many rows an `UPDATE/DELETE ... RETURNING 1` touched. */
export async function countOf(sql: Sql, declared: Statement<unknown>, values: unknown[] = []): Promise<number> {
  return (await sql.query(declared.text, values)).length;
}
