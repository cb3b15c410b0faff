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
import { FOLD_FROM, FOLD_TO, findLastDictatedNote, findOpenDictation, listDoctorAgenda, searchClinicPatients } from "./chat-facts-statements.js";
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
  const row = await findOpenDictation(sql, professionalId);
  return row ? { id: row.id, status: row.status, patientName: row.patientName ?? row.phone } : undefined;
}

async function agenda(sql: Sql, professionalId: string, date: string, zone: ReturnType<typeof makeZone>): Promise<AgendaEntry[]> {
  const day = parseLocalDate(date)!;
  const from = zone.instantOfWall(day * DAY_MS).ms;
  const to = zone.instantOfWall((day + 1) * DAY_MS).ms;
  const rows = await listDoctorAgenda(sql, professionalId, new Date(from), new Date(to));
  return rows.map((row) => ({
    patientId: row.patientId,
    name: row.name ?? row.phone,
    time: formatWallTime(zone.localPartsOf(row.startsAt.getTime()).minuteOfDay),
    procedure: row.procedure,
  }));
}

const fold = (text: string) => [...text.toLowerCase()].map((c) => FOLD_TO[FOLD_FROM.indexOf(c)] ?? c).join("");

/** Every word of the query, without accents, somewhere in the name. */
async function searchPatients(sql: Sql, professionalId: string, query: string): Promise<PatientOption[]> {
  const words = fold(query).split(/\s+/).filter((word) => word.length >= 2).slice(0, 5);
  if (words.length === 0) return [];
  const rows = await searchClinicPatients(sql, professionalId, words.map((word) => `%${word.replace(/[%_\\]/g, "")}%`));
  return rows.map((row) => ({ patientId: row.id, name: row.name }));
}

async function lastNote(sql: Sql, patientId: string, open: (sealed: string) => Promise<string>): Promise<LastNoteView | undefined> {
  const row = await findLastDictatedNote(sql, patientId);
  if (!row) return undefined;
  const note = JSON.parse(await open(row.contentSealed)) as ClinicalNote;
  const cid10 = note.assessment.find((d) => d.cid10)?.cid10 ?? undefined;
  return { medications: note.medications, allergies: note.allergies.map((allergy) => allergy.text), ...(cid10 ? { cid10 } : {}) };
}
