// A patient's clinical notes, with every version (the note and its addenda,
// in order), decrypted for the reader. Each version says whether a model
// structured it and which doctor reviewed and confirmed it (CFM Resolution
// 2.454/2026). Every read is audited.
import type { Router } from "express";
import { z } from "zod";
import { clinicalNoteSchema } from "../../ai/clinical-note.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { TypedAddendum } from "../../records/add-addendum.js";
import type { RecordsDeps } from "../../records/deps.js";
import type { ApiDefinition } from "../registry.js";
import { findClinic } from "./clinics.js";
import { findPatient, patientParams } from "./patients.js";
import { listNoteVersions } from "../admin-records-statements.js";
import type { AdminNoteVersionRow } from "../../db/rows.js";

const versionSchema = z.object({
  version: z.number().int(),
  kind: z.enum(["note", "addendum"]),
  /** "dictation": structured from a voice note; "typed": an addendum in the doctor's words. */
  source: z.enum(["dictation", "typed"]),
  professionalId: z.string(),
  createdAt: z.string(),
  aiAssisted: z.boolean().openapi({ description: "Structured by a model (CFM Resolution 2.454/2026); false for what the doctor typed" }),
  ai: z.object({
    model: z.string().nullable().openapi({ description: "The model as its server named it; null for notes saved before it was recorded" }),
    structuredAt: z.string().nullable(),
  }).nullable(),
  review: z.object({ professionalId: z.string(), professionalName: z.string().nullable(), reviewedAt: z.string() }).nullable()
    .openapi({ description: "The doctor who reviewed and confirmed this version, and when" }),
  /** The structured note (source "dictation"). */
  content: clinicalNoteSchema.nullable(),
  /** The addendum as the doctor typed it (source "typed"). */
  text: z.string().nullable(),
  transcript: z.string().nullable().optional(),
}).openapi("ClinicalNoteVersion");

const noteSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  professionalId: z.string(),
  createdAt: z.string(),
  versions: z.array(versionSchema),
}).openapi("ClinicalNote");

type VersionRow = AdminNoteVersionRow;

const isoOrNull = (date: Date | null) => (date ? new Date(date).toISOString() : null);

async function versionOf(row: VersionRow, deps: RecordsDeps, withTranscript: boolean): Promise<z.infer<typeof versionSchema>> {
  const opened = JSON.parse(await deps.sealer.open(row.contentSealed)) as unknown;
  return {
    version: row.version, kind: row.kind, source: row.source, professionalId: row.professionalId, createdAt: new Date(row.createdAt).toISOString(),
    aiAssisted: row.aiAssisted,
    ai: row.aiAssisted ? { model: row.aiModel, structuredAt: isoOrNull(row.aiStructuredAt) } : null,
    review: row.reviewedById && row.reviewedAt
      ? { professionalId: row.reviewedById, professionalName: row.reviewerName, reviewedAt: new Date(row.reviewedAt).toISOString() }
      : null,
    content: row.source === "typed" ? null : clinicalNoteSchema.parse(opened),
    text: row.source === "typed" ? (opened as TypedAddendum).text : null,
    ...(withTranscript ? { transcript: row.transcriptSealed ? await deps.sealer.open(row.transcriptSealed) : null } : {}),
  };
}

async function loadNotes(db: Database, deps: RecordsDeps, clinicId: string, patientId: string, noteId: string | null, withTranscript: boolean) {
  const rows = await listNoteVersions(db.sql, clinicId, patientId, noteId);
  const notes = new Map<string, z.infer<typeof noteSchema>>();
  for (const row of rows) {
    const note = notes.get(row.noteId) ?? { id: row.noteId, patientId: row.patientId, professionalId: row.noteProfessionalId, createdAt: new Date(row.noteCreatedAt).toISOString(), versions: [] };
    note.versions.push(await versionOf(row, deps, withTranscript));
    notes.set(row.noteId, note);
  }
  return [...notes.values()];
}

export function noteRoutes(api: ApiDefinition, router: Router, db: Database, deps: RecordsDeps): void {
  api.route(router, {
    method: "get", path: "/clinics/:clinicId/patients/:patientId/notes", summary: "List a patient's clinical notes (structured content)", tag: "Records",
    roles: ["admin", "professional"], healthData: true, params: patientParams, response: z.object({ notes: z.array(noteSchema) }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await findPatient(db, params.clinicId, params.patientId);
    return { notes: await loadNotes(db, deps, params.clinicId, params.patientId, null, false) };
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/patients/:patientId/notes/:noteId", summary: "Read one clinical note with its transcripts", tag: "Records",
    roles: ["admin", "professional"], healthData: true,
    params: patientParams.extend({ noteId: z.string().min(1) }), response: noteSchema,
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const [note] = await loadNotes(db, deps, params.clinicId, params.patientId, params.noteId, true);
    if (!note) throw new AppError("not_found", "note not found", { field: "noteId" });
    return note;
  });
}
