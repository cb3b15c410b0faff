// The doctor confirmed a draft: it becomes a version of the patient's record,
// never overwritten (a dictation aimed at an existing note adds an addendum).
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import { finalizeAudio } from "./audio-retention.js";
import type { RecordsDeps } from "./deps.js";
import { findDictation, type TurnPlace } from "./dictation-steps.js";

export type SaveNoteOutcome = { saved: false } | { saved: true; noteId: string; version: number; patientName: string };

export async function saveNote(sql: Sql, deps: RecordsDeps, place: TurnPlace, dictationId: string): Promise<SaveNoteOutcome> {
  const dictation = await findDictation(sql, dictationId, true);
  if (!dictation || dictation.doctorChatKey !== place.chatKey || dictation.status !== "drafted" || !dictation.draftSealed) {
    return { saved: false };
  }
  const transcript = await dictationTranscript(sql, deps, dictationId);
  const noteId = dictation.addendumToNoteId ?? randomUUID();
  if (!dictation.addendumToNoteId) {
    await sql.query(
      `INSERT INTO "ClinicalNote" (id, "clinicId", "patientId", "professionalId", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $5)`,
      [noteId, dictation.clinicId, dictation.patientId, dictation.professionalId, place.now],
    );
  }
  const [{ version }] = (await sql.query<{ version: number }>(
    `SELECT COALESCE(MAX(version), 0) + 1 AS version FROM "ClinicalNoteVersion" WHERE "noteId" = $1`, [noteId],
  )) as [{ version: number }];
  await sql.query(
    `INSERT INTO "ClinicalNoteVersion" (id, "noteId", "clinicId", version, kind, "contentSealed", "transcriptSealed", "dictationId", "professionalId", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [randomUUID(), noteId, dictation.clinicId, version, version === 1 ? "note" : "addendum", dictation.draftSealed,
      await deps.sealer.seal(transcript), dictation.id, dictation.professionalId, place.now],
  );
  await sql.query(`UPDATE "ClinicalNote" SET "updatedAt" = $2 WHERE id = $1`, [noteId, place.now]);
  await sql.query(
    `UPDATE "Dictation" SET status = 'saved', "noteId" = $2, "finalizedAt" = $3, "updatedAt" = $3 WHERE id = $1`,
    [dictation.id, noteId, place.now],
  );
  await finalizeAudio(sql, dictation.id, place.now, deps.settings.audioRetentionDays);
  // Named, because the doctor may have moved on to another patient since dictating.
  const [patient] = await sql.query<{ name: string | null; phone: string }>(`SELECT name, phone FROM "Patient" WHERE id = $1`, [dictation.patientId]);
  return { saved: true, noteId, version, patientName: patient?.name ?? patient?.phone ?? "" };
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
