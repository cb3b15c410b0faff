// Re-seals every encrypted column under the current ENCRYPTION_KEY, after a
// rotation (the old key stays in ENCRYPTION_KEY_PREVIOUS until this has run).
// Idempotent: a value already under the current key is not touched, so the
// command can be stopped and run again. Works in batches, each in one
// transaction, and updates a row only if the value is still the one it read
// (a concurrent write under the new key wins). Chat columns sealed with their
// row (v2) are re-sealed with the same associated data; values written there
// in clear before sealing existed are sealed on the way.
import type { Database, Sql } from "../db/database.js";
import { BYTES_MAGIC, isSealedText, rowAad, type Cipher } from "./encryption.js";

export interface EncryptedColumn {
  table: string;
  column: string;
  /** The primary key columns, for paging and for the update. */
  key: readonly string[];
  /**
   * "v1" (default): text with no associated data. "row": v2 text bound to
   * table, column and the row's (single) key. "rowBytes": the v2 binary envelope in a bytea, bound the same way.
   */
  format?: "v1" | "row" | "rowBytes";
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
  { table: "ProfessionalCloudCertificate", column: "clientSecretSealed", key: ["id"] },
  { table: "PscSignatureSession", column: "accessTokenSealed", key: ["id"] },
  { table: "Document", column: "contentSealed", key: ["id"] },
  { table: "CidAuthorizationRequest", column: "requestSealed", key: ["id"] },
  { table: "PatientDataRequest", column: "requestSealed", key: ["id"] },
  { table: "ClinicPaymentSettings", column: "accessTokenEncrypted", key: ["id"] },
  { table: "ClinicPaymentSettings", column: "webhookSecretEncrypted", key: ["id"] },
  { table: "WhatsAppCloudAccount", column: "accessTokenSealed", key: ["clinicId"] },
  { table: "WhatsAppCloudAccount", column: "appSecretSealed", key: ["clinicId"] },
  // Chat content, bound to its row (src/crypto/sealed-columns.ts); marked in the schema by a 'sealed' column comment.
  { table: "InboxMessage", column: "text", key: ["id"], format: "row" },
  { table: "InboxMessage", column: "payload", key: ["id"], format: "row" },
  { table: "OutboxMessage", column: "text", key: ["id"], format: "row" },
  { table: "OutboxMessage", column: "caption", key: ["id"], format: "row" },
  { table: "OutboxMessage", column: "templateParams", key: ["id"], format: "row" },
  { table: "OutboxMessage", column: "choices", key: ["id"], format: "row" },
  { table: "Conversation", column: "state", key: ["id"], format: "row" },
  { table: "Handoff", column: "reason", key: ["id"], format: "row" },
  { table: "Patient", column: "cpf", key: ["id"], format: "row" },
  { table: "PatientProfile", column: "address", key: ["patientId"], format: "row" },
  { table: "PatientVoiceNote", column: "transcriptSealed", key: ["id"], format: "row" },
  { table: "Media", column: "data", key: ["id"], format: "rowBytes" },
];

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

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** How a column's values are read, skipped when already under the current key, and re-sealed. */
interface ColumnCodec {
  /** SQL reading the stored value as text. */
  read: string;
  /** SQL that is true when the stored value is already sealed under the current key ($1). */
  current: string;
  currentParam: string;
  /** SQL turning a parameter back into the stored type. */
  write: (param: string) => string;
  reseal(stored: string, row: Record<string, unknown>): string;
}

function codecOf(cipher: Cipher, target: EncryptedColumn): ColumnCodec {
  const column = q(target.column);
  // Bound to the row's key: "id", or "patientId" for PatientProfile.
  const aad = (row: Record<string, unknown>) => rowAad(target.table, target.column, String(row[target.key[0]!]));
  switch (target.format ?? "v1") {
    case "v1":
      return { read: column, current: `${column} LIKE $1`, currentParam: `v1:${cipher.keyId}:%`, write: (p) => p,
        reseal: (stored) => cipher.encrypt(cipher.decrypt(stored)) };
    case "row":
      return { read: column, current: `${column} LIKE $1`, currentParam: `v2:${cipher.keyId}:%`, write: (p) => p,
        reseal: (stored, row) => cipher.sealText(isSealedText(stored) ? cipher.openText(stored, aad(row)) : stored, aad(row)) };
    case "rowBytes": {
      const prefix = Buffer.concat([BYTES_MAGIC, Buffer.from(cipher.keyId!, "hex")]);
      return { read: `encode(${column}, 'base64')`, current: `substring(${column} from 1 for ${prefix.length}) = decode($1, 'hex')`,
        currentParam: prefix.toString("hex"), write: (p) => `decode(${p}, 'base64')`,
        reseal: (stored, row) => {
          const bytes = Buffer.from(stored.replace(/\s/g, ""), "base64");
          const plain = bytes.subarray(0, BYTES_MAGIC.length).equals(BYTES_MAGIC) ? cipher.openBytes(bytes, aad(row)) : bytes;
          return cipher.sealBytes(plain, aad(row)).toString("base64");
        } };
    }
  }
}

async function reencryptColumn(db: Database, cipher: Cipher, target: EncryptedColumn, batchSize: number): Promise<ColumnReport> {
  const report: ColumnReport = { table: target.table, column: target.column, reencrypted: 0, unreadable: 0, errors: [] };
  const keys = target.key.map(q).join(", ");
  const codec = codecOf(cipher, target);
  let cursor: unknown[] | undefined;
  for (;;) {
    const after = cursor ? `AND (${keys}) > (${target.key.map((_, i) => `$${i + 3}`).join(", ")})` : "";
    const rows = await db.sql.query<Record<string, unknown>>(
      `SELECT ${keys}, ${codec.read} AS "sealedValue" FROM ${q(target.table)}
       WHERE ${q(target.column)} IS NOT NULL AND NOT (${codec.current}) ${after}
       ORDER BY ${keys} LIMIT $2`,
      [codec.currentParam, batchSize, ...(cursor ?? [])],
    );
    if (rows.length === 0) return report;
    await db.transaction((sql) => reencryptBatch(sql, codec, target, rows, report));
    cursor = target.key.map((name) => rows.at(-1)![name]);
  }
}

async function reencryptBatch(sql: Sql, codec: ColumnCodec, target: EncryptedColumn, rows: Record<string, unknown>[], report: ColumnReport): Promise<void> {
  const where = target.key.map((name, i) => `${q(name)} = $${i + 3}`).join(" AND ");
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
    const updated = await sql.query(
      `UPDATE ${q(target.table)} SET ${q(target.column)} = ${codec.write("$1")} WHERE ${where} AND ${q(target.column)} = ${codec.write("$2")} RETURNING 1 AS ok`,
      [fresh, old, ...target.key.map((name) => row[name])],
    );
    report.reencrypted += updated.length;
  }
}
