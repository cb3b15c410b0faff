// The SQL of the service-wide writers in src/db/: the audit trail
// (audit.ts) and stored media (media.ts), named (src/db/statements.ts).
import type { Sql } from "./database.js";
import type { MediaRow } from "./rows.js";
import { execute, firstRow, statement } from "./statements.js";

// ---- AuditEvent

const insertAudit = statement("db.insertAuditEvent",
  `INSERT INTO "AuditEvent" (id, "clinicId", "actorType", "actorId", action, "entityType", "entityId", detail, ip, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`);
/** `detail` is JSON text (or null). */
export const insertAuditEvent = (sql: Sql, row: {
  id: string; clinicId: string | null; actorType: string; actorId: string | null; action: string; entityType: string; entityId: string | null;
  detail: string | null; ip: string | null; at: Date;
}) => execute(sql, insertAudit, [row.id, row.clinicId, row.actorType, row.actorId, row.action, row.entityType, row.entityId, row.detail, row.ip, row.at]);

// ---- Media

const insertMediaStatement = statement("db.insertMedia",
  `INSERT INTO "Media" (id, "clinicId", mimetype, filename, sha256, "sizeBytes", data)
     VALUES ($1, $2, $3, $4, $5, $6, decode($7, 'base64'))`);
/** `dataBase64`: the sealed bytes as base64 text. */
export const insertMedia = (sql: Sql, row: {
  id: string; clinicId: string; mimetype: string; filename: string | null; sha256: string; sizeBytes: number; dataBase64: string;
}) => execute(sql, insertMediaStatement, [row.id, row.clinicId, row.mimetype, row.filename, row.sha256, row.sizeBytes, row.dataBase64]);

const mediaById = statement<MediaRow>("db.media",
  `SELECT id, "clinicId", mimetype, filename, sha256, "sizeBytes", encode(data, 'base64') AS data
     FROM "Media" WHERE id = $1`);
/** The sealed bytes as base64 text. */
export const findMedia = (sql: Sql, id: string) => firstRow(sql, mediaById, [id]);
