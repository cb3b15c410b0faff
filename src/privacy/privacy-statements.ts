// Every SQL statement of the LGPD requests (export and erasure), named
// (src/db/statements.ts). An erasure reaches into many tables: its
// statements live here, with the use case that needs them in one place.
import type { Sql } from "../db/database.js";
import type {
  DictationIdRow, ExportAppointmentRow, ExportConsentRow, ExportDependantRow, ExportDocumentRow, ExportHeadRow, ExportMessageCountsRow,
  ExportNoteVersionRow, ExportPaymentRow, ErasureRequestRow, PatientIdRow, PatientRecordCountsRow,
} from "../db/rows.js";
import { execute, firstRow, rowsOf, statement } from "../db/statements.js";

// ---- export ("meus dados")

const head = statement<ExportHeadRow>("privacy.exportHead",
  `SELECT c.name AS "clinicName", c."timeZone", c."privacyExportIncludesNotes" AS "includeNotes", p.name, p.phone, p.cpf, p."createdAt"
   FROM "Patient" p JOIN "Clinic" c ON c.id = p."clinicId" WHERE p.id = $1 AND p."clinicId" = $2`);
export const findExportHead = (sql: Sql, clinicId: string, patientId: string) => firstRow(sql, head, [patientId, clinicId]);

const consents = statement<ExportConsentRow>("privacy.exportConsents",
  `SELECT purpose, "textVersion", granted, "recordedAt" FROM "ConsentRecord" WHERE "patientId" = $1 ORDER BY "recordedAt"`);
export const listExportConsents = (sql: Sql, patientId: string) => rowsOf(sql, consents, [patientId]);

const appointments = statement<ExportAppointmentRow>("privacy.exportAppointments",
  `SELECT a."startsAt", a.status, pr.name AS procedure, p.name AS professional FROM "Appointment" a
   JOIN "Procedure" pr ON pr.id = a."procedureId" JOIN "Professional" p ON p.id = a."professionalId"
   WHERE a."patientId" = $1 AND a.status NOT IN ('held', 'expired') ORDER BY a."startsAt"`);
/** Held and expired holds were never appointments the patient had. */
export const listExportAppointments = (sql: Sql, patientId: string) => rowsOf(sql, appointments, [patientId]);

const documents = statement<ExportDocumentRow>("privacy.exportDocuments",
  `SELECT kind, status, "signedAt", "verificationCode" FROM "Document" WHERE "patientId" = $1 ORDER BY "createdAt"`);
export const listExportDocuments = (sql: Sql, patientId: string) => rowsOf(sql, documents, [patientId]);

const noteVersions = statement<ExportNoteVersionRow>("privacy.exportNoteVersions",
  `SELECT n.id AS "noteId", n."createdAt" AS "noteCreatedAt", a.name AS author, v.version, v.kind, v."createdAt", p.name AS professional,
     v."aiAssisted", v."aiModel", v."aiStructuredAt", r.name AS reviewer, v."reviewedAt", v."contentSealed"
   FROM "ClinicalNote" n JOIN "Professional" a ON a.id = n."professionalId"
   JOIN "ClinicalNoteVersion" v ON v."noteId" = n.id JOIN "Professional" p ON p.id = v."professionalId"
   LEFT JOIN "Professional" r ON r.id = v."reviewedById"
   WHERE n."patientId" = $1 ORDER BY n."createdAt", n.id, v.version`);
/** Every version of every note (the note, then its addenda), note by note; content still sealed. */
export const listExportNoteVersions = (sql: Sql, patientId: string) => rowsOf(sql, noteVersions, [patientId]);

const messageCounts = statement<ExportMessageCountsRow>("privacy.exportMessageCounts",
  `SELECT (SELECT count(*) FROM "InboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2 AND kind <> 'event') AS "fromPatient",
          (SELECT count(*) FROM "OutboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2) AS "toPatient"`);
export const countExportMessages = (sql: Sql, clinicId: string, phone: string) => firstRow(sql, messageCounts, [clinicId, phone]);

const payments = statement<ExportPaymentRow>("privacy.exportPayments",
  `SELECT pay."createdAt", pay."amountCents", pay.status, pr.name AS procedure FROM "Payment" pay
   JOIN "Appointment" a ON a.id = pay."appointmentId" JOIN "Procedure" pr ON pr.id = a."procedureId"
   WHERE a."patientId" = $1 ORDER BY pay."createdAt"`);
export const listExportPayments = (sql: Sql, patientId: string) => rowsOf(sql, payments, [patientId]);

const dependants = statement<ExportDependantRow>("privacy.exportDependants",
  `SELECT id, relationship, to_char("birthDate", 'YYYY-MM-DD') AS "birthDate" FROM "Patient" WHERE "guardianPatientId" = $1 ORDER BY "createdAt", id`);
export const listExportDependants = (sql: Sql, guardianId: string) => rowsOf(sql, dependants, [guardianId]);

// ---- erasure: what decides

const lockPatient = statement<{ phone: string }>("privacy.lockPatient",
  `SELECT phone FROM "Patient" WHERE id = $1 AND "clinicId" = $2 FOR UPDATE`);
export const lockPatientForErasure = (sql: Sql, clinicId: string, patientId: string) => firstRow(sql, lockPatient, [patientId, clinicId]);

const lockDependants = statement<PatientIdRow>("privacy.lockDependants",
  `SELECT id FROM "Patient" WHERE "guardianPatientId" = $1 ORDER BY id FOR UPDATE`);
export const lockDependantsForErasure = (sql: Sql, guardianId: string) => rowsOf(sql, lockDependants, [guardianId]);

const recordCounts = statement<PatientRecordCountsRow>("privacy.countRecords",
  `SELECT (SELECT count(*) FROM "ClinicalNote" WHERE "patientId" = $1) AS notes,
          (SELECT count(*) FROM "Document" WHERE "patientId" = $1) AS documents,
          (SELECT count(*) FROM "Appointment" WHERE "patientId" = $1 AND status IN ('completed', 'no_show')) AS attended`);
/** What the law keeps: notes, documents, appointments that took place. */
export const countPatientRecords = (sql: Sql, patientId: string) => firstRow(sql, recordCounts, [patientId]);

// ---- erasure: a patient with records is restricted

const restrictPatient = statement("privacy.restrictPatient",
  `UPDATE "Patient" SET phone = $2, "whatsappLid" = NULL, "consentGrantedAt" = NULL, "restrictedAt" = $3, "updatedAt" = $3 WHERE id = $1`);
export const restrictErasedPatient = (sql: Sql, patientId: string, placeholder: string, now: Date) =>
  execute(sql, restrictPatient, [patientId, placeholder, now]);

const restrictDependant = statement("privacy.restrictDependant",
  `UPDATE "Patient" SET phone = $2, "whatsappLid" = NULL, "consentGrantedAt" = NULL, "restrictedAt" = $3, "updatedAt" = $3 WHERE id = $1`);
/** A dependant's record, restricted under a placeholder of its own instead of the guardian's phone and WhatsApp id. */
export const restrictErasedDependant = (sql: Sql, patientId: string, placeholder: string, now: Date) =>
  execute(sql, restrictDependant, [patientId, placeholder, now]);

const unlinkCidRequests = statement("privacy.unlinkCidRequests",
  `UPDATE "CidAuthorizationRequest" SET "patientChatKey" = $2 WHERE "patientId" = $1`);
export const unlinkCidRequestsFromPhone = (sql: Sql, patientId: string, placeholder: string) => execute(sql, unlinkCidRequests, [patientId, placeholder]);

// ---- erasure: a patient without records is deleted

const deleteAppointments = statement("privacy.deleteAppointments", `DELETE FROM "Appointment" WHERE "patientId" = $1`);
const deleteConsents = statement("privacy.deleteConsents", `DELETE FROM "ConsentRecord" WHERE "patientId" = $1`);
const deleteCidRequests = statement("privacy.deleteCidRequests", `DELETE FROM "CidAuthorizationRequest" WHERE "patientId" = $1`);
const deletePatient = statement("privacy.deletePatient", `DELETE FROM "Patient" WHERE id = $1`);
/** The patient row and what hangs on it, in the order the foreign keys need. */
export async function deletePatientEntirely(sql: Sql, patientId: string): Promise<void> {
  for (const declared of [deleteAppointments, deleteConsents, deleteCidRequests, deletePatient]) await execute(sql, declared, [patientId]);
}

// ---- erasure: the chat goes in both cases

const cancelFuture = statement("privacy.cancelFutureAppointments",
  `UPDATE "Appointment" SET status = 'cancelled', "cancelledAt" = $2, "cancelReason" = 'erasure request', "updatedAt" = $2
   WHERE "patientId" = $1 AND status IN ('held', 'booked', 'confirmed')`);
export const cancelFutureAppointmentsForErasure = (sql: Sql, patientId: string, now: Date) => execute(sql, cancelFuture, [patientId, now]);

const deleteWaitlist = statement("privacy.deleteWaitlistEntries", `DELETE FROM "WaitlistEntry" WHERE "patientId" = $1`);
export const deleteWaitlistEntriesOf = (sql: Sql, patientId: string) => execute(sql, deleteWaitlist, [patientId]);

const supersedeCid = statement("privacy.supersedePendingCid",
  `UPDATE "CidAuthorizationRequest" SET status = 'superseded', "answeredAt" = $2 WHERE "patientId" = $1 AND status = 'pending'`);
/** A CID question still open dies with the chat. */
export const supersedePendingCidRequests = (sql: Sql, patientId: string, now: Date) => execute(sql, supersedeCid, [patientId, now]);

const deleteInbox = statement("privacy.deleteInbox", `DELETE FROM "InboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2`);
const deleteUnsent = statement("privacy.deleteUnsentOutbox",
  `DELETE FROM "OutboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2 AND status IN ('pending', 'failed')`);
const blankSent = statement("privacy.blankSentOutbox",
  `UPDATE "OutboxMessage" SET text = NULL, caption = NULL, filename = NULL, "mediaId" = NULL, "lastError" = NULL, "templateParams" = NULL
   WHERE "clinicId" = $1 AND "chatKey" = $2`);
/**
 * The chat's messages: what was received goes; what was never sent is dropped; sent messages keep no text, file name
 * or file, the rows stay only as delivery receipts of what the clinic sent (no mediaId either: it would lead back to the record).
 */
export async function eraseChatMessages(sql: Sql, clinicId: string, phone: string): Promise<void> {
  for (const declared of [deleteInbox, deleteUnsent, blankSent]) await execute(sql, declared, [clinicId, phone]);
}

const deleteHandoffReplies = statement("privacy.deleteHandoffReplies",
  `DELETE FROM "HandoffReply" WHERE "handoffId" IN
     (SELECT id FROM "Handoff" WHERE "clinicId" = $1 AND ("chatKey" = $2 OR "patientId" = $3))`);
const deleteHandoffs = statement("privacy.deleteHandoffs",
  `DELETE FROM "Handoff" WHERE "clinicId" = $1 AND ("chatKey" = $2 OR "patientId" = $3)`);
/** A request for a person keeps the patient's own words (the reason) and who answered: both go with the chat. */
export async function eraseHandoffs(sql: Sql, clinicId: string, phone: string, patientId: string): Promise<void> {
  for (const declared of [deleteHandoffReplies, deleteHandoffs]) await execute(sql, declared, [clinicId, phone, patientId]);
}

const deleteConversation = statement("privacy.deleteConversation", `DELETE FROM "Conversation" WHERE "clinicId" = $1 AND "chatKey" = $2`);
export const deleteConversationOf = (sql: Sql, clinicId: string, phone: string) => execute(sql, deleteConversation, [clinicId, phone]);

const deleteChatMedia = statement("privacy.deleteChatMedia",
  `DELETE FROM "Media" m WHERE m."clinicId" = $1 AND m.id IN (
     SELECT "mediaId" FROM "InboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2 AND "mediaId" IS NOT NULL
     UNION SELECT "mediaId" FROM "OutboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2 AND "mediaId" IS NOT NULL)
   AND NOT EXISTS (SELECT 1 FROM "Document" d WHERE d."pdfMediaId" = m.id)`);
/** Files of the chat both ways; a signed document's PDF stays with the record. */
export const deleteChatMediaOf = (sql: Sql, clinicId: string, phone: string) => execute(sql, deleteChatMedia, [clinicId, phone]);

const unlinkPixQr = statement("privacy.unlinkPixQrCodes",
  `UPDATE "Payment" SET "qrMediaId" = NULL WHERE "appointmentId" IN (SELECT id FROM "Appointment" WHERE "patientId" = $1)`);
export const unlinkPixQrCodesOf = (sql: Sql, patientId: string) => execute(sql, unlinkPixQr, [patientId]);

const finishedDictations = statement<DictationIdRow>("privacy.listFinishedDictations",
  `SELECT id FROM "Dictation" WHERE "patientId" = $1 AND status IN ('saved', 'discarded', 'failed')`);
/** Dictations whose note is final: their audio can go. */
export const listFinishedDictationsOf = (sql: Sql, patientId: string) => rowsOf(sql, finishedDictations, [patientId]);

const deleteVoiceNotes = statement("privacy.deleteVoiceNotes", `DELETE FROM "PatientVoiceNote" WHERE "patientId" = $1`);
export const deleteVoiceNotesOf = (sql: Sql, patientId: string) => execute(sql, deleteVoiceNotes, [patientId]);

// ---- ErasureRequest (resolved from the admin API)

const lockErasure = statement<Pick<ErasureRequestRow, "id" | "patientId" | "status">>("privacy.lockErasureRequest",
  `SELECT id, "patientId", status FROM "ErasureRequest" WHERE id = $1 AND "clinicId" = $2 FOR UPDATE`);
export const lockErasureRequest = (sql: Sql, clinicId: string, requestId: string) => firstRow(sql, lockErasure, [requestId, clinicId]);

const resolveErasure = statement<ErasureRequestRow>("privacy.resolveErasureRequest",
  `UPDATE "ErasureRequest" SET status = $2, "resolvedAt" = $3, "resolvedBy" = $4, outcome = $5 WHERE id = $1
   RETURNING id, "patientId", status, "requestedAt", "resolvedAt", outcome`);
export const resolveErasureRequest = async (sql: Sql, input: { id: string; status: "completed" | "rejected"; now: Date; by: string; outcome: string }) =>
  (await firstRow(sql, resolveErasure, [input.id, input.status, input.now, input.by, input.outcome]))!;
