// The doctor conversation's state and what a turn gives it to read.
import type { CloudSigningProvider } from "../../chat-events/types.js";
import type { PatientDataField } from "../../chat-events/types.js";
import type { ControlledDrug } from "../../documents/document-types.js";
import type { FormularyEntryRow } from "../../documents/prescription/formulary.js";
import type { ParsedItem } from "../../documents/prescription/prescription-item.js";
import type { AudioRef, BaseContext, DocumentRequest } from "../types.js";

export interface PatientOption {
  patientId: string;
  name: string;
}

/** The patient the doctor is working on; kept until changed or the day ends. */
export interface SelectedPatient extends PatientOption {
  /** Clinic-local date of the choice, "YYYY-MM-DD". */
  date: string;
}

type Common = {
  selected?: SelectedPatient;
  /** The PSC's app code was asked for: the next message of digits goes to the PSC (never kept here). */
  signatureCode?: { provider: CloudSigningProvider };
};

export type DoctorState = Common & (
  | { type: "idle" }
  | { type: "choosingPatient"; options: PatientOption[]; pendingAudio?: AudioRef }
  | { type: "correctingNote"; dictationId: string }
  | { type: "typingPrescription"; allergies?: string[] }
  | { type: "reviewingDocument"; request: DocumentRequest }
  | PrescriptionDraftState
  | SupplyingPatientDataState
);

/** A confirmed document waits for the patient's CPF or address (src/flows/doctor/patient-data.ts). */
export type SupplyingPatientDataState = Common & {
  type: "supplyingPatientData";
  requestId: string;
  fields: PatientDataField[];
  given: { cpf?: string; address?: string };
  /** The doctor chose to type the data. */
  typing: boolean;
  patientName: string;
};

/**
 * A prescription being reviewed item by item. `allergies` are the patient's
 * recorded ones, read when the draft started, so a corrected item is checked
 * against them too.
 */
export type PrescriptionDraftState =
  | { type: "reviewingPrescription"; items: ParsedItem[]; allergies: string[] }
  | { type: "choosingItemToCorrect"; items: ParsedItem[]; allergies: string[] }
  | { type: "correctingItem"; items: ParsedItem[]; allergies: string[]; index: number };

export const DOCTOR_FLOW_VERSION = 1;
export const initialDoctorState: DoctorState = { type: "idle" };

export interface AgendaEntry extends PatientOption {
  /** "HH:MM" in the clinic's zone. */
  time: string;
  procedure: string;
}

export interface AgendaView {
  date: string;
  entries: AgendaEntry[];
}

/** The doctor's dictation that waits for an answer (the newest drafted or failed one). */
export interface OpenDictation {
  id: string;
  status: "drafted" | "failed";
  patientName: string;
}

export interface LastNoteView {
  medications: { name: string; strength: string | null; form: string | null; dose: string | null; route: string | null; frequency: string | null; duration: string | null }[];
  cid10?: string;
  /** The allergies recorded in the note, as written ("alérgica a penicilina"). */
  allergies?: string[];
}

export interface DoctorContext extends BaseContext {
  professional: { id: string; name: string };
  /** The clinic's local date of `now`. */
  today: string;
  dictation: { configured: boolean; maxSeconds: number; maxBytes: number };
  /** Loaded when the message asks for it (see doctorNeeds). */
  agenda?: AgendaView;
  patientMatches?: PatientOption[];
  openDictation?: OpenDictation;
  /** The selected patient's last confirmed note, for "receita" and "atestado com CID". */
  lastNote?: LastNoteView;
  /** The clinic's controlled-drug table, loaded while a prescription is drafted. */
  controlledDrugs?: ControlledDrug[];
  /**
   * The formulary entries admins added (brands, overrides), loaded with the
   * controlled-drug table: the preview reads "Xyzbrand" as its substance and
   * flags it as controlled, as issuing will.
   */
  formularyEntries?: FormularyEntryRow[];
}
