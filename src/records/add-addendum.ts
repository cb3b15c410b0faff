// "adendo <texto>": the doctor's own words appended, dated, to the patient's
// last saved note; the note and its earlier versions stay as they were. No
// model touches it, so the version is marked as not AI-assisted.
import type { Sql } from "../db/database.js";
import type { RecordsDeps } from "./deps.js";
import type { TurnPlace } from "./dictation-steps.js";
import { appendNoteVersion, lastNoteOf, patientLabel } from "./note-versions.js";

export interface AddAddendumInput {
  professionalId: string;
  patientId: string;
  text: string;
}

export type AddendumOutcome =
  | { kind: "added"; version: number; patientName: string; noteCreatedAt: string }
  | { kind: "noNote"; patientName: string };

/** What a typed addendum's sealed content holds. */
export interface TypedAddendum {
  text: string;
}

export async function addAddendum(sql: Sql, deps: RecordsDeps, place: TurnPlace, input: AddAddendumInput): Promise<AddendumOutcome> {
  const patientName = await patientLabel(sql, input.patientId);
  const note = await lastNoteOf(sql, place.clinicId, input.patientId);
  if (!note) return { kind: "noNote", patientName };
  const content: TypedAddendum = { text: input.text.trim() };
  const version = await appendNoteVersion(sql, {
    noteId: note.id, clinicId: place.clinicId, kind: "addendum", source: "typed",
    contentSealed: await deps.sealer.seal(JSON.stringify(content)), transcriptSealed: null, dictationId: null,
    professionalId: input.professionalId, ai: null, reviewedById: input.professionalId, now: place.now,
  });
  return { kind: "added", version, patientName, noteCreatedAt: new Date(note.createdAt).toISOString() };
}
