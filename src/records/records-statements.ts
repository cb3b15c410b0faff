// Every SQL statement of the medical records (dictations and their segments,
// clinical notes and their versions, a patient's sealed identity), named
// (src/db/statements.ts). A patient's voice notes have theirs in
// voice-note-statements.ts.
import type { Sql } from "../db/database.js";
import type {
  ConsentGrantedRow, DictationDraftRow, DictationRow, DraftVersionRow, LastNoteRow, NextNoteVersionRow, NextSegmentSeqRow, NoteCreatedAtRow,
  NoteIdRow, PatientLabelRow, PendingSegmentRow, SegmentAudioRow, SegmentDictationRow, SegmentIdRow, SegmentToTranscribeRow,
  SegmentTranscriptRow,
} from "../db/rows.js";
import { execute, firstRow, rowsOf, statement } from "../db/statements.js";

// ---- Dictation

const DICTATION_COLUMNS = `id, "clinicId", "professionalId", "patientId", "doctorChatKey", status, "draftSealed", "draftVersion", "addendumToNoteId"`;

const dictation = statement<DictationRow>("records.findDictation",
  `SELECT ${DICTATION_COLUMNS}
     FROM "Dictation" WHERE id = $1`);
const dictationForUpdate = statement<DictationRow>("records.findDictationForUpdate",
  `SELECT ${DICTATION_COLUMNS}
     FROM "Dictation" WHERE id = $1 FOR UPDATE`);
export const findDictationRow = (sql: Sql, id: string, lock: boolean) => firstRow(sql, lock ? dictationForUpdate : dictation, [id]);

const draftForUpdate = statement<DictationDraftRow>("records.findDraftForUpdate",
  `SELECT id, "clinicId", "professionalId", "patientId", "doctorChatKey", status, "draftSealed", "addendumToNoteId", "structuredModel", "structuredAt"
     FROM "Dictation" WHERE id = $1 FOR UPDATE`);
/** Locks a dictation while its draft is saved as a note. */
export const findDraftForUpdate = (sql: Sql, id: string) => firstRow(sql, draftForUpdate, [id]);

const insertDictation = statement("records.insertDictation",
  `INSERT INTO "Dictation" (id, "clinicId", "professionalId", "patientId", "doctorChatKey", status, "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, 'transcribing', $6, $6)`);
export const insertTranscribingDictation = (sql: Sql, row: {
  id: string; clinicId: string; professionalId: string; patientId: string; doctorChatKey: string; now: Date;
}) => execute(sql, insertDictation, [row.id, row.clinicId, row.professionalId, row.patientId, row.doctorChatKey, row.now]);

const setDictationStatus = statement("records.setDictationStatus",
  `UPDATE "Dictation" SET status = $2, "updatedAt" = $3, "lastError" = COALESCE($4, "lastError") WHERE id = $1`);
/** `lastError` null keeps the one stored. */
export const updateDictationStatus = (sql: Sql, dictationId: string, status: string, now: Date, lastError: string | null) =>
  execute(sql, setDictationStatus, [dictationId, status, now, lastError]);

const discard = statement("records.discardDictation",
  `UPDATE "Dictation" SET status = 'discarded', "finalizedAt" = $2, "updatedAt" = $2, "draftSealed" = NULL WHERE id = $1`);
export const markDictationDiscarded = (sql: Sql, dictationId: string, now: Date) => execute(sql, discard, [dictationId, now]);

const saved = statement("records.markDictationSaved",
  `UPDATE "Dictation" SET status = 'saved', "noteId" = $2, "finalizedAt" = $3, "updatedAt" = $3 WHERE id = $1`);
export const markDictationSaved = (sql: Sql, dictationId: string, noteId: string, now: Date) => execute(sql, saved, [dictationId, noteId, now]);

const structuring = statement("records.startStructuring",
  `UPDATE "Dictation" SET status = 'structuring', "updatedAt" = $2 WHERE id = $1 AND status = 'transcribing'`);
/** A transcribed segment moves its dictation on, unless something else already did. */
export const moveDictationToStructuring = (sql: Sql, dictationId: string, now: Date) => execute(sql, structuring, [dictationId, now]);

const drafted = statement<DraftVersionRow>("records.storeDraft",
  `UPDATE "Dictation" SET status = 'drafted', "draftSealed" = $2, "draftVersion" = "draftVersion" + 1, "droppedCount" = $3, "updatedAt" = $4,
         "structuredModel" = $5, "structuredAt" = $4
       WHERE id = $1 AND status = 'structuring' RETURNING "draftVersion"`);
/** The draft's new version, or undefined when the dictation was no longer being structured. */
export const storeDictationDraft = (sql: Sql, dictationId: string, draftSealed: string, dropped: number, now: Date, model: string) =>
  firstRow(sql, drafted, [dictationId, draftSealed, dropped, now, model]);

const attempt = statement("records.countDictationAttempt", `UPDATE "Dictation" SET attempts = attempts + 1 WHERE id = $1`);
export const countDictationAttempt = (sql: Sql, dictationId: string) => execute(sql, attempt, [dictationId]);

// ---- DictationSegment

const insertAudioSegment = statement("records.insertAudioSegment",
  `INSERT INTO "DictationSegment" (id, "dictationId", "clinicId", seq, source, "audioMediaId", "durationSeconds", "createdAt")
     VALUES ($1, $2, $3, $4, 'audio', $5, $6, $7)`);
export const insertAudioDictationSegment = (sql: Sql, row: {
  id: string; dictationId: string; clinicId: string; seq: number; audioMediaId: string; durationSeconds: number; now: Date;
}) => execute(sql, insertAudioSegment, [row.id, row.dictationId, row.clinicId, row.seq, row.audioMediaId, row.durationSeconds, row.now]);

const insertTextSegment = statement("records.insertTextSegment",
  `INSERT INTO "DictationSegment" (id, "dictationId", "clinicId", seq, source, "transcriptSealed", "createdAt", "transcribedAt")
     VALUES ($1, $2, $3, $4, 'text', $5, $6, $6)`);
export const insertTextDictationSegment = (sql: Sql, row: {
  id: string; dictationId: string; clinicId: string; seq: number; transcriptSealed: string; now: Date;
}) => execute(sql, insertTextSegment, [row.id, row.dictationId, row.clinicId, row.seq, row.transcriptSealed, row.now]);

const nextSeq = statement<NextSegmentSeqRow>("records.nextSegmentSeq",
  `SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM "DictationSegment" WHERE "dictationId" = $1`);
export const nextSegmentSeq = async (sql: Sql, dictationId: string) => ((await firstRow(sql, nextSeq, [dictationId])) as NextSegmentSeqRow).next;

const untranscribed = statement<SegmentIdRow>("records.listUntranscribedSegments",
  `SELECT id FROM "DictationSegment" WHERE "dictationId" = $1 AND "transcriptSealed" IS NULL ORDER BY seq`);
export const listUntranscribedSegments = (sql: Sql, dictationId: string) => rowsOf(sql, untranscribed, [dictationId]);

const pendingSegment = statement<PendingSegmentRow>("records.findPendingSegment",
  `SELECT 1 FROM "DictationSegment" WHERE "dictationId" = $1 AND "transcriptSealed" IS NULL LIMIT 1`);
/** Whether a segment of the dictation still waits for its transcript. */
export const hasPendingSegment = async (sql: Sql, dictationId: string) => (await firstRow(sql, pendingSegment, [dictationId])) !== undefined;

const segmentToTranscribe = statement<SegmentToTranscribeRow>("records.findSegmentToTranscribe",
  `SELECT s."dictationId", s."audioMediaId", s."transcriptSealed", d.status
     FROM "DictationSegment" s JOIN "Dictation" d ON d.id = s."dictationId" WHERE s.id = $1`);
export const findSegmentToTranscribe = (sql: Sql, segmentId: string) => firstRow(sql, segmentToTranscribe, [segmentId]);

const storeTranscript = statement<SegmentIdRow>("records.storeSegmentTranscript",
  `UPDATE "DictationSegment" SET "transcriptSealed" = $2, "transcribedAt" = $3 WHERE id = $1 AND "transcriptSealed" IS NULL RETURNING id`);
/** False when another run wrote the transcript first. */
export const storeSegmentTranscript = async (sql: Sql, segmentId: string, transcriptSealed: string, now: Date) =>
  (await rowsOf(sql, storeTranscript, [segmentId, transcriptSealed, now])).length > 0;

const dictationOfSegment = statement<SegmentDictationRow>("records.findSegmentDictation",
  `SELECT "dictationId" FROM "DictationSegment" WHERE id = $1`);
export const findSegmentDictation = (sql: Sql, segmentId: string) => firstRow(sql, dictationOfSegment, [segmentId]);

const transcripts = statement<SegmentTranscriptRow>("records.listSegmentTranscripts",
  `SELECT "transcriptSealed" FROM "DictationSegment" WHERE "dictationId" = $1 ORDER BY seq`);
export const listSegmentTranscripts = (sql: Sql, dictationId: string) => rowsOf(sql, transcripts, [dictationId]);

// ---- a dictation's audio (audio-retention.ts)

const segmentAudio = statement<SegmentAudioRow>("records.listSegmentAudio",
  `SELECT "audioMediaId" FROM "DictationSegment" WHERE "dictationId" = $1 AND "audioMediaId" IS NOT NULL`);
export const listSegmentAudio = (sql: Sql, dictationId: string) => rowsOf(sql, segmentAudio, [dictationId]);

const unlinkAudio = statement("records.unlinkSegmentAudio", `UPDATE "DictationSegment" SET "audioMediaId" = NULL WHERE "dictationId" = $1`);
export const unlinkSegmentAudio = (sql: Sql, dictationId: string) => execute(sql, unlinkAudio, [dictationId]);

const deleteMedia = statement("records.deleteAudioMedia", `DELETE FROM "Media" WHERE id = ANY($1::text[])`);
export const deleteAudioMedia = (sql: Sql, mediaIds: string[]) => execute(sql, deleteMedia, [mediaIds]);

const audioDeleted = statement("records.clearAudioDeleteAfter", `UPDATE "Dictation" SET "audioDeleteAfter" = NULL WHERE id = $1`);
export const clearAudioDeleteAfter = (sql: Sql, dictationId: string) => execute(sql, audioDeleted, [dictationId]);

const audioDeleteAfter = statement("records.setAudioDeleteAfter", `UPDATE "Dictation" SET "audioDeleteAfter" = $2 WHERE id = $1`);
export const setAudioDeleteAfter = (sql: Sql, dictationId: string, at: Date) => execute(sql, audioDeleteAfter, [dictationId, at]);

const expiredAudio = statement<Pick<DictationRow, "id">>("records.listExpiredAudio",
  `SELECT id FROM "Dictation" WHERE "audioDeleteAfter" <= $1 ORDER BY "audioDeleteAfter" LIMIT 100`);
/** At most 100 at a time, the longest due first. */
export const listDictationsWithExpiredAudio = (sql: Sql, now: Date) => rowsOf(sql, expiredAudio, [now]);

// ---- ClinicalNote and its versions

const insertNote = statement("records.insertNote",
  `INSERT INTO "ClinicalNote" (id, "clinicId", "patientId", "professionalId", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $5)`);
export const insertClinicalNote = (sql: Sql, row: { id: string; clinicId: string; patientId: string; professionalId: string; now: Date }) =>
  execute(sql, insertNote, [row.id, row.clinicId, row.patientId, row.professionalId, row.now]);

const lockNote = statement<NoteIdRow>("records.lockNote", `SELECT id FROM "ClinicalNote" WHERE id = $1 FOR UPDATE`);
export const lockClinicalNote = (sql: Sql, noteId: string) => execute(sql, lockNote, [noteId]);

const noteCreatedAt = statement<NoteCreatedAtRow>("records.findNoteCreatedAt", `SELECT "createdAt" FROM "ClinicalNote" WHERE id = $1`);
export const findNoteCreatedAt = (sql: Sql, noteId: string) => firstRow(sql, noteCreatedAt, [noteId]);

const lastNote = statement<LastNoteRow>("records.findLastNote",
  `SELECT id, "createdAt" FROM "ClinicalNote" WHERE "clinicId" = $1 AND "patientId" = $2 ORDER BY "createdAt" DESC, id DESC LIMIT 1`);
export const findLastNote = (sql: Sql, clinicId: string, patientId: string) => firstRow(sql, lastNote, [clinicId, patientId]);

const touchNote = statement("records.touchNote", `UPDATE "ClinicalNote" SET "updatedAt" = $2 WHERE id = $1`);
export const touchClinicalNote = (sql: Sql, noteId: string, now: Date) => execute(sql, touchNote, [noteId, now]);

const nextVersion = statement<NextNoteVersionRow>("records.nextNoteVersion",
  `SELECT COALESCE(MAX(version), 0) + 1 AS version FROM "ClinicalNoteVersion" WHERE "noteId" = $1`);
export const nextNoteVersion = async (sql: Sql, noteId: string) => ((await firstRow(sql, nextVersion, [noteId])) as NextNoteVersionRow).version;

const insertVersion = statement("records.insertNoteVersion",
  `INSERT INTO "ClinicalNoteVersion" (id, "noteId", "clinicId", version, kind, source, "contentSealed", "transcriptSealed", "dictationId",
       "professionalId", "aiAssisted", "aiModel", "aiStructuredAt", "reviewedById", "reviewedAt", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`);
export const insertNoteVersion = (sql: Sql, row: {
  id: string; noteId: string; clinicId: string; version: number; kind: string; source: string; contentSealed: string;
  transcriptSealed: string | null; dictationId: string | null; professionalId: string; aiAssisted: boolean; aiModel: string | null;
  aiStructuredAt: Date | null; reviewedById: string; now: Date;
}) => execute(sql, insertVersion, [row.id, row.noteId, row.clinicId, row.version, row.kind, row.source, row.contentSealed,
  row.transcriptSealed, row.dictationId, row.professionalId, row.aiAssisted, row.aiModel, row.aiStructuredAt, row.reviewedById, row.now]);

// ---- the patient a record is about

const patientLabel = statement<PatientLabelRow>("records.findPatientLabel", `SELECT name, phone FROM "Patient" WHERE id = $1`);
export const findPatientLabel = (sql: Sql, patientId: string) => firstRow(sql, patientLabel, [patientId]);

const latestConsent = statement<ConsentGrantedRow>("records.findLatestConsent",
  `SELECT granted FROM "ConsentRecord" WHERE "patientId" = $1 ORDER BY "recordedAt" DESC LIMIT 1`);
/** The patient's latest consent answer (granted, refused or withdrawn), if any. */
export const findLatestConsent = (sql: Sql, patientId: string) => firstRow(sql, latestConsent, [patientId]);

const patientCpf = statement("records.updatePatientCpf",
  `UPDATE "Patient" SET cpf = $2, "updatedAt" = $3 WHERE id = $1 AND "clinicId" = $4`);
/** `sealedCpf`: already sealed to the patient's row. */
export const updatePatientCpf = (sql: Sql, clinicId: string, patientId: string, sealedCpf: string | null, now: Date) =>
  execute(sql, patientCpf, [patientId, sealedCpf, now, clinicId]);

const upsertProfile = statement("records.upsertPatientProfile",
  `INSERT INTO "PatientProfile" ("patientId", "clinicId", address, "otherDocument", "updatedAt") VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT ("patientId") DO UPDATE SET address = COALESCE(EXCLUDED.address, "PatientProfile".address),
       "otherDocument" = COALESCE(EXCLUDED."otherDocument", "PatientProfile"."otherDocument"), "updatedAt" = EXCLUDED."updatedAt"`);
/** A null address or otherDocument keeps the stored one; `sealedAddress` is already sealed to the patient's row. */
export const upsertPatientProfile = (sql: Sql, row: {
  patientId: string; clinicId: string; sealedAddress: string | null; otherDocument: string | null; now: Date;
}) => execute(sql, upsertProfile, [row.patientId, row.clinicId, row.sealedAddress, row.otherDocument, row.now]);
