// The SQL of signing with a cloud certificate at a PSC, named
// (src/db/statements.ts): the professional's link, the signature sessions
// the doctor approves, and the documents waiting for a signature.
import type { Sql } from "../../db/database.js";
import type { CloudCertificateRow, PendingSignatureRow, PscSessionTokenRow, SignedDeliveryRow } from "../../db/rows.js";
import { countOf, execute, firstRow, rowsOf, statement } from "../../db/statements.js";

// ---- ProfessionalCloudCertificate

const COLUMNS = `id, "clinicId", "professionalId", provider, "baseUrl", "clientId", "clientSecretSealed", cpf, "preferredSigner", "sessionLifetimeSeconds", "createdAt", "updatedAt"`;

const linkOf = statement<CloudCertificateRow>("psc.findLink", `SELECT ${COLUMNS} FROM "ProfessionalCloudCertificate" WHERE "professionalId" = $1`);
export const findLinkRow = (sql: Sql, professionalId: string) => firstRow(sql, linkOf, [professionalId]);

const insertLink = statement<CloudCertificateRow>("psc.insertLink",
  `INSERT INTO "ProfessionalCloudCertificate" (id, "clinicId", "professionalId", provider, "baseUrl", "clientId", "clientSecretSealed", cpf, "preferredSigner", "sessionLifetimeSeconds", "createdAt", "updatedAt")
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING ${COLUMNS}`);
export const insertLinkRow = async (sql: Sql, row: Omit<CloudCertificateRow, "createdAt" | "updatedAt">, now: Date) =>
  (await firstRow(sql, insertLink, [row.id, row.clinicId, row.professionalId, row.provider, row.baseUrl, row.clientId, row.clientSecretSealed,
    row.cpf, row.preferredSigner, row.sessionLifetimeSeconds, now]))!;

const deleteLink = statement("psc.deleteLink", `DELETE FROM "ProfessionalCloudCertificate" WHERE "professionalId" = $1 RETURNING id`);
/** True when there was a link to delete. */
export const deleteLinkRow = async (sql: Sql, professionalId: string) => (await countOf(sql, deleteLink, [professionalId])) > 0;

// ---- PscSignatureSession (tokens sealed)

const insertSession = statement("psc.insertSession",
  `INSERT INTO "PscSignatureSession" (id, "cloudCertificateId", "professionalId", "accessTokenSealed", scope, "expiresAt", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7)`);
export const insertSessionRow = (sql: Sql, row: { id: string; cloudCertificateId: string; professionalId: string; accessTokenSealed: string; scope: string; expiresAt: Date; now: Date }) =>
  execute(sql, insertSession, [row.id, row.cloudCertificateId, row.professionalId, row.accessTokenSealed, row.scope, row.expiresAt, row.now]);

const dropEnding = statement("psc.deleteEndingSessions", `DELETE FROM "PscSignatureSession" WHERE "professionalId" = $1 AND "expiresAt" <= $2`);
/** Sessions that end before `before` are not started on. */
export const deleteSessionsEndingBefore = (sql: Sql, professionalId: string, before: Date) => execute(sql, dropEnding, [professionalId, before]);

const latestToken = statement<PscSessionTokenRow>("psc.latestSessionToken",
  `SELECT "accessTokenSealed" FROM "PscSignatureSession" WHERE "professionalId" = $1 ORDER BY "createdAt" DESC LIMIT 1`);
export const findLatestSessionToken = async (sql: Sql, professionalId: string) => (await firstRow(sql, latestToken, [professionalId]))?.accessTokenSealed;

const dropAll = statement("psc.deleteSessions", `DELETE FROM "PscSignatureSession" WHERE "professionalId" = $1`);
export const deleteSessionsOf = (sql: Sql, professionalId: string) => execute(sql, dropAll, [professionalId]);

// ---- documents waiting for the doctor's signature

const WAITING = `"professionalId" = $1 AND status IN ('signing', 'awaiting_signature')`;

const pending = statement<PendingSignatureRow>("psc.pendingDocuments",
  `SELECT id, "clinicId", kind, "contentSealed", "verificationCode" FROM "Document" WHERE ${WAITING} ORDER BY "createdAt", id`);
export const listPendingSignatures = (sql: Sql, professionalId: string) => rowsOf(sql, pending, [professionalId]);

const waitingCount = statement<{ count: number }>("psc.countWaiting", `SELECT count(*)::int AS count FROM "Document" WHERE ${WAITING}`);
export const countWaitingSignatures = async (sql: Sql, professionalId: string) => (await firstRow(sql, waitingCount, [professionalId]))?.count ?? 0;

const markAwaiting = statement("psc.markAwaiting",
  `UPDATE "Document" SET status = 'awaiting_signature', "updatedAt" = $2 WHERE id = ANY($1) AND status IN ('signing', 'awaiting_signature')`);
/** Waiting for the doctor to approve at the PSC. */
export const markAwaitingSignature = (sql: Sql, documentIds: string[], now: Date) => execute(sql, markAwaiting, [documentIds, now]);

const markSigned = statement("psc.markSigned",
  `UPDATE "Document" SET status = 'signed', "pdfMediaId" = $2, sha256 = $3, "signedAt" = $4, "isTest" = $5, "certificateId" = NULL, "updatedAt" = $6
   WHERE id = $1 AND status IN ('signing', 'awaiting_signature') RETURNING id`);
/** False when the document was no longer waiting (signed or cancelled meanwhile). */
export const markSignedInCloud = async (sql: Sql, row: { id: string; pdfMediaId: string; sha256: string; signedAt: Date; isTest: boolean; now: Date }) =>
  (await countOf(sql, markSigned, [row.id, row.pdfMediaId, row.sha256, row.signedAt, row.isTest, row.now])) > 0;

const delivery = statement<SignedDeliveryRow>("psc.deliveryOfSigned",
  `SELECT p.phone AS "patientPhone", COALESCE(p.name, p.phone) AS "patientName", pr.name AS "professionalName", d."secretCode", d."requestedByChat",
     CASE WHEN p."guardianPatientId" IS NOT NULL THEN p.name END AS "dependantName"
   FROM "Document" d JOIN "Patient" p ON p.id = d."patientId" JOIN "Professional" pr ON pr.id = d."professionalId" WHERE d.id = $1`);
/** Who gets the signed PDF: the patient, and the chat that asked for it. */
export const findDeliveryOfSigned = (sql: Sql, documentId: string) => firstRow(sql, delivery, [documentId]);
