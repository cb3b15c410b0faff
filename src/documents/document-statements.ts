// The SQL of issuing and signing documents, named (src/db/statements.ts):
// the Document rows, the facts a document is built from, the doctors'
// certificates, and the two questions a document can wait on (the patient's
// missing data, the CID authorisation). Signing in the cloud is psc/psc-statements.ts.
import type { Sql } from "../db/database.js";
import type {
  ActiveControlledDrugRow, DocumentKindRow, DocumentToSignRow, FoundRow, IssueFactsRow, PatientDataRequestRow, PatientIdNameRow, PatientNameRow,
  PendingCidRequestRow, SignedDocumentRow, SigningCertificateRow,
} from "../db/rows.js";
import { countOf, execute, firstRow, rowsOf, statement } from "../db/statements.js";

// ---- Document

const insertDocument = statement("documents.insert",
  `INSERT INTO "Document" (id, "clinicId", "professionalId", "patientId", kind, status, "contentSealed", "verificationCode", "secretCode", "requestedByChat", "createdAt", "updatedAt")
   VALUES ($1, $2, $3, $4, $5, 'signing', $6, $7, $8, $9, $10, $10)`);
/** A document to sign, its draft sealed by the caller. */
export const insertSigningDocument = (sql: Sql, row: {
  id: string; clinicId: string; professionalId: string; patientId: string; kind: string; contentSealed: string;
  verificationCode: string; secretCode: string; requestedByChat: string; now: Date;
}) => execute(sql, insertDocument, [row.id, row.clinicId, row.professionalId, row.patientId, row.kind, row.contentSealed,
  row.verificationCode, row.secretCode, row.requestedByChat, row.now]);

const toSign = statement<DocumentToSignRow>("documents.findToSign",
  `SELECT d.id, d."clinicId", d."professionalId", d."patientId", d.status, d."contentSealed", d."verificationCode", d."secretCode",
     d."requestedByChat", p.phone AS "patientPhone", COALESCE(p.name, p.phone) AS "patientName", pr.name AS "professionalName",
     CASE WHEN p."guardianPatientId" IS NOT NULL THEN p.name END AS "dependantName"
   FROM "Document" d JOIN "Patient" p ON p.id = d."patientId" JOIN "Professional" pr ON pr.id = d."professionalId" WHERE d.id = $1`);
/** The document with whom it goes to. */
export const findDocumentToSign = (sql: Sql, documentId: string) => firstRow(sql, toSign, [documentId]);

const markSigned = statement("documents.markSigned",
  `UPDATE "Document" SET status = 'signed', "pdfMediaId" = $2, sha256 = $3, "signedAt" = $4, "isTest" = $5, "certificateId" = $6, "updatedAt" = $7
   WHERE id = $1 AND status = 'signing' RETURNING id`);
/** False when the document was no longer being signed (another run signed it meanwhile). */
export const markDocumentSigned = async (sql: Sql, row: {
  id: string; pdfMediaId: string; sha256: string; signedAt: Date; isTest: boolean; certificateId: string; now: Date;
}) => (await countOf(sql, markSigned, [row.id, row.pdfMediaId, row.sha256, row.signedAt, row.isTest, row.certificateId, row.now])) > 0;

const markFailed = statement("documents.markFailed", `UPDATE "Document" SET status = 'failed', "updatedAt" = $2 WHERE id = $1`);
export const markDocumentFailed = (sql: Sql, documentId: string, now: Date) => execute(sql, markFailed, [documentId, now]);

const kindOf = statement<DocumentKindRow>("documents.findKind", `SELECT kind FROM "Document" WHERE id = $1`);
export const findDocumentKind = async (sql: Sql, documentId: string) => (await firstRow(sql, kindOf, [documentId]))?.kind;

const signedForChat = statement<SignedDocumentRow>("documents.findSignedForChat",
  `SELECT d.kind, d."pdfMediaId", d."verificationCode", d."revokedAt" FROM "Document" d JOIN "Patient" p ON p.id = d."patientId"
   WHERE d.id = $1 AND d."clinicId" = $2 AND p.phone = $3 AND d.status = 'signed' AND d."pdfMediaId" IS NOT NULL`);
/** A signed document of a patient of this chat (or of a dependant booked for in it). */
export const findSignedDocumentOfChat = (sql: Sql, chat: { clinicId: string; chatKey: string }, documentId: string) =>
  firstRow(sql, signedForChat, [documentId, chat.clinicId, chat.chatKey]);

// ---- what a document is made of

const issueFacts = statement<IssueFactsRow>("documents.issueFacts",
  `SELECT row_to_json(c) AS clinic, row_to_json(pr) AS professional, row_to_json(pa) AS patient
   FROM (SELECT id, "clinicId", name, crm, "crmUf", rqe, specialty, phone, email FROM "Professional" WHERE id = $1) pr
   JOIN (SELECT id, name, "timeZone", address, city, phone, email FROM "Clinic") c ON c.id = pr."clinicId"
   JOIN (SELECT p.id, p."clinicId", p.name, p.phone, p.cpf, pp.address, pp."otherDocument"
         FROM "Patient" p LEFT JOIN "PatientProfile" pp ON pp."patientId" = p.id WHERE p.id = $2) pa ON pa."clinicId" = pr."clinicId"`);
/** Doctor, clinic and patient, when both are of one clinic. */
export const findIssueFacts = (sql: Sql, professionalId: string, patientId: string) => firstRow(sql, issueFacts, [professionalId, patientId]);

const activeDrugs = statement<ActiveControlledDrugRow>("documents.listActiveControlledDrugs",
  `SELECT name, class, list, rule FROM "ControlledDrug" WHERE active`);
export const listActiveControlledDrugs = (sql: Sql) => rowsOf(sql, activeDrugs);

// ---- ProfessionalCertificate (PKCS#12 and password sealed), and the cloud preference

const prefersCloud = statement<FoundRow>("documents.prefersCloudSigner",
  `SELECT 1 AS found FROM "ProfessionalCloudCertificate" WHERE "professionalId" = $1 AND "preferredSigner" = 'cloud'`);
/** The doctor signs with a cloud certificate at a PSC, so needs no A1 file. */
export const prefersCloudSigner = async (sql: Sql, professionalId: string) => (await firstRow(sql, prefersCloud, [professionalId])) !== undefined;

const CERTIFICATE_COLUMNS = `id, "professionalId", "pkcs12Sealed", "passwordSealed", "updatedAt", "isDevelopment"`;

const activeCertificate = statement<SigningCertificateRow>("documents.findActiveCertificate",
  `SELECT ${CERTIFICATE_COLUMNS} FROM "ProfessionalCertificate" WHERE "professionalId" = $1 AND active AND "notAfter" > $2
   ORDER BY "createdAt" DESC LIMIT 1`);
/** The newest active certificate still valid at `now` (a development one included). */
export const findActiveCertificate = (sql: Sql, professionalId: string, now: Date) => firstRow(sql, activeCertificate, [professionalId, now]);

const deactivateCertificates = statement("documents.deactivateCertificates",
  `UPDATE "ProfessionalCertificate" SET active = false, "updatedAt" = $2 WHERE "professionalId" = $1 AND active`);
export const deactivateCertificatesOf = (sql: Sql, professionalId: string, now: Date) => execute(sql, deactivateCertificates, [professionalId, now]);

const insertCertificate = statement<SigningCertificateRow>("documents.insertCertificate",
  `INSERT INTO "ProfessionalCertificate" (id, "clinicId", "professionalId", "pkcs12Sealed", "passwordSealed", "holderName", cpf, "notAfter", "isDevelopment", "createdAt", "updatedAt")
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
   RETURNING ${CERTIFICATE_COLUMNS}`);
export const insertCertificateRow = async (sql: Sql, row: {
  id: string; clinicId: string; professionalId: string; pkcs12Sealed: string; passwordSealed: string; holderName: string; cpf: string | null;
  notAfter: Date; isDevelopment: boolean; now: Date;
}) => (await firstRow(sql, insertCertificate, [row.id, row.clinicId, row.professionalId, row.pkcs12Sealed, row.passwordSealed, row.holderName,
  row.cpf, row.notAfter, row.isDevelopment, row.now]))!;

// ---- CidAuthorizationRequest (the request sealed)

const supersedeCid = statement("documents.supersedePendingCidRequests",
  `UPDATE "CidAuthorizationRequest" SET status = 'superseded', "answeredAt" = $3 WHERE "clinicId" = $1 AND "patientChatKey" = $2 AND status = 'pending'`);
/** A newer question replaces one the patient never answered. */
export const supersedePendingCidRequests = (sql: Sql, clinicId: string, patientChatKey: string, now: Date) =>
  execute(sql, supersedeCid, [clinicId, patientChatKey, now]);

const insertCid = statement("documents.insertCidRequest",
  `INSERT INTO "CidAuthorizationRequest" (id, "clinicId", "patientId", "professionalId", "patientChatKey", "doctorChatKey", cid10, "requestSealed", "createdAt")
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`);
export const insertCidRequest = (sql: Sql, row: {
  id: string; clinicId: string; patientId: string; professionalId: string; patientChatKey: string; doctorChatKey: string; cid10: string;
  requestSealed: string; now: Date;
}) => execute(sql, insertCid, [row.id, row.clinicId, row.patientId, row.professionalId, row.patientChatKey, row.doctorChatKey, row.cid10,
  row.requestSealed, row.now]);

const pendingCid = statement<PendingCidRequestRow>("documents.lockPendingCidRequest",
  `SELECT id, "professionalId", "patientId", "doctorChatKey", cid10, "requestSealed" FROM "CidAuthorizationRequest"
   WHERE ($1::text IS NULL OR id = $1) AND "clinicId" = $2 AND "patientChatKey" = $3 AND status = 'pending'
   ORDER BY "createdAt" DESC LIMIT 1 FOR UPDATE`);
/** The chat's pending question (that one, when `requestId` is given; else the newest), locked while it is answered. */
export const lockPendingCidRequest = (sql: Sql, chat: { clinicId: string; chatKey: string }, requestId: string | null) =>
  firstRow(sql, pendingCid, [requestId, chat.clinicId, chat.chatKey]);

const recordCidAnswer = statement("documents.recordCidAnswer",
  `UPDATE "CidAuthorizationRequest" SET status = $2, "answerText" = $3, "answeredAt" = $4 WHERE id = $1`);
export const recordCidAnswerRow = (sql: Sql, requestId: string, status: "granted" | "refused", answerText: string, now: Date) =>
  execute(sql, recordCidAnswer, [requestId, status, answerText, now]);

// ---- PatientDataRequest (the request sealed), and the patient it is for

const supersedeDataRequests = statement("documents.supersedePatientDataRequests",
  `UPDATE "PatientDataRequest" SET status = 'superseded', "answeredAt" = $4
   WHERE "clinicId" = $1 AND "patientId" = $2 AND "doctorChatKey" = $3 AND status IN ('open', 'asked')`);
/** A newer request for this patient and doctor replaces an older one still waiting. */
export const supersedePatientDataRequests = (sql: Sql, place: { clinicId: string; patientId: string; doctorChatKey: string }, now: Date) =>
  execute(sql, supersedeDataRequests, [place.clinicId, place.patientId, place.doctorChatKey, now]);

const insertDataRequest = statement("documents.insertPatientDataRequest",
  `INSERT INTO "PatientDataRequest" (id, "clinicId", "patientId", "professionalId", "patientChatKey", "doctorChatKey", fields, "requestSealed", "createdAt")
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`);
export const insertPatientDataRequest = (sql: Sql, row: {
  id: string; clinicId: string; patientId: string; professionalId: string; patientChatKey: string; doctorChatKey: string; fields: string[];
  requestSealed: string; now: Date;
}) => execute(sql, insertDataRequest, [row.id, row.clinicId, row.patientId, row.professionalId, row.patientChatKey, row.doctorChatKey, row.fields,
  row.requestSealed, row.now]);

const lockDataRequest = statement<PatientDataRequestRow>("documents.lockPatientDataRequest",
  `SELECT id, "patientId", "professionalId", "patientChatKey", "doctorChatKey", status, "requestSealed"
   FROM "PatientDataRequest" WHERE id = $1 AND "clinicId" = $2 FOR UPDATE`);
export const lockPatientDataRequest = (sql: Sql, clinicId: string, requestId: string) => firstRow(sql, lockDataRequest, [requestId, clinicId]);

const markAsked = statement("documents.markPatientDataAsked",
  `UPDATE "PatientDataRequest" SET status = 'asked', "askedAt" = $2 WHERE id = $1`);
export const markPatientDataAsked = (sql: Sql, requestId: string, now: Date) => execute(sql, markAsked, [requestId, now]);

const markIssued = statement("documents.markPatientDataIssued",
  `UPDATE "PatientDataRequest" SET status = 'issued', "answeredAt" = $2 WHERE id = $1`);
export const markPatientDataIssued = (sql: Sql, requestId: string, now: Date) => execute(sql, markIssued, [requestId, now]);

const dependantName = statement<PatientNameRow>("documents.findDependantName",
  `SELECT name FROM "Patient" WHERE id = $1 AND "guardianPatientId" IS NOT NULL`);
/** Undefined when the patient is not a dependant. */
export const findDependant = (sql: Sql, patientId: string) => firstRow(sql, dependantName, [patientId]);

const patientOfClinic = statement<PatientIdNameRow>("documents.findPatientOfClinic",
  `SELECT id, name FROM "Patient" WHERE id = $1 AND "clinicId" = $2`);
export const findPatientOfClinic = (sql: Sql, clinicId: string, patientId: string) => firstRow(sql, patientOfClinic, [patientId, clinicId]);

const chatHolder = statement<PatientIdNameRow>("documents.findChatHolder",
  `SELECT id, name FROM "Patient" WHERE "clinicId" = $1 AND phone = $2 AND "guardianPatientId" IS NULL`);
/** The patient whose own chat this is (not a dependant booked for in it). */
export const findChatHolder = (sql: Sql, chat: { clinicId: string; chatKey: string }) => firstRow(sql, chatHolder, [chat.clinicId, chat.chatKey]);
