// The doctor confirmed a draft: it becomes a version of the patient's record,
// never overwritten. Saved "as an addendum" ("é um adendo"), it is appended to
// the patient's last saved note instead of starting a new one.
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import { finalizeAudio } from "./audio-retention.js";
import type { RecordsDeps } from "./deps.js";
import { type TurnPlace } from "./dictation-steps.js";
import { appendNoteVersion, lastNoteOf, patientLabel } from "./note-versions.js";
import { findDraftForUpdate, findNoteCreatedAt, insertClinicalNote, listSegmentTranscripts, markDictationSaved } from "./records-statements.js";

export type SaveNoteOutcome =
  | { saved: false; reason: "notOpen" }
  /** Asked to save as an addendum, but the patient has no saved note yet. */
  | { saved: false; reason: "noNote"; patientName: string }
  | { saved: true; noteId: string; version: number; patientName: string; noteCreatedAt: string };

export async function saveNote(
  sql: Sql, deps: RecordsDeps, place: TurnPlace, dictationId: string, options: { asAddendum?: boolean } = {},
): Promise<SaveNoteOutcome> {
  const dictation = await findDraftForUpdate(sql, dictationId);
  if (!dictation || dictation.doctorChatKey !== place.chatKey || dictation.status !== "drafted" || !dictation.draftSealed) {
    return { saved: false, reason: "notOpen" };
  }
  const patientName = await patientLabel(sql, dictation.patientId);
  const target = dictation.addendumToNoteId
    ? { id: dictation.addendumToNoteId }
    : options.asAddendum ? await lastNoteOf(sql, dictation.clinicId, dictation.patientId) : undefined;
  if (options.asAddendum && !target) return { saved: false, reason: "noNote", patientName };
  const noteId = target?.id ?? randomUUID();
  if (!target) {
    await insertClinicalNote(sql, {
      id: noteId, clinicId: dictation.clinicId, patientId: dictation.patientId, professionalId: dictation.professionalId, now: place.now,
    });
  }
  const version = await appendNoteVersion(sql, {
    noteId, clinicId: dictation.clinicId, kind: "addendum", source: "dictation",
    contentSealed: dictation.draftSealed, transcriptSealed: await deps.sealer.seal(await dictationTranscript(sql, deps, dictationId)),
    dictationId: dictation.id, professionalId: dictation.professionalId,
    // Every draft comes from the note writer; the doctor whose chat confirmed it is the reviewer.
    ai: { model: dictation.structuredModel, structuredAt: dictation.structuredAt },
    reviewedById: dictation.professionalId, now: place.now,
  });
  await markDictationSaved(sql, dictation.id, noteId, place.now);
  await finalizeAudio(sql, dictation.id, place.now, deps.settings.audioRetentionDays);
  const note = await findNoteCreatedAt(sql, noteId);
  // Named, because the doctor may have moved on to another patient since dictating.
  return { saved: true, noteId, version, patientName, noteCreatedAt: (note?.createdAt ?? place.now).toISOString() };
}

/** Everything the doctor said for a dictation, in order: the first audio, then each correction. */
export async function dictationTranscript(sql: Sql, deps: RecordsDeps, dictationId: string): Promise<string> {
  const parts = await dictationParts(sql, deps, dictationId);
  return parts.map((part, index) => (index === 0 ? part : `[Correção ${index}] ${part}`)).join("\n\n");
}

export async function dictationParts(sql: Sql, deps: RecordsDeps, dictationId: string): Promise<string[]> {
  const rows = await listSegmentTranscripts(sql, dictationId);
  return Promise.all(rows.map((row) => (row.transcriptSealed ? deps.sealer.open(row.transcriptSealed) : Promise.resolve(""))));
}
