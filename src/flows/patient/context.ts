// What a patient turn gives the flow to read.
import type { BaseContext } from "../types.js";
import type { ClinicInfoView } from "./clinic-info-view.js";
import type { PatientDocumentsView } from "./documents.js";
import type { SchedulingView } from "./scheduling-view.js";

export interface PatientView {
  name?: string;
  consentGranted: boolean;
  /** The latest consent answer is a refusal or a withdrawal: the clinic starts nothing in this chat. */
  consentWithdrawn?: boolean;
}

export interface PatientContext extends BaseContext {
  /** Null until the patient consents: nothing about them is stored before that. */
  patient: PatientView | null;
  scheduling?: SchedulingView;
  /** The patient's signed documents, when the message may need them. */
  documents?: PatientDocumentsView;
  /** The waitlist offer open for this patient, loaded when the message may take it ("quero a vaga"). */
  openOffer?: { entryId: string; appointmentId: string };
  /** What the chat answers about the clinic (address, hours, plans, faq); needs no consent. */
  clinicInfo?: ClinicInfoView;
  /** A model may match a question no rule understood to the clinic's entries (OPENAI_API_KEY set). */
  questionMatching?: boolean;
}
