// The SQL of the admin API's patient-record routes, named
// (src/db/statements.ts): patients, signed documents,
// clinical notes, who confirmed an appointment, and a WhatsApp session's keys.
// The controlled-drug list and the formulary are the prescription's
// (src/documents/prescription/formulary-statements.ts).
import type { Sql } from "../db/database.js";
import type {
  AdminDocumentRow, AdminDocumentWithPdfRow, AdminNoteVersionRow, AdminPatientRow, AuditConfirmationRow,
  RevokedDocumentRow,
} from "../db/rows.js";
import { execute, firstRow, rowsOf, statement } from "../db/statements.js";

// ---- Patient

/** The dependants of `p` (the patient row being selected), as a JSON list, the eldest first. */
const DEPENDANTS_OF_P = `(SELECT coalesce(json_agg(x ORDER BY x."birthDate", x.name, x.id), '[]') FROM (
  SELECT d.id, d.name, to_char(d."birthDate", 'YYYY-MM-DD') AS "birthDate", d.relationship, d."createdAt"
  FROM "Patient" d WHERE d."guardianPatientId" = p.id AND d."restrictedAt" IS NULL) x)`;

const SELECT_PATIENT = `SELECT p.id, p.name, p.phone, p.cpf, to_char(p."birthDate", 'YYYY-MM-DD') AS "birthDate", pp.address, pp."otherDocument", p."consentGrantedAt", p."createdAt",
  p."guardianPatientId", p.relationship, ${DEPENDANTS_OF_P} AS dependants
  FROM "Patient" p LEFT JOIN "PatientProfile" pp ON pp."patientId" = p.id`;

const patientById = statement<AdminPatientRow>("admin.patient", `${SELECT_PATIENT} WHERE p."clinicId" = $1 AND p.id = $2`);
/** With the profile (sealed CPF and address) and the dependants. */
export const findPatientRow = (sql: Sql, clinicId: string, patientId: string) => firstRow(sql, patientById, [clinicId, patientId]);

const patientSearch = statement<AdminPatientRow>("admin.searchPatients",
  `${SELECT_PATIENT} WHERE p."clinicId" = $1 AND ($2::text IS NULL OR p.phone = $2) AND ($3::text IS NULL OR p.name ILIKE $3)
   ORDER BY p.name NULLS LAST LIMIT 100`);
/** `namePattern`: an ILIKE pattern; a filter left null matches every patient. */
export const searchPatients = (sql: Sql, clinicId: string, phone: string | null, namePattern: string | null) =>
  rowsOf(sql, patientSearch, [clinicId, phone, namePattern]);

const patientWithPhone = statement<{ id: string }>("admin.patientWithPhone",
  `SELECT id FROM "Patient" WHERE "clinicId" = $1 AND phone = $2 AND "guardianPatientId" IS NULL`);
/** The patient (not a dependant) whose chat is this phone. */
export const findPatientWithPhone = async (sql: Sql, clinicId: string, phone: string) => (await firstRow(sql, patientWithPhone, [clinicId, phone]))?.id;

const insertPatientStatement = statement("admin.insertPatient",
  `INSERT INTO "Patient" (id, "clinicId", phone, name, cpf, "birthDate", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6::date, now(), now())`);
/** `cpf` sealed already; `birthDate` YYYY-MM-DD. */
export const insertPatient = (sql: Sql, row: { id: string; clinicId: string; phone: string; name: string; cpf: string | null; birthDate: string | null }) =>
  execute(sql, insertPatientStatement, [row.id, row.clinicId, row.phone, row.name, row.cpf, row.birthDate]);

const updatePatientStatement = statement("admin.updatePatient",
  `UPDATE "Patient" SET name = COALESCE($2, name), cpf = COALESCE($3, cpf), "birthDate" = COALESCE($4::date, "birthDate"), "updatedAt" = now() WHERE id = $1`);
/** A field left null keeps its value. */
export const updatePatient = (sql: Sql, patientId: string, change: { name: string | null; cpf: string | null; birthDate: string | null }) =>
  execute(sql, updatePatientStatement, [patientId, change.name, change.cpf, change.birthDate]);

const upsertProfile = statement("admin.upsertPatientProfile",
  `INSERT INTO "PatientProfile" ("patientId", "clinicId", address, "otherDocument") VALUES ($1, $2, $3, $4)
   ON CONFLICT ("patientId") DO UPDATE SET address = COALESCE(EXCLUDED.address, "PatientProfile".address),
     "otherDocument" = COALESCE(EXCLUDED."otherDocument", "PatientProfile"."otherDocument"), "updatedAt" = now()`);
/** `address` sealed already; a field left null keeps its value. */
export const upsertPatientProfile = (sql: Sql, row: { patientId: string; clinicId: string; address: string | null; otherDocument: string | null }) =>
  execute(sql, upsertProfile, [row.patientId, row.clinicId, row.address, row.otherDocument]);

// ---- Document

const DOCUMENT_COLUMNS = `id, kind, status, "patientId", "professionalId", "verificationCode", sha256, "isTest", "signedAt", "revokedAt", "revokeReason", "createdAt"`;

const documentById = statement<AdminDocumentWithPdfRow>("admin.document",
  `SELECT ${DOCUMENT_COLUMNS}, "pdfMediaId" FROM "Document" WHERE "clinicId" = $1 AND id = $2`);
export const findDocumentRow = (sql: Sql, clinicId: string, documentId: string) => firstRow(sql, documentById, [clinicId, documentId]);

const documentList = statement<AdminDocumentRow>("admin.listDocuments",
  `SELECT ${DOCUMENT_COLUMNS} FROM "Document" WHERE "clinicId" = $1 AND ($2::text IS NULL OR "patientId" = $2) ORDER BY "createdAt" DESC LIMIT 500`);
/** The newest first; every patient's when `patientId` is null. */
export const listDocuments = (sql: Sql, clinicId: string, patientId: string | null) => rowsOf(sql, documentList, [clinicId, patientId]);

const revokeDocumentStatement = statement<RevokedDocumentRow>("admin.revokeDocument",
  `UPDATE "Document" d SET "revokedAt" = $3, "revokeReason" = $4, "updatedAt" = $3
   FROM "Patient" p, "Professional" pr WHERE d."clinicId" = $1 AND d.id = $2 AND d."revokedAt" IS NULL AND p.id = d."patientId" AND pr.id = d."professionalId"
   RETURNING p.phone, pr.name AS "professionalName"`);
/** Undefined when the document was revoked already. */
export const revokeDocument = (sql: Sql, clinicId: string, documentId: string, now: Date, reason: string) =>
  firstRow(sql, revokeDocumentStatement, [clinicId, documentId, now, reason]);

// ---- ClinicalNote

const noteVersions = statement<AdminNoteVersionRow>("admin.noteVersions",
  `SELECT n.id AS "noteId", n."patientId", n."professionalId" AS "noteProfessionalId", n."createdAt" AS "noteCreatedAt",
     v.version, v.kind, v.source, v."professionalId", v."createdAt", v."contentSealed", v."transcriptSealed",
     v."aiAssisted", v."aiModel", v."aiStructuredAt", v."reviewedById", r.name AS "reviewerName", v."reviewedAt"
   FROM "ClinicalNote" n JOIN "ClinicalNoteVersion" v ON v."noteId" = n.id LEFT JOIN "Professional" r ON r.id = v."reviewedById"
   WHERE n."clinicId" = $1 AND n."patientId" = $2 AND ($3::text IS NULL OR n.id = $3)
   ORDER BY n."createdAt" DESC, n.id, v.version`);
/** Every version of the patient's notes (or of one note), the newest note first, still sealed. */
export const listNoteVersions = (sql: Sql, clinicId: string, patientId: string, noteId: string | null) =>
  rowsOf(sql, noteVersions, [clinicId, patientId, noteId]);

// ---- AuditEvent: who confirmed

const confirmations = statement<AuditConfirmationRow>("admin.lastConfirmations",
  `SELECT DISTINCT ON ("entityId") "entityId", "actorType" FROM "AuditEvent"
     WHERE action = 'appointment.confirmed' AND "entityId" = ANY($1::text[]) ORDER BY "entityId", at DESC`);
/** The last confirmation of each appointment, from the audit trail. */
export const listLastConfirmations = (sql: Sql, appointmentIds: string[]) => rowsOf(sql, confirmations, [appointmentIds]);

// ---- WhatsAppAuthKey

const deleteAuthKeys = statement("admin.deleteWhatsAppAuthKeys", `DELETE FROM "WhatsAppAuthKey" WHERE "clinicId" = $1`);
export const deleteWhatsAppAuthKeys = (sql: Sql, clinicId: string) => execute(sql, deleteAuthKeys, [clinicId]);

