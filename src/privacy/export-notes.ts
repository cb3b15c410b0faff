// The clinical notes in a patient's data export: each note with its versions
// (the note, then its addenda, in order), each saying whether a model
// structured it, which one and when, and which doctor reviewed and confirmed
// it (CFM Resolution 2.454/2026). Content goes in only by the clinic's policy.
import type { Sql } from "../db/database.js";
import { listExportNoteVersions } from "./privacy-statements.js";

export interface ExportedNoteVersion {
  version: number;
  kind: "note" | "addendum";
  createdAt: string;
  professional: string;
  aiAssisted: boolean;
  aiModel: string | null;
  aiStructuredAt: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  content?: unknown;
}

export interface ExportedNote {
  createdAt: string;
  professional: string;
  /** Whether any version of the note was structured by a model. */
  aiAssisted: boolean;
  versions: ExportedNoteVersion[];
}

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

export async function exportNotes(sql: Sql, patientId: string, readNote?: (sealed: string) => unknown): Promise<ExportedNote[]> {
  const rows = await listExportNoteVersions(sql, patientId);
  const notes = new Map<string, ExportedNote>();
  for (const row of rows) {
    const note = notes.get(row.noteId) ?? { createdAt: new Date(row.noteCreatedAt).toISOString(), professional: row.author, aiAssisted: false, versions: [] };
    note.aiAssisted ||= row.aiAssisted;
    note.versions.push({
      version: row.version, kind: row.kind, createdAt: new Date(row.createdAt).toISOString(), professional: row.professional,
      aiAssisted: row.aiAssisted, aiModel: row.aiModel, aiStructuredAt: iso(row.aiStructuredAt),
      reviewedBy: row.reviewer, reviewedAt: iso(row.reviewedAt),
      ...(readNote ? { content: readNote(row.contentSealed) } : {}),
    });
    notes.set(row.noteId, note);
  }
  return [...notes.values()];
}

/** One line of the export's PDF: "nota clínica de Dra. Ana (organizada com IA, modelo gpt-4o, revisada por Dra. Ana), 1 adendo". */
export function noteSummary(note: ExportedNote): string {
  const first = note.versions[0];
  const ai = first?.aiAssisted
    ? ` (organizada com IA${first.aiModel ? `, modelo ${first.aiModel}` : ""}${first.reviewedBy ? `, revisada e confirmada por ${first.reviewedBy}` : ""})`
    : " (sem IA)";
  const addenda = note.versions.length - 1;
  return `nota clínica de ${note.professional}${ai}${addenda > 0 ? `, ${addenda} ${addenda === 1 ? "adendo" : "adendos"}` : ""}`;
}
