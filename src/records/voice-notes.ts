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
import { PATIENT_VOCABULARY_PROMPT } from "../ai/transcription-prompts.js";
import type { Transcriber } from "../ai/ports.js";
import type { VoiceNoteFailure } from "../chat-events/types.js";
import type { Clock } from "../clock.js";
import { sealColumn } from "../crypto/sealed-columns.js";
import type { Database, Sql } from "../db/database.js";
import type { VoiceNoteRow as NoteRow } from "../db/rows.js";
import { loadMedia } from "../db/media.js";
import { defineJob, type AnyJobDefinition } from "../jobs/queue.js";
import type { RecordsDeps } from "./deps.js";
import { findLatestConsent } from "./records-statements.js";
import {
  deleteVoiceNoteMedia, discardVoiceNoteTranscript, findConsentedPatient, findVoiceNote, insertVoiceNote, lockTranscribingVoiceNote,
  markVoiceNoteDiscarded, markVoiceNoteHeard, markVoiceNoteUnheard, unlinkInboxMessageMedia,
} from "./voice-note-statements.js";

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
  const patient = await findConsentedPatient(sql, place.clinicId, place.chatKey);
  if (!patient || !(await consentStands(sql, patient.id))) {
    await deleteAudio(sql, place.inboxMessageId, mediaId);
    return { kind: "refused" };
  }
  const id = randomUUID();
  // A turn retried after a crash finds its note already there: one note, one job per message.
  const inserted = await insertVoiceNote(sql, {
    id, clinicId: place.clinicId, chatKey: place.chatKey, patientId: patient.id, inboxMessageId: place.inboxMessageId, mediaId,
    previousInboundAt: previousInboundAt ? new Date(previousInboundAt) : null, now: place.now,
  });
  if (inserted) await deps.enqueue(sql, VOICE_NOTE_JOB, { voiceNoteId: id });
  return { kind: "started" };
}

async function consentStands(sql: Sql, patientId: string): Promise<boolean> {
  const latest = await findLatestConsent(sql, patientId);
  return latest?.granted !== false;
}

/** The audio goes, from Media and from the message that brought it. */
async function deleteAudio(sql: Sql, inboxMessageId: string, mediaId: string | null): Promise<void> {
  if (!mediaId) return;
  await unlinkInboxMessageMedia(sql, inboxMessageId);
  await deleteVoiceNoteMedia(sql, mediaId);
}

export interface VoiceNoteJobDeps extends RecordsDeps {
  db: Database;
  clock: Clock;
  transcriber?: Transcriber;
  retryLimit: number;
  retryDelaySeconds: number;
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
  return findVoiceNote(sql, id);
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
    const written = await markVoiceNoteHeard(sql, {
      id: note.id, transcriptSealed: sealColumn(deps.cipher, "PatientVoiceNote.transcriptSealed", note.id, transcript), now, transcriptionMs,
      durationSeconds: seconds ?? null,
    });
    if (!written) return;
    await deleteAudio(sql, note.inboxMessageId, note.mediaId);
    const previousInboundAt = note.previousInboundAt ? { previousInboundAt: new Date(note.previousInboundAt).toISOString() } : {};
    const heard = { type: "voiceNoteHeard", voiceNoteId: note.id, transcript, ...previousInboundAt } as const;
    const raised = await deps.events.toPatient(sql, chatOf(note), heard, note.id, now);
    // Consent withdrawn between the check above and now: the transcript is not kept either.
    if (!raised) await discardVoiceNoteTranscript(sql, note.id);
  });
  await deps.wakeChats();
}

const chatOf = (note: NoteRow) => ({ clinicId: note.clinicId, chatKey: note.chatKey });

/** The note could not be read: the audio goes, and the patient is asked to write. */
async function unheard(deps: VoiceNoteJobDeps, note: NoteRow, reason: VoiceNoteFailure): Promise<void> {
  await deps.db.transaction(async (sql) => {
    const row = await lockTranscribingVoiceNote(sql, note.id);
    if (!row) return;
    await markVoiceNoteUnheard(sql, note.id);
    await deleteAudio(sql, note.inboxMessageId, row.mediaId);
    await deps.events.toPatient(sql, chatOf(note), { type: "voiceNoteUnheard", voiceNoteId: note.id, reason }, note.id, deps.clock.now());
  });
  await deps.wakeChats();
}

/** Consent withdrawn after the note arrived: never transcribed, the audio deleted, nothing said. */
async function discard(deps: VoiceNoteJobDeps, note: NoteRow): Promise<void> {
  await deps.db.transaction(async (sql) => {
    await markVoiceNoteDiscarded(sql, note.id);
    await deleteAudio(sql, note.inboxMessageId, note.mediaId);
  });
}
