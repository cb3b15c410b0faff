// What a doctor's turn reads besides the common facts: the agenda, a patient
// search, the open dictation, the selected patient's last note, and the
// audio's length. The flow says what it needs (doctorNeeds); this loads it.
import { audioDurationSeconds } from "../ai/audio-duration.js";
import type { ClinicalNote } from "../ai/clinical-note.js";
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";
import { loadMedia } from "../db/media.js";
import { loadControlledDrugs } from "../documents/document-facts.js";
import { loadFormularyEntries } from "../documents/prescription/load-formulary.js";
import { doctorNeeds } from "../flows/doctor/step.js";
import type { AgendaEntry, DoctorContext, DoctorState, LastNoteView, OpenDictation, PatientOption } from "../flows/doctor/state.js";
import type { BaseContext, FlowInput } from "../flows/types.js";
import { formatLocalDate, formatWallTime, parseLocalDate, DAY_MS } from "../scheduling/local-date.js";
import { makeZone } from "../scheduling/zoned-time.js";
import type { EffectServices } from "./interpreter.js";

export async function loadDoctorTurn(
  sql: Sql, cipher: Cipher, services: EffectServices | undefined, base: BaseContext, professional: { id: string; name: string },
  state: DoctorState, input: FlowInput,
): Promise<{ ctx: DoctorContext; input: FlowInput }> {
  const zone = makeZone(base.clinic.timeZone);
  const today = formatLocalDate(zone.localPartsOf(base.now.getTime()).dayNumber);
  const settings = services?.records?.settings;
  const needs = doctorNeeds(state, input, today, base.now, base.clinic.timeZone);
  const ctx: DoctorContext = {
    ...base,
    professional,
    today,
    dictation: { configured: settings?.dictationConfigured ?? false, maxSeconds: settings?.maxSeconds ?? 600, maxBytes: settings?.maxBytes ?? 25 * 1_048_576 },
    openDictation: await openDictation(sql, professional.id),
  };
  if (needs.agendaDate) ctx.agenda = { date: needs.agendaDate, entries: await agenda(sql, professional.id, needs.agendaDate, zone) };
  if (needs.patientQuery) ctx.patientMatches = await searchPatients(sql, professional.id, needs.patientQuery);
  if (needs.lastNoteOf && services?.records) {
    ctx.lastNote = await lastNote(sql, needs.lastNoteOf, (sealed) => services.records!.sealer.open(sealed));
  }
  if (needs.controlledDrugs) {
    ctx.controlledDrugs = await loadControlledDrugs(sql);
    ctx.formularyEntries = await loadFormularyEntries(sql);
  }
  return { ctx, input: input.kind === "audio" ? await withAudioFacts(sql, cipher, input) : input };
}

async function withAudioFacts(sql: Sql, cipher: Cipher, input: FlowInput): Promise<FlowInput> {
  if (!input.mediaId) return input;
  const media = await loadMedia(sql, cipher, input.mediaId);
  if (!media) return input;
  const durationSeconds = await audioDurationSeconds(media.data, media.mimetype);
  return { ...input, sizeBytes: media.sizeBytes, ...(durationSeconds !== undefined ? { durationSeconds } : {}) };
}

async function openDictation(sql: Sql, professionalId: string): Promise<OpenDictation | undefined> {
  const [row] = await sql.query<{ id: string; status: "drafted" | "failed"; patientName: string | null; phone: string }>(
    `SELECT d.id, d.status, p.name AS "patientName", p.phone FROM "Dictation" d JOIN "Patient" p ON p.id = d."patientId"
     WHERE d."professionalId" = $1 AND d.status IN ('drafted', 'failed') ORDER BY d."updatedAt" DESC LIMIT 1`,
    [professionalId],
  );
  return row ? { id: row.id, status: row.status, patientName: row.patientName ?? row.phone } : undefined;
}

async function agenda(sql: Sql, professionalId: string, date: string, zone: ReturnType<typeof makeZone>): Promise<AgendaEntry[]> {
  const day = parseLocalDate(date)!;
  const from = zone.instantOfWall(day * DAY_MS).ms;
  const to = zone.instantOfWall((day + 1) * DAY_MS).ms;
  const rows = await sql.query<{ patientId: string; name: string | null; phone: string; startsAt: Date; procedure: string }>(
    `SELECT a."patientId", p.name, p.phone, a."startsAt", pr.name AS procedure
     FROM "Appointment" a JOIN "Patient" p ON p.id = a."patientId" JOIN "Procedure" pr ON pr.id = a."procedureId"
     WHERE a."professionalId" = $1 AND a.status IN ('booked', 'confirmed') AND a."startsAt" >= $2 AND a."startsAt" < $3
     ORDER BY a."startsAt"`,
    [professionalId, new Date(from), new Date(to)],
  );
  return rows.map((row) => ({
    patientId: row.patientId,
    name: row.name ?? row.phone,
    time: formatWallTime(zone.localPartsOf(row.startsAt.getTime()).minuteOfDay),
    procedure: row.procedure,
  }));
}

const FOLD_FROM = "áàâãäéèêëíìîïóòôõöúùûüç";
const FOLD_TO = "aaaaaeeeeiiiiooooouuuuc";
const fold = (text: string) => [...text.toLowerCase()].map((c) => FOLD_TO[FOLD_FROM.indexOf(c)] ?? c).join("");

/** Every word of the query, without accents, somewhere in the name. */
async function searchPatients(sql: Sql, professionalId: string, query: string): Promise<PatientOption[]> {
  const words = fold(query).split(/\s+/).filter((word) => word.length >= 2).slice(0, 5);
  if (words.length === 0) return [];
  const conditions = words.map((_, i) => `translate(lower(p.name), '${FOLD_FROM}', '${FOLD_TO}') LIKE $${i + 2}`);
  const rows = await sql.query<{ id: string; name: string }>(
    `SELECT p.id, p.name FROM "Patient" p JOIN "Professional" pro ON pro."clinicId" = p."clinicId"
     WHERE pro.id = $1 AND p.name IS NOT NULL AND ${conditions.join(" AND ")} ORDER BY p.name LIMIT 9`,
    [professionalId, ...words.map((word) => `%${word.replace(/[%_\\]/g, "")}%`)],
  );
  return rows.map((row) => ({ patientId: row.id, name: row.name }));
}

async function lastNote(sql: Sql, patientId: string, open: (sealed: string) => Promise<string>): Promise<LastNoteView | undefined> {
  const [row] = await sql.query<{ contentSealed: string }>(
    `SELECT v."contentSealed" FROM "ClinicalNoteVersion" v JOIN "ClinicalNote" n ON n.id = v."noteId"
     WHERE n."patientId" = $1 AND v.source = 'dictation' ORDER BY v."createdAt" DESC, v.version DESC LIMIT 1`,
    [patientId],
  );
  if (!row) return undefined;
  const note = JSON.parse(await open(row.contentSealed)) as ClinicalNote;
  const cid10 = note.assessment.find((d) => d.cid10)?.cid10 ?? undefined;
  return { medications: note.medications, allergies: note.allergies.map((allergy) => allergy.text), ...(cid10 ? { cid10 } : {}) };
}
