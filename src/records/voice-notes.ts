// A patient's voice note read as the text it says. The patient's turn stores
// a row and enqueues the transcription in its own transaction
// (startVoiceNote); the job transcribes, keeps the transcript sealed, deletes
// the audio and raises the transcript to the chat as an event, which the
// patient's flow handles like a typed message, under the chat's lock and in
// its order. Consent rules: a patient who has not consented, or withdrew, is
// never transcribed (checked when the note arrives and again before the
// audio goes out), and what a withdrawal leaves behind is deleted unheard.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { audioDurationSeconds } from "../ai/audio-duration.js";
import { PATIENT_VOCABULARY_PROMPT } from "../ai/openai-transcriber.js";
import type { Transcriber } from "../ai/ports.js";
import type { VoiceNoteFailure } from "../chat-events/types.js";
import type { Clock } from "../clock.js";
import { sealColumn } from "../crypto/sealed-columns.js";
import type { Database, Sql } from "../db/database.js";
import { loadMedia } from "../db/media.js";
import { defineJob, type AnyJobDefinition } from "../jobs/queue.js";
import type { RecordsDeps } from "./deps.js";

export const VOICE_NOTE_JOB = "patient-voice-transcribe";
/** Longer than this is a message, not a request: the patient is asked to write or send a shorter one. */
export const VOICE_NOTE_MAX_SECONDS = 300;

export interface VoiceNotePlace {
  clinicId: string;
  chatKey: string;
  inboxMessageId: string;
  now: Date;
}

/** "refused": no consent, or it was withdrawn; nothing was kept to transcribe. */
export type VoiceNoteStart = { kind: "started" } | { kind: "refused" };

export async function startVoiceNote(sql: Sql, deps: RecordsDeps, place: VoiceNotePlace, mediaId: string, previousInboundAt?: string): Promise<VoiceNoteStart> {
  const [patient] = await sql.query<{ id: string }>(
    `SELECT id FROM "Patient" WHERE "clinicId" = $1 AND phone = $2 AND "consentGrantedAt" IS NOT NULL`, [place.clinicId, place.chatKey]);
  if (!patient || !(await consentStands(sql, patient.id))) {
    await deleteAudio(sql, place.inboxMessageId, mediaId);
    return { kind: "refused" };
  }
  const id = randomUUID();
  // A turn retried after a crash finds its note already there: one note, one job per message.
  const inserted = await sql.query(
    `INSERT INTO "PatientVoiceNote" (id, "clinicId", "chatKey", "patientId", "inboxMessageId", "mediaId", "previousInboundAt", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT ("inboxMessageId") DO NOTHING RETURNING id`,
    [id, place.clinicId, place.chatKey, patient.id, place.inboxMessageId, mediaId, previousInboundAt ? new Date(previousInboundAt) : null, place.now]);
  if (inserted.length > 0) await deps.enqueue(sql, VOICE_NOTE_JOB, { voiceNoteId: id });
  return { kind: "started" };
}

async function consentStands(sql: Sql, patientId: string): Promise<boolean> {
  const [latest] = await sql.query<{ granted: boolean }>(
    `SELECT granted FROM "ConsentRecord" WHERE "patientId" = $1 ORDER BY "recordedAt" DESC LIMIT 1`, [patientId]);
  return latest?.granted !== false;
}

/** The audio goes, from Media and from the message that brought it. */
async function deleteAudio(sql: Sql, inboxMessageId: string, mediaId: string | null): Promise<void> {
  if (!mediaId) return;
  await sql.query(`UPDATE "InboxMessage" SET "mediaId" = NULL WHERE id = $1`, [inboxMessageId]);
  await sql.query(`DELETE FROM "Media" WHERE id = $1`, [mediaId]);
}

export interface VoiceNoteJobDeps extends RecordsDeps {
  db: Database;
  clock: Clock;
  transcriber?: Transcriber;
  retryLimit: number;
  retryDelaySeconds: number;
}

interface NoteRow {
  id: string;
  clinicId: string;
  chatKey: string;
  patientId: string;
  inboxMessageId: string;
  mediaId: string | null;
  status: string;
  previousInboundAt: Date | null;
}

class FinalJobError extends Error {}

export function voiceNoteJobs(deps: VoiceNoteJobDeps): AnyJobDefinition[] {
  return [defineJob({
    name: VOICE_NOTE_JOB, schema: z.object({ voiceNoteId: z.string() }),
    // OpenAI unreachable: pg-boss retries with exponential backoff, then the patient is asked to type.
    retryLimit: deps.retryLimit, retryDelaySeconds: deps.retryDelaySeconds,
    handler: ({ voiceNoteId }) => transcribeVoiceNote(deps, voiceNoteId),
    onFinalFailure: async ({ voiceNoteId }) => {
      const note = await findNote(deps.db.sql, voiceNoteId);
      if (note) await unheard(deps, note, "unavailable");
    },
  })];
}

async function findNote(sql: Sql, id: string): Promise<NoteRow | undefined> {
  const [note] = await sql.query<NoteRow>(
    `SELECT id, "clinicId", "chatKey", "patientId", "inboxMessageId", "mediaId", status, "previousInboundAt" FROM "PatientVoiceNote" WHERE id = $1`, [id]);
  return note;
}

async function transcribeVoiceNote(deps: VoiceNoteJobDeps, voiceNoteId: string): Promise<void> {
  const note = await findNote(deps.db.sql, voiceNoteId);
  if (!note || note.status !== "transcribing") return; // done already, or no longer wanted
  if (!deps.transcriber) throw new FinalJobError("transcription is not configured");
  if (!(await consentStands(deps.db.sql, note.patientId))) return discard(deps, note);
  const media = note.mediaId ? await loadMedia(deps.db.sql, deps.cipher, note.mediaId) : null;
  if (!media) return unheard(deps, note, "audioMissing");
  const seconds = await audioDurationSeconds(media.data, media.mimetype);
  if (seconds !== undefined && seconds > VOICE_NOTE_MAX_SECONDS) return unheard(deps, note, "tooLong");
  const started = performance.now();
  const transcript = (await deps.transcriber.transcribe(media.data, media.mimetype, PATIENT_VOCABULARY_PROMPT)).trim();
  const transcriptionMs = Math.round(performance.now() - started);
  if (transcript === "") return unheard(deps, note, "silent");
  await deps.db.transaction(async (sql) => {
    const now = deps.clock.now();
    const written = await sql.query(
      `UPDATE "PatientVoiceNote" SET status = 'heard', "transcriptSealed" = $2, "transcribedAt" = $3, "transcriptionMs" = $4, "durationSeconds" = $5, "mediaId" = NULL
       WHERE id = $1 AND status = 'transcribing' RETURNING id`,
      [note.id, sealColumn(deps.cipher, "PatientVoiceNote.transcriptSealed", note.id, transcript), now, transcriptionMs, seconds ?? null]);
    if (written.length === 0) return;
    await deleteAudio(sql, note.inboxMessageId, note.mediaId);
    const previousInboundAt = note.previousInboundAt ? { previousInboundAt: new Date(note.previousInboundAt).toISOString() } : {};
    const heard = { type: "voiceNoteHeard", voiceNoteId: note.id, transcript, ...previousInboundAt } as const;
    const raised = await deps.events.toPatient(sql, chatOf(note), heard, note.id, now);
    // Consent withdrawn between the check above and now: the transcript is not kept either.
    if (!raised) await sql.query(`UPDATE "PatientVoiceNote" SET status = 'discarded', "transcriptSealed" = NULL WHERE id = $1`, [note.id]);
  });
  await deps.wakeChats();
}

const chatOf = (note: NoteRow) => ({ clinicId: note.clinicId, chatKey: note.chatKey });

/** The note could not be read: the audio goes, and the patient is asked to write. */
async function unheard(deps: VoiceNoteJobDeps, note: NoteRow, reason: VoiceNoteFailure): Promise<void> {
  await deps.db.transaction(async (sql) => {
    const [row] = await sql.query<{ mediaId: string | null }>(
      `SELECT "mediaId" FROM "PatientVoiceNote" WHERE id = $1 AND status = 'transcribing' FOR UPDATE`, [note.id]);
    if (!row) return;
    await sql.query(`UPDATE "PatientVoiceNote" SET status = 'unheard', "mediaId" = NULL WHERE id = $1`, [note.id]);
    await deleteAudio(sql, note.inboxMessageId, row.mediaId);
    await deps.events.toPatient(sql, chatOf(note), { type: "voiceNoteUnheard", voiceNoteId: note.id, reason }, note.id, deps.clock.now());
  });
  await deps.wakeChats();
}

/** Consent withdrawn after the note arrived: never transcribed, the audio deleted, nothing said. */
async function discard(deps: VoiceNoteJobDeps, note: NoteRow): Promise<void> {
  await deps.db.transaction(async (sql) => {
    await sql.query(`UPDATE "PatientVoiceNote" SET status = 'discarded', "mediaId" = NULL WHERE id = $1`, [note.id]);
    await deleteAudio(sql, note.inboxMessageId, note.mediaId);
  });
}
