// Appends a version to a clinical note, never changing an earlier one. Each
// version says whether a model structured it (which model, when) and which
// doctor reviewed and confirmed it, when (CFM Resolution 2.454/2026); a
// version the doctor typed is marked as not AI-assisted.
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import { findLastNote, findPatientLabel, insertNoteVersion, lockClinicalNote, nextNoteVersion, touchClinicalNote } from "./records-statements.js";

export interface NewVersion {
  noteId: string;
  clinicId: string;
  kind: "note" | "addendum";
  source: "dictation" | "typed";
  contentSealed: string;
  transcriptSealed: string | null;
  dictationId: string | null;
  professionalId: string;
  /** The model that structured the content; null when none did (typed by the doctor). */
  ai: { model: string | null; structuredAt: Date | null } | null;
  /** The doctor who read and confirmed the content (for a typed version, its author). */
  reviewedById: string;
  now: Date;
}

export async function appendNoteVersion(sql: Sql, input: NewVersion): Promise<number> {
  // The note row is locked so two addenda at once get versions 2 and 3, not a unique violation.
  await lockClinicalNote(sql, input.noteId);
  const version = await nextNoteVersion(sql, input.noteId);
  await insertNoteVersion(sql, {
    id: randomUUID(), noteId: input.noteId, clinicId: input.clinicId, version, kind: version === 1 ? "note" : input.kind, source: input.source,
    contentSealed: input.contentSealed, transcriptSealed: input.transcriptSealed, dictationId: input.dictationId,
    professionalId: input.professionalId, aiAssisted: input.ai !== null, aiModel: input.ai?.model ?? null,
    aiStructuredAt: input.ai?.structuredAt ?? null, reviewedById: input.reviewedById, now: input.now,
  });
  await touchClinicalNote(sql, input.noteId, input.now);
  return version;
}

/** The patient's last saved note in the clinic: the one an addendum goes to. */
export async function lastNoteOf(sql: Sql, clinicId: string, patientId: string): Promise<{ id: string; createdAt: Date } | undefined> {
  return findLastNote(sql, clinicId, patientId);
}

export async function patientLabel(sql: Sql, patientId: string): Promise<string> {
  const patient = await findPatientLabel(sql, patientId);
  return patient?.name ?? patient?.phone ?? "";
}
