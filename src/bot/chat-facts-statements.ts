// The SQL of what a turn reads besides the common facts (doctor-facts.ts,
// patient-documents.ts), named (src/db/statements.ts).
import type { Sql } from "../db/database.js";
import type { DoctorAgendaRow, NamedPatientRow, NoteContentRow, OpenDictationRow, ChatDocumentRow } from "../db/rows.js";
import { firstRow, rowsOf, statement } from "../db/statements.js";

// ---- a doctor's turn

const openDictation = statement<OpenDictationRow>("doctorFacts.openDictation",
  `SELECT d.id, d.status, p.name AS "patientName", p.phone FROM "Dictation" d JOIN "Patient" p ON p.id = d."patientId"
   WHERE d."professionalId" = $1 AND d.status IN ('drafted', 'failed') ORDER BY d."updatedAt" DESC LIMIT 1`);
/** The professional's latest dictation not saved or discarded yet. */
export const findOpenDictation = (sql: Sql, professionalId: string) => firstRow(sql, openDictation, [professionalId]);

const agenda = statement<DoctorAgendaRow>("doctorFacts.agenda",
  `SELECT a."patientId", p.name, p.phone, a."startsAt", pr.name AS procedure
   FROM "Appointment" a JOIN "Patient" p ON p.id = a."patientId" JOIN "Procedure" pr ON pr.id = a."procedureId"
   WHERE a."professionalId" = $1 AND a.status IN ('booked', 'confirmed') AND a."startsAt" >= $2 AND a."startsAt" < $3
   ORDER BY a."startsAt"`);
/** Booked and confirmed appointments starting in [from, to). */
export const listDoctorAgenda = (sql: Sql, professionalId: string, from: Date, to: Date) => rowsOf(sql, agenda, [professionalId, from, to]);

/** Letters folded to plain ASCII, the same in SQL (translate) and in the code that folds the query. */
export const FOLD_FROM = "áàâãäéèêëíìîïóòôõöúùûüç";
export const FOLD_TO = "aaaaaeeeeiiiiooooouuuuc";

const patientSearch = statement<NamedPatientRow>("doctorFacts.searchPatients",
  `SELECT p.id, p.name FROM "Patient" p JOIN "Professional" pro ON pro."clinicId" = p."clinicId"
   WHERE pro.id = $1 AND p.name IS NOT NULL AND translate(lower(p.name), '${FOLD_FROM}', '${FOLD_TO}') LIKE ALL ($2::text[])
   ORDER BY p.name LIMIT 9`);
/** Patients of the professional's clinic whose folded name matches every LIKE pattern. */
export const searchClinicPatients = (sql: Sql, professionalId: string, patterns: string[]) => rowsOf(sql, patientSearch, [professionalId, patterns]);

const lastDictatedNote = statement<NoteContentRow>("doctorFacts.lastDictatedNote",
  `SELECT v."contentSealed" FROM "ClinicalNoteVersion" v JOIN "ClinicalNote" n ON n.id = v."noteId"
   WHERE n."patientId" = $1 AND v.source = 'dictation' ORDER BY v."createdAt" DESC, v.version DESC LIMIT 1`);
/** The patient's latest note version written from a dictation, still sealed. */
export const findLastDictatedNote = (sql: Sql, patientId: string) => firstRow(sql, lastDictatedNote, [patientId]);

// ---- a patient's turn

const signedDocuments = statement<ChatDocumentRow>("patientFacts.signedDocuments",
  `SELECT d.id, d.kind, d."signedAt", d."revokedAt", c."timeZone" FROM "Document" d
   JOIN "Patient" p ON p.id = d."patientId" JOIN "Clinic" c ON c.id = d."clinicId"
   WHERE d."clinicId" = $1 AND p.phone = $2 AND d.status = 'signed' ORDER BY d."signedAt" DESC, d."createdAt" DESC, d.id LIMIT 9`);
/** The latest signed documents of the patients of this phone (the chat's patient and dependants), newest first. */
export const listSignedDocuments = (sql: Sql, clinicId: string, chatKey: string) => rowsOf(sql, signedDocuments, [clinicId, chatKey]);
