// A patient's clinical notes, with every version (the note and its addenda),
// decrypted for the reader. Every read is audited.
import type { Router } from "express";
import { z } from "zod";
import { clinicalNoteSchema } from "../../ai/clinical-note.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { RecordsDeps } from "../../records/deps.js";
import type { ApiDefinition } from "../registry.js";
import { findClinic } from "./clinics.js";
import { findPatient, patientParams } from "./patients.js";

const versionSchema = z.object({
  version: z.number().int(),
  kind: z.enum(["note", "addendum"]),
  professionalId: z.string(),
  createdAt: z.string(),
  content: clinicalNoteSchema,
  transcript: z.string().nullable().optional(),
}).openapi("ClinicalNoteVersion");

const noteSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  professionalId: z.string(),
  createdAt: z.string(),
  versions: z.array(versionSchema),
}).openapi("ClinicalNote");

interface VersionRow {
  noteId: string; patientId: string; noteProfessionalId: string; noteCreatedAt: Date;
  version: number; kind: "note" | "addendum"; professionalId: string; createdAt: Date; contentSealed: string; transcriptSealed: string | null;
}

async function loadNotes(db: Database, deps: RecordsDeps, clinicId: string, patientId: string, noteId: string | null, withTranscript: boolean) {
  const rows = await db.sql.query<VersionRow>(
    `SELECT n.id AS "noteId", n."patientId", n."professionalId" AS "noteProfessionalId", n."createdAt" AS "noteCreatedAt",
       v.version, v.kind, v."professionalId", v."createdAt", v."contentSealed", v."transcriptSealed"
     FROM "ClinicalNote" n JOIN "ClinicalNoteVersion" v ON v."noteId" = n.id
     WHERE n."clinicId" = $1 AND n."patientId" = $2 AND ($3::text IS NULL OR n.id = $3)
     ORDER BY n."createdAt" DESC, n.id, v.version`,
    [clinicId, patientId, noteId],
  );
  const notes = new Map<string, z.infer<typeof noteSchema>>();
  for (const row of rows) {
    const note = notes.get(row.noteId) ?? { id: row.noteId, patientId: row.patientId, professionalId: row.noteProfessionalId, createdAt: new Date(row.noteCreatedAt).toISOString(), versions: [] };
    note.versions.push({
      version: row.version, kind: row.kind, professionalId: row.professionalId, createdAt: new Date(row.createdAt).toISOString(),
      content: JSON.parse(await deps.sealer.open(row.contentSealed)),
      ...(withTranscript ? { transcript: row.transcriptSealed ? await deps.sealer.open(row.transcriptSealed) : null } : {}),
    });
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
