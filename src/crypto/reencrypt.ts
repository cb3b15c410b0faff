// Re-seals every encrypted column under the current ENCRYPTION_KEY, after a
// rotation (the old key stays in ENCRYPTION_KEY_PREVIOUS until this has run).
// Idempotent: a value already under the current key is not touched, so the
// command can be stopped and run again. Works in batches, each in one
// transaction, and updates a row only if the value is still the one it read
// (a concurrent write under the new key wins).
import type { Database, Sql } from "../db/database.js";
import type { Cipher } from "./encryption.js";

export interface EncryptedColumn {
  table: string;
  column: string;
  /** The primary key columns, for paging and for the update. */
  key: readonly string[];
}

/**
 * Every column that holds sealed values. A new encrypted column is one line
 * here; reencrypt.test.ts fails while a "*Sealed" or "*Encrypted" column of
 * the schema is missing from this list.
 */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: "WhatsAppAuthKey", column: "value", key: ["clinicId", "type", "keyId"] },
  { table: "Dictation", column: "draftSealed", key: ["id"] },
  { table: "DictationSegment", column: "transcriptSealed", key: ["id"] },
  { table: "ClinicalNoteVersion", column: "contentSealed", key: ["id"] },
  { table: "ClinicalNoteVersion", column: "transcriptSealed", key: ["id"] },
  { table: "ProfessionalCertificate", column: "pkcs12Sealed", key: ["id"] },
  { table: "ProfessionalCertificate", column: "passwordSealed", key: ["id"] },
  { table: "Document", column: "contentSealed", key: ["id"] },
  { table: "CidAuthorizationRequest", column: "requestSealed", key: ["id"] },
  { table: "ClinicPaymentSettings", column: "accessTokenEncrypted", key: ["id"] },
  { table: "ClinicPaymentSettings", column: "webhookSecretEncrypted", key: ["id"] },
];

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
  for (const column of options.columns ?? ENCRYPTED_COLUMNS) reports.push(await reencryptColumn(db, cipher, column, options.batchSize ?? 200));
  return reports;
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function reencryptColumn(db: Database, cipher: Cipher, target: EncryptedColumn, batchSize: number): Promise<ColumnReport> {
  const report: ColumnReport = { table: target.table, column: target.column, reencrypted: 0, unreadable: 0, errors: [] };
  const keys = target.key.map(q).join(", ");
  let cursor: unknown[] | undefined;
  for (;;) {
    const after = cursor ? `AND (${keys}) > (${target.key.map((_, i) => `$${i + 3}`).join(", ")})` : "";
    const rows = await db.sql.query<Record<string, unknown>>(
      `SELECT ${keys}, ${q(target.column)} AS "sealedValue" FROM ${q(target.table)}
       WHERE ${q(target.column)} IS NOT NULL AND ${q(target.column)} NOT LIKE $1 ${after}
       ORDER BY ${keys} LIMIT $2`,
      [`v1:${cipher.keyId}:%`, batchSize, ...(cursor ?? [])],
    );
    if (rows.length === 0) return report;
    await db.transaction((sql) => reencryptBatch(sql, cipher, target, rows, report));
    cursor = target.key.map((name) => rows.at(-1)![name]);
  }
}

async function reencryptBatch(sql: Sql, cipher: Cipher, target: EncryptedColumn, rows: Record<string, unknown>[], report: ColumnReport): Promise<void> {
  const where = target.key.map((name, i) => `${q(name)} = $${i + 3}`).join(" AND ");
  for (const row of rows) {
    const old = String(row.sealedValue);
    let fresh: string;
    try {
      fresh = cipher.encrypt(cipher.decrypt(old));
    } catch (error) {
      report.unreadable += 1;
      if (report.errors.length < 10) report.errors.push(error instanceof Error ? error.message : String(error));
      continue;
    }
    const updated = await sql.query(
      `UPDATE ${q(target.table)} SET ${q(target.column)} = $1 WHERE ${where} AND ${q(target.column)} = $2 RETURNING 1 AS ok`,
      [fresh, old, ...target.key.map((name) => row[name])],
    );
    report.reencrypted += updated.length;
  }
}
