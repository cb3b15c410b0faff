// The patient's CPF and address, asked by the clinic for a document
// (src/documents/supply-patient-data.ts raises the question) or given from
// the privacy menu. Each answer is validated here before it is stored.
import type { PatientChatEvent } from "../../chat-events/types.js";
import { readAddress, readCpf } from "../../documents/patient-data-input.js";
import { type Effect, type StepResult, reply } from "../types.js";
import { normalize } from "../understand.js";
import { myDataTexts as m } from "./my-data-texts.js";
import type { GivingDataState, PatientState } from "./state.js";

type Result = StepResult<PatientState>;
const to = (state: PatientState, ...effects: Effect[]): Result => ({ state, effects });

export function dataRequested(event: Extract<PatientChatEvent, { type: "patientDataRequested" }>): { state: GivingDataState; effects: Effect[] } {
  const state: GivingDataState = {
    type: "givingData", requestId: event.requestId, fields: event.fields, given: {}, ...(event.forName ? { forName: event.forName } : {}),
  };
  return { state, effects: [reply(`${m.requested(event.professionalName, event.fields, event.documentKind, event.forName)}\n\n${question(state)}`)] };
}

/** From the privacy menu: both, each can be skipped. */
export function startGivingData(): Result {
  const state: GivingDataState = { type: "givingData", fields: ["cpf", "address"], given: {}, optional: true };
  return to(state, reply(question(state)));
}

const nextField = (state: GivingDataState) => state.fields.find((field) => !(field in state.given));

function question(state: GivingDataState): string {
  const field = nextField(state);
  if (state.forName) return field === "cpf" ? m.askCpfOf(state.forName) : m.askAddressOf(state.forName);
  if (field === "cpf") return state.optional ? m.askCpfOptional : m.askCpf;
  return state.optional ? m.askAddressOptional : m.askAddress;
}

export function givingData(state: GivingDataState, raw: string): Result {
  const field = nextField(state);
  const skipped = state.optional && /^(pular|manter|nao)$/.test(normalize(raw));
  let given = state.given;
  if (field === "cpf") {
    const cpf = skipped ? null : readCpf(raw);
    if (cpf === undefined) return to(state, reply(m.cpfInvalid));
    given = { ...given, cpf };
  } else if (field === "address") {
    const address = skipped ? null : readAddress(raw);
    if (address === undefined) return to(state, reply(m.addressInvalid));
    given = { ...given, address };
  }
  const next: GivingDataState = { ...state, given };
  if (nextField(next)) return to(next, reply(question(next)));
  const cpf = given.cpf ?? undefined;
  const address = given.address ?? undefined;
  if (!cpf && !address && !state.requestId) return to({ type: "menu" }, reply(m.nothingChanged));
  return to({ type: "menu" }, { kind: "answerPatientData", ...(state.requestId ? { requestId: state.requestId } : {}), ...(cpf ? { cpf } : {}), ...(address ? { address } : {}) });
}

/** The data was stored; a waiting document is on its way or not. */
export function dataSaved(state: PatientState, documentComing: boolean): Result {
  return to(state, reply(documentComing ? m.savedDocumentComing : m.saved));
}
