// The doctor conversation. Reached only from a phone registered as a
// professional of the clinic; a patient can never enter it (src/bot/turn.ts
// decides by the sender's phone, not by anything the message says).
import { parseWhen } from "../../scheduling/parse-when.js";
import { type Effect, type FlowInput, type StepResult, reply } from "../types.js";
import { menu } from "../choices.js";
import { isDoctorEvent } from "../../chat-events/types.js";
import { globalWord, isGreeting, menuNumber, normalize } from "../understand.js";
import { parseCommand, type DoctorCommand } from "./commands.js";
import { answerOpenDictation, onAudio, saveAsAddendum, startDictation, typedCorrection } from "./dictation.js";
import { reviewingDocument, startDocument } from "./documents.js";
import { onDoctorClinicEvent, onDoctorEffectEvent } from "./events.js";
import { answerPrescription, typedPrescription } from "./prescription.js";
import { supplyingPatientData } from "./patient-data.js";
import { answerSignature } from "./signature-approval.js";
import type { DoctorContext, DoctorState, PatientOption, SelectedPatient } from "./state.js";
import { doctorTexts as t } from "./texts.js";

export { DOCTOR_FLOW_VERSION, initialDoctorState, type DoctorContext, type DoctorState } from "./state.js";

type Result = StepResult<DoctorState>;
const to = (state: DoctorState, ...effects: Effect[]): Result => ({ state, effects });

export function doctorStep(stored: DoctorState, input: FlowInput, ctx: DoctorContext): Result {
  if (input.kind === "reaction") return to(stored);
  if (input.kind === "event") return (input.event && onDoctorEffectEvent(stored, input.event, ctx.clinic.timeZone)) ?? to(stored);
  if (input.kind === "clinicEvent") return input.clinicEvent && isDoctorEvent(input.clinicEvent) ? onDoctorClinicEvent(stored, input.clinicEvent) : to(stored);
  // The choice of patient lasts for the clinic's day.
  const state: DoctorState = stored.selected && stored.selected.date !== ctx.today ? { ...stored, selected: undefined } : stored;
  const { selected } = state;
  const text = normalize(input.text);
  const word = globalWord(text);
  if (word === "cancel") return to({ type: "idle", selected }, reply(t.cancelled));
  const signing = input.kind === "text" ? answerSignature(state, input.text ?? "", text, ctx) : undefined;
  if (signing) return signing;
  if (word === "help" || word === "menu" || isGreeting(text) || (!ctx.lastInboundAt && input.kind === "text" && !parseCommand(input.text))) {
    const current = selected ? [reply(t.currentPatient(selected.name))] : [];
    return to({ type: "idle", selected }, reply(t.greeting(ctx.professional.name, ctx.clinic.name)), reply(t.help), ...current);
  }
  if (input.kind === "audio") return onAudio(state, input, ctx);
  if (input.kind !== "text") return to(state, reply(t.notUnderstood));
  return onText(state, input.text ?? "", text, ctx) ?? to(state, reply(t.notUnderstood));
}

function onText(state: DoctorState, raw: string, text: string, ctx: DoctorContext): Result | undefined {
  const command = parseCommand(raw);
  switch (state.type) {
    case "choosingPatient": {
      const picked = command ? undefined : pickOption(state.options, text);
      if (picked) return choose(picked, state.pendingAudio ? { audio: state.pendingAudio } : {}, ctx);
      if (!command) return to(state, reply(t.chooseNumber(state.options.length)));
      break;
    }
    case "correctingNote":
      if (!command) return typedCorrection(state, raw);
      break;
    case "typingPrescription":
      if (!command && state.selected) return typedPrescription(raw, state.selected, state.allergies, ctx);
      break;
    case "reviewingPrescription":
    case "choosingItemToCorrect":
    case "correctingItem": {
      const answered = command ? undefined : answerPrescription(state, raw, text, ctx);
      if (answered) return answered;
      break;
    }
    case "supplyingPatientData": {
      const answered = command ? undefined : supplyingPatientData(state, raw, text);
      if (answered) return answered;
      break;
    }
    case "reviewingDocument": {
      const answered = command ? undefined : reviewingDocument(state, text, ctx);
      if (answered) return answered;
      break;
    }
  }
  if (!command && ctx.openDictation) {
    const answered = answerOpenDictation(state, text, ctx.openDictation);
    if (answered) return answered;
  }
  return command ? runCommand(state, command, ctx) : undefined;
}

function runCommand(state: DoctorState, command: DoctorCommand, ctx: DoctorContext): Result {
  const { selected } = state;
  if (command.kind === "agenda") {
    if (!ctx.agenda) return to({ type: "idle", selected }, reply(t.agendaDateInvalid));
    const options = ctx.agenda.entries.map(({ patientId, name }) => ({ patientId, name }));
    return to(options.length > 0 ? { type: "choosingPatient", options, selected } : { type: "idle", selected }, reply(t.agenda(ctx.agenda)));
  }
  if (command.kind === "patient") {
    const matches = ctx.patientMatches ?? [];
    if (matches.length === 0) return to({ type: "idle", selected }, reply(t.patientNotFound(command.query)));
    if (matches.length === 1) return choose(matches[0]!, {}, ctx);
    return to({ type: "choosingPatient", options: matches, selected }, menu(t.choosePatient(matches)));
  }
  if (command.kind === "addendum") return addendum(state, command.text, ctx);
  if (!selected) return to({ type: "idle" }, reply(t.noPatientChosen));
  return startDocument(command, selected, ctx);
}

/**
 * "adendo <texto>" appends the doctor's words to the selected patient's last
 * saved note. "adendo" alone, with a draft waiting, saves that draft as an
 * addendum (its patient is the draft's, whoever is selected now).
 */
function addendum(state: DoctorState, text: string, ctx: DoctorContext): Result {
  const { selected } = state;
  if (text === "") {
    if (ctx.openDictation?.status === "drafted") return saveAsAddendum(state, ctx.openDictation);
    return to({ type: "idle", selected }, reply(selected ? t.addendumFormat : t.noPatientChosen));
  }
  if (!selected) return to({ type: "idle" }, reply(t.noPatientChosen));
  return to({ type: "idle", selected }, { kind: "addAddendum", professionalId: ctx.professional.id, patientId: selected.patientId, text });
}

function pickOption(options: PatientOption[], text: string): PatientOption | undefined {
  const number = menuNumber(text);
  return number !== undefined ? options[number - 1] : undefined;
}

function choose(option: PatientOption, pending: { audio?: Parameters<typeof startDictation>[1] }, ctx: DoctorContext): Result {
  const selected: SelectedPatient = { ...option, date: ctx.today };
  if (pending.audio) return startDictation(selected, pending.audio, ctx);
  return to({ type: "idle", selected }, reply(t.patientSelected(option.name)));
}

const PRESCRIPTION_STATES = new Set<DoctorState["type"]>(["typingPrescription", "reviewingPrescription", "choosingItemToCorrect", "correctingItem"]);

/** What a turn must load for this message (src/bot/doctor-facts.ts). */
export interface DoctorNeeds {
  /** A local date whose agenda to list; null when the doctor asked for a date that cannot be read. */
  agendaDate?: string | null;
  patientQuery?: string;
  lastNoteOf?: string;
  /** The controlled-drug table, for a prescription's preview. */
  controlledDrugs?: boolean;
}

export function doctorNeeds(state: DoctorState, input: FlowInput, today: string, now: Date, timeZone: string): DoctorNeeds {
  const selected = state.selected?.date === today ? state.selected : undefined;
  if (input.kind === "audio") return selected ? {} : { agendaDate: today };
  const command = input.kind === "text" ? parseCommand(input.text) : undefined;
  if (command?.kind === "agenda") {
    if (command.when === "" || command.when === "hoje") return { agendaDate: today };
    return { agendaDate: parseWhen(command.when, { now, timeZone })?.date ?? null };
  }
  if (command?.kind === "patient") return { patientQuery: command.query };
  const drafting = PRESCRIPTION_STATES.has(state.type) || command?.kind === "prescription";
  const controlled = drafting ? { controlledDrugs: true } : {};
  if (selected && (command?.kind === "prescription" || command?.kind === "certificate")) return { lastNoteOf: selected.patientId, ...controlled };
  return controlled;
}
