// The SQL of re-sealing (reencrypt.ts), named (src/db/statements.ts): three
// statements for each column of ENCRYPTED_COLUMNS, written out once when
// this module loads, so each is prepared against the schema like any other
// (a sealed column renamed in a migration fails test/sql-statements.test.ts).
// Table, column and key names come from that fixed list, never from a caller.
import type { Sql } from "./database.js";
import type { StaleSealedValueRow } from "./rows.js";
import { countOf, rowsOf, statement, type Statement } from "./statements.js";
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from "../crypto/encrypted-columns.js";
import { BYTES_MAGIC } from "../crypto/encryption.js";

interface ColumnStatements {
  firstStale: Statement<StaleSealedValueRow>;
  staleAfter: Statement<StaleSealedValueRow>;
  reseal: Statement<unknown>;
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A sealed binary value starts with the magic and the 4-byte key id. */
const BYTES_PREFIX_LENGTH = BYTES_MAGIC.length + 4;

/** How the stored value is read as text, tested against the current key ($1), and written back from a text parameter. */
function valueSql(target: EncryptedColumn): { read: string; current: string; write: (param: string) => string } {
  const column = q(target.column);
  if (target.format === "rowBytes") {
    return { read: `encode(${column}, 'base64')`, current: `substring(${column} from 1 for ${BYTES_PREFIX_LENGTH}) = decode($1, 'hex')`,
      write: (param) => `decode(${param}, 'base64')` };
  }
  return { read: column, current: `${column} LIKE $1`, write: (param) => param };
}

function statementsOf(target: EncryptedColumn): ColumnStatements {
  const name = `${target.table}.${target.column}`;
  const table = q(target.table);
  const column = q(target.column);
  const keys = target.key.map(q).join(", ");
  const value = valueSql(target);
  const stale = (after: string) =>
    `SELECT ${keys}, ${value.read} AS "sealedValue" FROM ${table}
     WHERE ${column} IS NOT NULL AND NOT (${value.current})${after}
     ORDER BY ${keys} LIMIT $2`;
  const cursor = target.key.map((_, i) => `$${i + 3}`).join(", ");
  const sameRow = target.key.map((key, i) => `${q(key)} = $${i + 3}`).join(" AND ");
  return {
    firstStale: statement(`crypto.listStale[${name}]`, stale("")),
    staleAfter: statement(`crypto.listStaleAfter[${name}]`, stale(` AND (${keys}) > (${cursor})`)),
    reseal: statement(`crypto.reseal[${name}]`,
      `UPDATE ${table} SET ${column} = ${value.write("$1")} WHERE ${sameRow} AND ${column} = ${value.write("$2")} RETURNING 1 AS ok`),
  };
}

const byColumn = new Map(ENCRYPTED_COLUMNS.map((target) => [`${target.table}.${target.column}`, statementsOf(target)]));

function statementsFor(target: EncryptedColumn): ColumnStatements {
  const found = byColumn.get(`${target.table}.${target.column}`);
  if (!found) throw new Error(`${target.table}.${target.column} is not in ENCRYPTED_COLUMNS`);
  return found;
}

/**
 * A page of values not sealed under the current key, in key order: the
 * first page, or the one after the key values of the last row read.
 * `current`: a LIKE pattern ("v2:<keyId>:%"), or the hex of a binary value's first bytes.
 */
export const listStaleValues = (sql: Sql, target: EncryptedColumn, page: { current: string; limit: number; after?: unknown[] }) => {
  const statements = statementsFor(target);
  return page.after
    ? rowsOf(sql, statements.staleAfter, [page.current, page.limit, ...page.after])
    : rowsOf(sql, statements.firstStale, [page.current, page.limit]);
};

/** Writes `fresh` only where the row still holds `old` (a concurrent write wins); 1 when written, 0 when not. */
export const resealValue = (sql: Sql, target: EncryptedColumn, change: { fresh: string; old: string; keyValues: unknown[] }) =>
  countOf(sql, statementsFor(target).reseal, [change.fresh, change.old, ...change.keyValues]);
