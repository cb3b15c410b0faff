// Appends a version to a clinical note, never changing an earlier one. Each
// version says whether a model structured it (which model, when) and which
// doctor reviewed and confirmed it, when (CFM Resolution 2.454/2026); a
// version the doctor typed is marked as not AI-assisted.
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";

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
  await sql.query(`SELECT id FROM "ClinicalNote" WHERE id = $1 FOR UPDATE`, [input.noteId]);
  const [{ version }] = (await sql.query<{ version: number }>(
    `SELECT COALESCE(MAX(version), 0) + 1 AS version FROM "ClinicalNoteVersion" WHERE "noteId" = $1`, [input.noteId],
  )) as [{ version: number }];
  await sql.query(
    `INSERT INTO "ClinicalNoteVersion" (id, "noteId", "clinicId", version, kind, source, "contentSealed", "transcriptSealed", "dictationId",
       "professionalId", "aiAssisted", "aiModel", "aiStructuredAt", "reviewedById", "reviewedAt", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)`,
    [randomUUID(), input.noteId, input.clinicId, version, version === 1 ? "note" : input.kind, input.source, input.contentSealed,
      input.transcriptSealed, input.dictationId, input.professionalId, input.ai !== null, input.ai?.model ?? null,
      input.ai?.structuredAt ?? null, input.reviewedById, input.now],
  );
  await sql.query(`UPDATE "ClinicalNote" SET "updatedAt" = $2 WHERE id = $1`, [input.noteId, input.now]);
  return version;
}

/** The patient's last saved note in the clinic: the one an addendum goes to. */
export async function lastNoteOf(sql: Sql, clinicId: string, patientId: string): Promise<{ id: string; createdAt: Date } | undefined> {
  const [row] = await sql.query<{ id: string; createdAt: Date }>(
    `SELECT id, "createdAt" FROM "ClinicalNote" WHERE "clinicId" = $1 AND "patientId" = $2 ORDER BY "createdAt" DESC, id DESC LIMIT 1`,
    [clinicId, patientId],
  );
  return row;
}

export async function patientLabel(sql: Sql, patientId: string): Promise<string> {
  const [patient] = await sql.query<{ name: string | null; phone: string }>(`SELECT name, phone FROM "Patient" WHERE id = $1`, [patientId]);
  return patient?.name ?? patient?.phone ?? "";
}
