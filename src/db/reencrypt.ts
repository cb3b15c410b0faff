// Re-seals every encrypted column under the current ENCRYPTION_KEY, after a
// rotation (the old key stays in ENCRYPTION_KEY_PREVIOUS until this has run).
// Idempotent: a value already under the current key is not touched, so the
// command can be stopped and run again. Works in batches, each in one
// transaction, and updates a row only if the value is still the one it read
// (a concurrent write under the new key wins). Chat columns sealed with their
// row (v2) are re-sealed with the same associated data; values written there
// in clear before sealing existed are sealed on the way.
import type { Database, Sql } from "./database.js";
import type { StaleSealedValueRow } from "./rows.js";
import { listStaleValues, resealValue } from "./reencrypt-statements.js";
import { ENCRYPTED_COLUMNS, type EncryptedColumn } from "../crypto/encrypted-columns.js";
import { BYTES_MAGIC, isSealedText, rowAad, type Cipher } from "../crypto/encryption.js";

export { ENCRYPTED_COLUMNS, type EncryptedColumn };

/** Files can be 25 MiB each: a batch of media holds a few. */
const MEDIA_BATCH = 10;

export interface ColumnReport {
  table: string;
  column: string;
  reencrypted: number;
  /** Values no configured key opens (named with their key id in `errors`). */
  unreadable: number;
  errors: string[];
}

export async function reencryptAll(db: Database, cipher: Cipher, options: { batchSize?: number; columns?: readonly EncryptedColumn[] } = {}): Promise<ColumnReport[]> {
  if (!cipher.keyId) throw new Error("the cipher does not name its key");
  const reports: ColumnReport[] = [];
  for (const column of options.columns ?? ENCRYPTED_COLUMNS) {
    const batchSize = options.batchSize ?? (column.format === "rowBytes" ? MEDIA_BATCH : 200);
    reports.push(await reencryptColumn(db, cipher, column, batchSize));
  }
  return reports;
}

/** How a column's values are recognised as sealed under the current key already, and re-sealed. */
interface ColumnCodec {
  /** What the column's statements match the current key with (reencrypt-statements.ts). */
  current: string;
  reseal(stored: string, row: StaleSealedValueRow): string;
}

function codecOf(cipher: Cipher, target: EncryptedColumn): ColumnCodec {
  // Bound to the row's key: "id", or "patientId" for PatientProfile.
  const aad = (row: StaleSealedValueRow) => rowAad(target.table, target.column, String(row[target.key[0]!]));
  switch (target.format ?? "v1") {
    case "v1":
      return { current: `v1:${cipher.keyId}:%`, reseal: (stored) => cipher.encrypt(cipher.decrypt(stored)) };
    case "row":
      return { current: `v2:${cipher.keyId}:%`,
        reseal: (stored, row) => cipher.sealText(isSealedText(stored) ? cipher.openText(stored, aad(row)) : stored, aad(row)) };
    case "rowBytes":
      return { current: Buffer.concat([BYTES_MAGIC, Buffer.from(cipher.keyId!, "hex")]).toString("hex"),
        reseal: (stored, row) => {
          const bytes = Buffer.from(stored.replace(/\s/g, ""), "base64");
          const plain = bytes.subarray(0, BYTES_MAGIC.length).equals(BYTES_MAGIC) ? cipher.openBytes(bytes, aad(row)) : bytes;
          return cipher.sealBytes(plain, aad(row)).toString("base64");
        } };
  }
}

async function reencryptColumn(db: Database, cipher: Cipher, target: EncryptedColumn, batchSize: number): Promise<ColumnReport> {
  const report: ColumnReport = { table: target.table, column: target.column, reencrypted: 0, unreadable: 0, errors: [] };
  const codec = codecOf(cipher, target);
  let cursor: unknown[] | undefined;
  for (;;) {
    const rows = await listStaleValues(db.sql, target, { current: codec.current, limit: batchSize, after: cursor });
    if (rows.length === 0) return report;
    await db.transaction((sql) => reencryptBatch(sql, codec, target, rows, report));
    cursor = target.key.map((name) => rows.at(-1)![name]);
  }
}

async function reencryptBatch(sql: Sql, codec: ColumnCodec, target: EncryptedColumn, rows: StaleSealedValueRow[], report: ColumnReport): Promise<void> {
  for (const row of rows) {
    const old = String(row.sealedValue);
    let fresh: string;
    try {
      fresh = codec.reseal(old, row);
    } catch (error) {
      report.unreadable += 1;
      if (report.errors.length < 10) report.errors.push(error instanceof Error ? error.message : String(error));
      continue;
    }
    report.reencrypted += await resealValue(sql, target, { fresh, old, keyValues: target.key.map((name) => row[name]) });
  }
}
