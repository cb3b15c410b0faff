// The dictation pipeline as durable jobs: transcribe each audio segment, then
// structure the whole dictation into a grounded draft, and raise it to the
// doctor's chat as an event the doctor's flow shows. Each step writes its result to its row and enqueues the next step in
// one transaction, and skips work already done, so a retry or a restart never
// repeats a finished step (and never transcribes twice).
import { z } from "zod";
import { groundNote } from "../ai/grounding.js";
import type { NoteWriter, Transcriber } from "../ai/ports.js";
import type { Clock } from "../clock.js";
import type { Database } from "../db/database.js";
import { loadMedia } from "../db/media.js";
import { defineJob, type AnyJobDefinition } from "../jobs/queue.js";
import type { RecordsDeps } from "./deps.js";
import { findDictation, setStatus, STRUCTURE_JOB, TRANSCRIBE_JOB } from "./dictation-steps.js";
import {
  countDictationAttempt, findPatientLabel, findSegmentDictation, findSegmentToTranscribe, hasPendingSegment, moveDictationToStructuring,
  storeDictationDraft, storeSegmentTranscript,
} from "./records-statements.js";
import { dictationParts } from "./save-note.js";

export interface DictationJobDeps extends RecordsDeps {
  db: Database;
  clock: Clock;
  transcriber?: Transcriber;
  noteWriter?: NoteWriter;
  retryLimit: number;
  retryDelaySeconds: number;
}

class FinalJobError extends Error {}

export function dictationJobs(deps: DictationJobDeps): AnyJobDefinition[] {
  const retry = { retryLimit: deps.retryLimit, retryDelaySeconds: deps.retryDelaySeconds };
  return [
    defineJob({
      name: TRANSCRIBE_JOB, schema: z.object({ segmentId: z.string() }), ...retry,
      handler: ({ segmentId }) => transcribeSegment(deps, segmentId),
      onFinalFailure: async ({ segmentId }) => failForGood(deps, await dictationOfSegment(deps, segmentId)),
    }),
    defineJob({
      name: STRUCTURE_JOB, schema: z.object({ dictationId: z.string() }), ...retry,
      handler: ({ dictationId }) => structureDictation(deps, dictationId),
      onFinalFailure: ({ dictationId }) => failForGood(deps, dictationId),
    }),
  ];
}

async function transcribeSegment(deps: DictationJobDeps, segmentId: string): Promise<void> {
  const segment = await findSegmentToTranscribe(deps.db.sql, segmentId);
  if (!segment || segment.transcriptSealed || segment.status !== "transcribing") return; // done, or no longer wanted
  if (!deps.transcriber) throw new FinalJobError("dictation is not configured");
  await countAttempt(deps, segment.dictationId);
  const media = segment.audioMediaId ? await loadMedia(deps.db.sql, deps.cipher, segment.audioMediaId) : null;
  if (!media) return tellDoctor(deps, segment.dictationId, "audioMissing");
  const text = await deps.transcriber.transcribe(media.data, media.mimetype);
  if (text.trim() === "") return tellDoctor(deps, segment.dictationId, "silent");
  const sealed = await deps.sealer.seal(text);
  await deps.db.transaction(async (sql) => {
    const now = deps.clock.now();
    if (!(await storeSegmentTranscript(sql, segmentId, sealed, now))) return;
    await moveDictationToStructuring(sql, segment.dictationId, now);
    await deps.enqueue(sql, STRUCTURE_JOB, { dictationId: segment.dictationId });
  });
}

async function structureDictation(deps: DictationJobDeps, dictationId: string): Promise<void> {
  const dictation = await findDictation(deps.db.sql, dictationId);
  if (!dictation || dictation.status !== "structuring") return;
  if (await hasPendingSegment(deps.db.sql, dictationId)) return; // a transcription still running enqueues structuring again when it ends
  if (!deps.noteWriter) throw new FinalJobError("dictation is not configured");
  await countAttempt(deps, dictationId);
  const [transcript = "", ...corrections] = await dictationParts(deps.db.sql, deps, dictationId);
  const draft = await deps.noteWriter.structure(transcript, corrections);
  const grounded = groundNote(draft.note, [transcript, ...corrections].join("\n"));
  const sealed = await deps.sealer.seal(JSON.stringify(grounded.note));
  await deps.db.transaction(async (sql) => {
    const now = deps.clock.now();
    const row = await storeDictationDraft(sql, dictationId, sealed, grounded.dropped, now, draft.model);
    if (!row) return;
    const patientName = await patientNameOf(sql, dictation.patientId);
    await deps.events.toDoctor(sql, { clinicId: dictation.clinicId, chatKey: dictation.doctorChatKey },
      { type: "noteDrafted", dictationId, patientName, version: row.draftVersion, note: grounded.note, dropped: grounded.dropped },
      `${dictationId}:${row.draftVersion}`, now);
  });
  await deps.wakeChats();
}

async function failForGood(deps: DictationJobDeps, dictationId: string | undefined): Promise<void> {
  if (dictationId) await tellDoctor(deps, dictationId, "failed");
}

/** The dictation failed for good; the doctor's flow says why and what they can do. */
async function tellDoctor(deps: DictationJobDeps, dictationId: string, reason: "failed" | "silent" | "audioMissing"): Promise<void> {
  await deps.db.transaction(async (sql) => {
    const dictation = await findDictation(sql, dictationId, true);
    if (!dictation || ["saved", "discarded", "failed"].includes(dictation.status)) return;
    const now = deps.clock.now();
    await setStatus(sql, dictationId, "failed", now);
    const patientName = await patientNameOf(sql, dictation.patientId);
    // Once per failure (the status above guards it); a retried dictation that fails again is told again.
    await deps.events.toDoctor(sql, { clinicId: dictation.clinicId, chatKey: dictation.doctorChatKey },
      { type: "dictationFailed", dictationId, patientName, reason }, `${dictationId}:${now.getTime()}`, now);
  });
  await deps.wakeChats();
}

async function countAttempt(deps: DictationJobDeps, dictationId: string): Promise<void> {
  await countDictationAttempt(deps.db.sql, dictationId);
}

async function dictationOfSegment(deps: DictationJobDeps, segmentId: string): Promise<string | undefined> {
  return (await findSegmentDictation(deps.db.sql, segmentId))?.dictationId;
}

export async function patientNameOf(sql: Database["sql"], patientId: string): Promise<string> {
  const row = await findPatientLabel(sql, patientId);
  return row?.name ?? row?.phone ?? "paciente";
}
