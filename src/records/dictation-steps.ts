// Dictation rows and the effects that start, correct, retry and discard one.
// Each runs inside the doctor's turn transaction; the slow steps are jobs
// (dictation-jobs.ts) enqueued in that same transaction.
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import { deleteDictationAudio } from "./audio-retention.js";
import type { AudioRef, RecordsDeps } from "./deps.js";

export const TRANSCRIBE_JOB = "dictation-transcribe";
export const STRUCTURE_JOB = "dictation-structure";

export interface TurnPlace {
  clinicId: string;
  chatKey: string;
  now: Date;
}

export interface DictationRow {
  id: string;
  clinicId: string;
  professionalId: string;
  patientId: string;
  doctorChatKey: string;
  status: string;
  draftSealed: string | null;
  draftVersion: number;
  addendumToNoteId: string | null;
}

export async function findDictation(sql: Sql, id: string, lock = false): Promise<DictationRow | undefined> {
  const [row] = await sql.query<DictationRow>(
    `SELECT id, "clinicId", "professionalId", "patientId", "doctorChatKey", status, "draftSealed", "draftVersion", "addendumToNoteId"
     FROM "Dictation" WHERE id = $1${lock ? " FOR UPDATE" : ""}`,
    [id],
  );
  return row;
}

async function addAudioSegment(sql: Sql, deps: RecordsDeps, dictation: { id: string; clinicId: string }, seq: number, audio: AudioRef, now: Date) {
  const segmentId = randomUUID();
  await sql.query(
    `INSERT INTO "DictationSegment" (id, "dictationId", "clinicId", seq, source, "audioMediaId", "durationSeconds", "createdAt")
     VALUES ($1, $2, $3, $4, 'audio', $5, $6, $7)`,
    [segmentId, dictation.id, dictation.clinicId, seq, audio.mediaId, Math.round(audio.durationSeconds), now],
  );
  await deps.enqueue(sql, TRANSCRIBE_JOB, { segmentId });
}

/** "consentWithdrawn": the patient's latest consent answer is a refusal or a withdrawal; nothing is transcribed. */
export type DictationStart = { kind: "started" } | { kind: "consentWithdrawn" };

export async function startDictation(
  sql: Sql, deps: RecordsDeps, place: TurnPlace, input: { professionalId: string; patientId: string; audio: AudioRef },
): Promise<DictationStart> {
  // LGPD: a patient who withdrew consent is never sent to transcription or to a model.
  const [latest] = await sql.query<{ granted: boolean }>(
    `SELECT granted FROM "ConsentRecord" WHERE "patientId" = $1 ORDER BY "recordedAt" DESC LIMIT 1`, [input.patientId]);
  if (latest?.granted === false) return { kind: "consentWithdrawn" };
  const id = randomUUID();
  await sql.query(
    `INSERT INTO "Dictation" (id, "clinicId", "professionalId", "patientId", "doctorChatKey", status, "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, 'transcribing', $6, $6)`,
    [id, place.clinicId, input.professionalId, input.patientId, place.chatKey, place.now],
  );
  await addAudioSegment(sql, deps, { id, clinicId: place.clinicId }, 1, input.audio, place.now);
  return { kind: "started" };
}

/** A correction by text goes straight to structuring; by audio, through transcription first. */
export async function correctDictation(
  sql: Sql, deps: RecordsDeps, place: TurnPlace, input: { dictationId: string; text?: string; audio?: AudioRef },
): Promise<boolean> {
  const dictation = await findDictation(sql, input.dictationId, true);
  if (!dictation || dictation.doctorChatKey !== place.chatKey || !["drafted", "failed"].includes(dictation.status)) return false;
  const [{ next }] = (await sql.query<{ next: number }>(
    `SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM "DictationSegment" WHERE "dictationId" = $1`, [dictation.id],
  )) as [{ next: number }];
  if (input.audio) {
    await setStatus(sql, dictation.id, "transcribing", place.now);
    await addAudioSegment(sql, deps, dictation, next, input.audio, place.now);
    return true;
  }
  await sql.query(
    `INSERT INTO "DictationSegment" (id, "dictationId", "clinicId", seq, source, "transcriptSealed", "createdAt", "transcribedAt")
     VALUES ($1, $2, $3, $4, 'text', $5, $6, $6)`,
    [randomUUID(), dictation.id, dictation.clinicId, next, await deps.sealer.seal(input.text ?? ""), place.now],
  );
  await setStatus(sql, dictation.id, "structuring", place.now);
  await deps.enqueue(sql, STRUCTURE_JOB, { dictationId: dictation.id });
  return true;
}

/** After a final failure: transcribe what is missing, else structure again. */
export async function retryDictation(sql: Sql, deps: RecordsDeps, place: TurnPlace, dictationId: string): Promise<boolean> {
  const dictation = await findDictation(sql, dictationId, true);
  if (!dictation || dictation.doctorChatKey !== place.chatKey || dictation.status !== "failed") return false;
  const missing = await sql.query<{ id: string }>(
    `SELECT id FROM "DictationSegment" WHERE "dictationId" = $1 AND "transcriptSealed" IS NULL ORDER BY seq`, [dictationId],
  );
  await setStatus(sql, dictationId, missing.length > 0 ? "transcribing" : "structuring", place.now);
  for (const segment of missing) await deps.enqueue(sql, TRANSCRIBE_JOB, { segmentId: segment.id });
  if (missing.length === 0) await deps.enqueue(sql, STRUCTURE_JOB, { dictationId });
  return true;
}

export async function discardDictation(sql: Sql, place: TurnPlace, dictationId: string): Promise<boolean> {
  const dictation = await findDictation(sql, dictationId, true);
  if (!dictation || dictation.doctorChatKey !== place.chatKey || ["saved", "discarded"].includes(dictation.status)) return false;
  await sql.query(
    `UPDATE "Dictation" SET status = 'discarded', "finalizedAt" = $2, "updatedAt" = $2, "draftSealed" = NULL WHERE id = $1`,
    [dictationId, place.now],
  );
  await deleteDictationAudio(sql, dictationId);
  return true;
}

export async function setStatus(sql: Sql, dictationId: string, status: string, now: Date, lastError?: string): Promise<void> {
  await sql.query(
    `UPDATE "Dictation" SET status = $2, "updatedAt" = $3, "lastError" = COALESCE($4, "lastError") WHERE id = $1`,
    [dictationId, status, now, lastError ?? null],
  );
}
