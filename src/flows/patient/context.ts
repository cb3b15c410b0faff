// What a patient turn gives the flow to read.
import type { BaseContext } from "../types.js";
import type { ClinicInfoView } from "./clinic-info-view.js";
import type { PatientDocumentsView } from "./documents.js";
import type { SchedulingView } from "./scheduling-view.js";

/** Someone the patient books for (dependants.ts). */
export interface DependantView {
  id: string;
  name: string;
  relationship: string;
  /** YYYY-MM-DD */
  birthDate: string | null;
  /** Their latest completed appointment (ISO), for procedures that need a recent one. */
  lastCompletedAt: string | null;
}

export interface PatientView {
  name?: string;
  consentGranted: boolean;
  /** The latest consent answer is a refusal or a withdrawal: the clinic starts nothing in this chat. */
  consentWithdrawn?: boolean;
  /** YYYY-MM-DD, when known: procedures with an age rule need it. */
  birthDate?: string | null;
  /** People this patient books for (a child, say): they have no chat of their own. */
  dependants?: DependantView[];
}

export interface PatientContext extends BaseContext {
  /** Null until the patient consents: nothing about them is stored before that. */
  patient: PatientView | null;
  scheduling?: SchedulingView;
  /** The patient's signed documents, when the message may need them. */
  documents?: PatientDocumentsView;
  /** The waitlist offer open for this patient, loaded when the message may take it ("quero a vaga"). */
  openOffer?: { entryId: string; appointmentId: string };
  /** Whether voice notes are transcribed (a transcriber is configured). */
  voice?: { transcription: boolean };
  /** What the chat answers about the clinic (address, hours, plans, faq); needs no consent. */
  clinicInfo?: ClinicInfoView;
  /** A model may match a question no rule understood to the clinic's entries (OPENAI_API_KEY set). */
  questionMatching?: boolean;
}
