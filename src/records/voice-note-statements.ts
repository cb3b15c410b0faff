// Every SQL statement of a patient's voice notes (voice-notes.ts), named
// (src/db/statements.ts).
import type { Sql } from "../db/database.js";
import type { PatientIdRow, VoiceNoteIdRow, VoiceNoteMediaRow, VoiceNoteRow } from "../db/rows.js";
import { execute, firstRow, rowsOf, statement } from "../db/statements.js";

const consentedPatient = statement<PatientIdRow>("records.findConsentedPatient",
  `SELECT id FROM "Patient" WHERE "clinicId" = $1 AND phone = $2 AND "consentGrantedAt" IS NOT NULL`);
/** The chat's patient, when they have consented (a withdrawal is checked apart). */
export const findConsentedPatient = (sql: Sql, clinicId: string, chatKey: string) => firstRow(sql, consentedPatient, [clinicId, chatKey]);

const insertNote = statement<VoiceNoteIdRow>("records.insertVoiceNote",
  `INSERT INTO "PatientVoiceNote" (id, "clinicId", "chatKey", "patientId", "inboxMessageId", "mediaId", "previousInboundAt", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT ("inboxMessageId") DO NOTHING RETURNING id`);
/** False when the message already has its note (a turn retried after a crash). */
export const insertVoiceNote = async (sql: Sql, row: {
  id: string; clinicId: string; chatKey: string; patientId: string; inboxMessageId: string; mediaId: string; previousInboundAt: Date | null; now: Date;
}) => (await rowsOf(sql, insertNote, [row.id, row.clinicId, row.chatKey, row.patientId, row.inboxMessageId, row.mediaId, row.previousInboundAt,
  row.now])).length > 0;

const unlinkInboxMedia = statement("records.unlinkInboxMedia", `UPDATE "InboxMessage" SET "mediaId" = NULL WHERE id = $1`);
export const unlinkInboxMessageMedia = (sql: Sql, inboxMessageId: string) => execute(sql, unlinkInboxMedia, [inboxMessageId]);

const deleteMedia = statement("records.deleteVoiceNoteMedia", `DELETE FROM "Media" WHERE id = $1`);
export const deleteVoiceNoteMedia = (sql: Sql, mediaId: string) => execute(sql, deleteMedia, [mediaId]);

const findNote = statement<VoiceNoteRow>("records.findVoiceNote",
  `SELECT id, "clinicId", "chatKey", "patientId", "inboxMessageId", "mediaId", status, "previousInboundAt" FROM "PatientVoiceNote" WHERE id = $1`);
export const findVoiceNote = (sql: Sql, id: string) => firstRow(sql, findNote, [id]);

const heard = statement<VoiceNoteIdRow>("records.markVoiceNoteHeard",
  `UPDATE "PatientVoiceNote" SET status = 'heard', "transcriptSealed" = $2, "transcribedAt" = $3, "transcriptionMs" = $4, "durationSeconds" = $5, "mediaId" = NULL
       WHERE id = $1 AND status = 'transcribing' RETURNING id`);
/** False when the note was no longer being transcribed. */
export const markVoiceNoteHeard = async (sql: Sql, row: {
  id: string; transcriptSealed: string | null; now: Date; transcriptionMs: number; durationSeconds: number | null;
}) => (await rowsOf(sql, heard, [row.id, row.transcriptSealed, row.now, row.transcriptionMs, row.durationSeconds])).length > 0;

const discardTranscript = statement("records.discardVoiceNoteTranscript",
  `UPDATE "PatientVoiceNote" SET status = 'discarded', "transcriptSealed" = NULL WHERE id = $1`);
export const discardVoiceNoteTranscript = (sql: Sql, id: string) => execute(sql, discardTranscript, [id]);

const transcribingForUpdate = statement<VoiceNoteMediaRow>("records.lockTranscribingVoiceNote",
  `SELECT "mediaId" FROM "PatientVoiceNote" WHERE id = $1 AND status = 'transcribing' FOR UPDATE`);
/** Locks the note if it is still being transcribed. */
export const lockTranscribingVoiceNote = (sql: Sql, id: string) => firstRow(sql, transcribingForUpdate, [id]);

const unheard = statement("records.markVoiceNoteUnheard", `UPDATE "PatientVoiceNote" SET status = 'unheard', "mediaId" = NULL WHERE id = $1`);
export const markVoiceNoteUnheard = (sql: Sql, id: string) => execute(sql, unheard, [id]);

const discarded = statement("records.markVoiceNoteDiscarded", `UPDATE "PatientVoiceNote" SET status = 'discarded', "mediaId" = NULL WHERE id = $1`);
export const markVoiceNoteDiscarded = (sql: Sql, id: string) => execute(sql, discarded, [id]);
