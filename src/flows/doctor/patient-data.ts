// A confirmed document lacks the patient's CPF or address: the doctor types
// them now (validated here: CPF check digits, the address as one line with
// its CEP) or has the patient asked in their own chat. The request itself
// waits in the database (src/documents/patient-data.ts), so nothing typed is
// lost if the patient answers a day later.
import type { PatientDataField } from "../../chat-events/types.js";
import { looksLikeCpf, readAddress, readCpf } from "../../documents/patient-data-input.js";
import { type Effect, type StepResult, reply } from "../types.js";
import { menuNumber, saysAny } from "../understand.js";
import type { DoctorState, SupplyingPatientDataState } from "./state.js";
import { patientDataTexts as d } from "./patient-data-texts.js";
import { doctorTexts } from "./texts.js";

type Result = StepResult<DoctorState>;
const to = (state: DoctorState, ...effects: Effect[]): Result => ({ state, effects });

/** The outcome "patientDataMissing": the doctor chooses how the data comes. */
export function askHowToCollect(state: DoctorState, requestId: string, fields: PatientDataField[], patientName: string): Result {
  const next: DoctorState = { type: "supplyingPatientData", requestId, fields, given: {}, typing: false, patientName, selected: state.selected };
  return to(next, reply(d.missing(patientName, fields)));
}

const nextField = (state: SupplyingPatientDataState) => state.fields.find((field) => state.given[field] === undefined);

function askNext(state: SupplyingPatientDataState): Result {
  const field = nextField(state);
  if (!field) {
    return to({ type: "idle", selected: state.selected }, { kind: "supplyPatientData", requestId: state.requestId, ...state.given });
  }
  return to(state, reply(field === "cpf" ? d.askCpf(state.patientName) : d.askAddress(state.patientName)));
}

export function supplyingPatientData(state: SupplyingPatientDataState, raw: string, text: string): Result | undefined {
  const choice = menuNumber(text);
  if (!state.typing) {
    if (choice === 1 || saysAny(text, ["digitar", "digitar agora"])) return askNext({ ...state, typing: true });
    if (choice === 2 || saysAny(text, ["pedir", "pedir ao paciente", "pedir a paciente"])) {
      return to({ type: "idle", selected: state.selected }, { kind: "askPatientForData", requestId: state.requestId });
    }
    if (choice === 3) return to({ type: "idle", selected: state.selected }, reply(doctorTexts.cancelled));
  }
  const field = nextField(state);
  if (field === "cpf") {
    const cpf = readCpf(raw);
    if (cpf) return askNext({ ...state, typing: true, given: { ...state.given, cpf } });
    if (state.typing || looksLikeCpf(raw)) return to({ ...state, typing: true }, reply(d.cpfInvalid));
  }
  if (field === "address" && state.typing) {
    const address = readAddress(raw);
    return address ? askNext({ ...state, given: { ...state.given, address } }) : to(state, reply(d.addressInvalid));
  }
  return to(state, reply(d.choose));
}
