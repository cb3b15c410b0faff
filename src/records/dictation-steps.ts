// Dictation rows and the effects that start, correct, retry and discard one.
// Each runs inside the doctor's turn transaction; the slow steps are jobs
// (dictation-jobs.ts) enqueued in that same transaction.
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import type { DictationRow } from "../db/rows.js";
import { deleteDictationAudio } from "./audio-retention.js";
import type { AudioRef, RecordsDeps } from "./deps.js";
import {
  findDictationRow, findLatestConsent, insertAudioDictationSegment, insertTextDictationSegment, insertTranscribingDictation,
  listUntranscribedSegments, markDictationDiscarded, nextSegmentSeq, updateDictationStatus,
} from "./records-statements.js";

export const TRANSCRIBE_JOB = "dictation-transcribe";
export const STRUCTURE_JOB = "dictation-structure";

export interface TurnPlace {
  clinicId: string;
  chatKey: string;
  now: Date;
}

export type { DictationRow };

export async function findDictation(sql: Sql, id: string, lock = false): Promise<DictationRow | undefined> {
  return findDictationRow(sql, id, lock);
}

async function addAudioSegment(sql: Sql, deps: RecordsDeps, dictation: { id: string; clinicId: string }, seq: number, audio: AudioRef, now: Date) {
  const segmentId = randomUUID();
  await insertAudioDictationSegment(sql, {
    id: segmentId, dictationId: dictation.id, clinicId: dictation.clinicId, seq, audioMediaId: audio.mediaId,
    durationSeconds: Math.round(audio.durationSeconds), now,
  });
  await deps.enqueue(sql, TRANSCRIBE_JOB, { segmentId });
}

/** "consentWithdrawn": the patient's latest consent answer is a refusal or a withdrawal; nothing is transcribed. */
export type DictationStart = { kind: "started" } | { kind: "consentWithdrawn" };

export async function startDictation(
  sql: Sql, deps: RecordsDeps, place: TurnPlace, input: { professionalId: string; patientId: string; audio: AudioRef },
): Promise<DictationStart> {
  // LGPD: a patient who withdrew consent is never sent to transcription or to a model.
  const latest = await findLatestConsent(sql, input.patientId);
  if (latest?.granted === false) return { kind: "consentWithdrawn" };
  const id = randomUUID();
  await insertTranscribingDictation(sql, {
    id, clinicId: place.clinicId, professionalId: input.professionalId, patientId: input.patientId, doctorChatKey: place.chatKey, now: place.now,
  });
  await addAudioSegment(sql, deps, { id, clinicId: place.clinicId }, 1, input.audio, place.now);
  return { kind: "started" };
}

/** A correction by text goes straight to structuring; by audio, through transcription first. */
export async function correctDictation(
  sql: Sql, deps: RecordsDeps, place: TurnPlace, input: { dictationId: string; text?: string; audio?: AudioRef },
): Promise<boolean> {
  const dictation = await findDictation(sql, input.dictationId, true);
  if (!dictation || dictation.doctorChatKey !== place.chatKey || !["drafted", "failed"].includes(dictation.status)) return false;
  const next = await nextSegmentSeq(sql, dictation.id);
  if (input.audio) {
    await setStatus(sql, dictation.id, "transcribing", place.now);
    await addAudioSegment(sql, deps, dictation, next, input.audio, place.now);
    return true;
  }
  await insertTextDictationSegment(sql, {
    id: randomUUID(), dictationId: dictation.id, clinicId: dictation.clinicId, seq: next,
    transcriptSealed: await deps.sealer.seal(input.text ?? ""), now: place.now,
  });
  await setStatus(sql, dictation.id, "structuring", place.now);
  await deps.enqueue(sql, STRUCTURE_JOB, { dictationId: dictation.id });
  return true;
}

/** After a final failure: transcribe what is missing, else structure again. */
export async function retryDictation(sql: Sql, deps: RecordsDeps, place: TurnPlace, dictationId: string): Promise<boolean> {
  const dictation = await findDictation(sql, dictationId, true);
  if (!dictation || dictation.doctorChatKey !== place.chatKey || dictation.status !== "failed") return false;
  const missing = await listUntranscribedSegments(sql, dictationId);
  await setStatus(sql, dictationId, missing.length > 0 ? "transcribing" : "structuring", place.now);
  for (const segment of missing) await deps.enqueue(sql, TRANSCRIBE_JOB, { segmentId: segment.id });
  if (missing.length === 0) await deps.enqueue(sql, STRUCTURE_JOB, { dictationId });
  return true;
}

export async function discardDictation(sql: Sql, place: TurnPlace, dictationId: string): Promise<boolean> {
  const dictation = await findDictation(sql, dictationId, true);
  if (!dictation || dictation.doctorChatKey !== place.chatKey || ["saved", "discarded"].includes(dictation.status)) return false;
  await markDictationDiscarded(sql, dictationId, place.now);
  await deleteDictationAudio(sql, dictationId);
  return true;
}

export async function setStatus(sql: Sql, dictationId: string, status: string, now: Date, lastError?: string): Promise<void> {
  await updateDictationStatus(sql, dictationId, status, now, lastError ?? null);
}
