// The doctor confirmed a draft: it becomes a version of the patient's record,
// never overwritten. Saved "as an addendum" ("é um adendo"), it is appended to
// the patient's last saved note instead of starting a new one.
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import { finalizeAudio } from "./audio-retention.js";
import type { RecordsDeps } from "./deps.js";
import { type TurnPlace } from "./dictation-steps.js";
import { appendNoteVersion, lastNoteOf, patientLabel } from "./note-versions.js";

export type SaveNoteOutcome =
  | { saved: false; reason: "notOpen" }
  /** Asked to save as an addendum, but the patient has no saved note yet. */
  | { saved: false; reason: "noNote"; patientName: string }
  | { saved: true; noteId: string; version: number; patientName: string; noteCreatedAt: string };

interface DraftRow {
  id: string; clinicId: string; professionalId: string; patientId: string; doctorChatKey: string; status: string;
  draftSealed: string | null; addendumToNoteId: string | null; structuredModel: string | null; structuredAt: Date | null;
}

export async function saveNote(
  sql: Sql, deps: RecordsDeps, place: TurnPlace, dictationId: string, options: { asAddendum?: boolean } = {},
): Promise<SaveNoteOutcome> {
  const [dictation] = await sql.query<DraftRow>(
    `SELECT id, "clinicId", "professionalId", "patientId", "doctorChatKey", status, "draftSealed", "addendumToNoteId", "structuredModel", "structuredAt"
     FROM "Dictation" WHERE id = $1 FOR UPDATE`, [dictationId],
  );
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
    await sql.query(
      `INSERT INTO "ClinicalNote" (id, "clinicId", "patientId", "professionalId", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $5)`,
      [noteId, dictation.clinicId, dictation.patientId, dictation.professionalId, place.now],
    );
  }
  const version = await appendNoteVersion(sql, {
    noteId, clinicId: dictation.clinicId, kind: "addendum", source: "dictation",
    contentSealed: dictation.draftSealed, transcriptSealed: await deps.sealer.seal(await dictationTranscript(sql, deps, dictationId)),
    dictationId: dictation.id, professionalId: dictation.professionalId,
    // Every draft comes from the note writer; the doctor whose chat confirmed it is the reviewer.
    ai: { model: dictation.structuredModel, structuredAt: dictation.structuredAt },
    reviewedById: dictation.professionalId, now: place.now,
  });
  await sql.query(
    `UPDATE "Dictation" SET status = 'saved', "noteId" = $2, "finalizedAt" = $3, "updatedAt" = $3 WHERE id = $1`,
    [dictation.id, noteId, place.now],
  );
  await finalizeAudio(sql, dictation.id, place.now, deps.settings.audioRetentionDays);
  const [note] = await sql.query<{ createdAt: Date }>(`SELECT "createdAt" FROM "ClinicalNote" WHERE id = $1`, [noteId]);
  // Named, because the doctor may have moved on to another patient since dictating.
  return { saved: true, noteId, version, patientName, noteCreatedAt: (note?.createdAt ?? place.now).toISOString() };
}

/** Everything the doctor said for a dictation, in order: the first audio, then each correction. */
export async function dictationTranscript(sql: Sql, deps: RecordsDeps, dictationId: string): Promise<string> {
  const parts = await dictationParts(sql, deps, dictationId);
  return parts.map((part, index) => (index === 0 ? part : `[Correção ${index}] ${part}`)).join("\n\n");
}

export async function dictationParts(sql: Sql, deps: RecordsDeps, dictationId: string): Promise<string[]> {
  const rows = await sql.query<{ transcriptSealed: string | null }>(
    `SELECT "transcriptSealed" FROM "DictationSegment" WHERE "dictationId" = $1 ORDER BY seq`, [dictationId],
  );
  return Promise.all(rows.map((row) => (row.transcriptSealed ? deps.sealer.open(row.transcriptSealed) : Promise.resolve(""))));
}
