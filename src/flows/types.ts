// What flows receive and what they ask the runtime to do. Flows are pure:
// everything they need to read comes in `ctx`, everything they change goes
// out as effects (data), performed by the interpreter in one transaction.
import type { ChatEvent, SignedPdf } from "../chat-events/types.js";
import type { CidAnswerOutcome } from "../documents/answer-cid-authorization.js";
import type { DocumentRequest } from "../documents/document-types.js";
import type { IssueOutcome } from "../documents/issue-document.js";
import type { SignatureApprovalOutcome } from "../documents/psc/approve-from-chat.js";
import type { AskOutcome, SupplyOutcome } from "../documents/supply-patient-data.js";
import type { PixCharge } from "../payments/create-pix-for-appointment.js";
import type { AudioRef } from "../records/deps.js";
import type { DictationStart } from "../records/dictation-steps.js";
import type { ReceptionAvailability } from "../scheduling/reception-hours.js";

export type { AudioRef, DocumentRequest, PixCharge };

export type InputKind =
  | "text" | "audio" | "document" | "image" | "video" | "sticker" | "location" | "reaction" | "other"
  /** Not from the person: the outcome of an effect, fed back to the flow in the same turn. */
  | "event"
  /** Not from the person: something the clinic started (src/chat-events/), in the chat's order. */
  | "clinicEvent";

export interface FlowInput {
  kind: InputKind;
  text?: string;
  /** Stored media of this message (audio, document, image), when there is one. */
  mediaId?: string;
  mimetype?: string;
  durationSeconds?: number;
  sizeBytes?: number;
  event?: FlowEvent;
  clinicEvent?: ChatEvent;
}



/** A free time offered to a patient (instants as ISO strings, so states stay JSON). */
export interface SlotOption {
  startsAt: string;
  endsAt: string;
  professionalId: string;
}

export type FlowEvent =
  | { type: "slotsFound"; slots: SlotOption[] }
  | { type: "slotHeld"; appointmentId: string }
  | { type: "slotTaken"; alternatives: SlotOption[] }
  /** `reminderAt` (ISO): when the first reminder goes; null: none will (the time is too close); absent: not known. */
  | { type: "booked"; appointmentId: string; startsAt: string; professionalId: string; procedureId: string; reminderAt?: string | null }
  | { type: "cancelled"; appointmentId: string }
  /** The change policy (src/scheduling/change-policy.ts) refused a cancel or reschedule; `noticeHours` is the rule that applied. */
  | { type: "cancelTooLate"; deadline: string; action?: "cancel" | "reschedule"; noticeHours?: number }
  | { type: "appointmentConfirmed"; appointmentId: string }
  | { type: "appointmentGone" }
  /** `updated`: the patient was already waiting for this procedure and their days and periods were replaced. */
  | { type: "waitlistJoined"; updated: boolean; weekdays: number[]; periods: string[] }
  /** A "sim" to a waitlist offer that is no longer open (it ran out, or was declined). */
  | { type: "offerUnavailable"; procedureId: string; professionalId: string | null }
  /** A Pix was sent to the chat (QR code and "copia e cola"); the hold lasts until `deadline` (ISO). */
  | { type: "paymentRequested"; appointmentId: string; deadline: string; pix?: PixCharge }
  | { type: "paymentUnavailable"; appointmentId: string }
  /** The appointment is no longer held: its time was released. */
  | { type: "paymentExpired" }
  /** `passedOn`: the time went to another waiting patient. */
  | { type: "offerDeclined"; passedOn: boolean; procedureId: string; professionalId: string | null }
  | { type: "dataExported" }
  | { type: "erasureRequested"; alreadyOpen: boolean }
  | { type: "consentWithdrawn" }
  // Doctor: dictation and documents; patient: the CID answer and "meus documentos".
  | { type: "noteSaved"; version: number; patientName: string }
  | { type: "noteNotOpen" }
  /** Whether a voice note went to transcription; answered in the same turn. */
  | { type: "dictationStart"; outcome: DictationStart; seconds: number }
  | { type: "documentIssue"; outcome: IssueOutcome }
  | { type: "cidAnswer"; outcome: CidAnswerOutcome }
  | { type: "documentResent"; pdf: SignedPdf; revoked: boolean }
  | { type: "documentNotFound" }
  // Doctor and patient: the patient's missing data for a waiting document (src/documents/supply-patient-data.ts).
  | { type: "patientDataSupplied"; outcome: SupplyOutcome }
  | { type: "patientDataAsk"; outcome: AskOutcome }
  | { type: "patientDataSaved"; documentComing: boolean }
  /** The reception was told; whether it is there now or when it opens. */
  | { type: "handoffOpened"; reception: ReceptionAvailability; urgent?: boolean }
  /** Which of the questions sent (matchClinicQuestion) the model chose; null: none fits, or no model answered. */
  | { type: "clinicQuestionMatched"; index: number | null }
  /** Doctor: "assinar", the app's code or "sair da assinatura" (src/documents/psc/approve-from-chat.ts). */
  | { type: "signatureApproval"; outcome: SignatureApprovalOutcome };

export type Effect =
  | { kind: "reply"; text: string }
  /** A stored file (a signed PDF, a Pix QR code) into this chat, with its caption. */
  | { kind: "sendMedia"; media: "document" | "image"; mediaId: string; mimetype: string; filename: string; caption: string }
  | { kind: "recordConsent"; granted: boolean; textVersion: string }
  | { kind: "savePatientName"; name: string }
  /** Asks for a person: records the request (answered by handoffOpened); `wait` also keeps the bot silent for `minutes`. */
  | { kind: "handoff"; minutes: number; wait: boolean; urgent?: boolean }
  /** A question no rule matched: a model may choose which of `questions` (the clinic's entries) it asks; it writes no answer. */
  | { kind: "matchClinicQuestion"; text: string; questions: string[] }
  | { kind: "findSlots"; procedureId: string; professionalId: string | null; from?: string; to?: string }
  | { kind: "holdSlot"; procedureId: string; slot: SlotOption; rescheduleOf?: string }
  | { kind: "confirmHold"; appointmentId: string }
  | { kind: "releaseHold"; appointmentId: string }
  | { kind: "cancelAppointment"; appointmentId: string }
  | { kind: "confirmAppointment"; appointmentId: string }
  /** Weekdays 0 = Sunday; periods "manha" | "tarde" | "noite"; empty lists: any. */
  | { kind: "joinWaitlist"; procedureId: string; professionalId: string | null; weekdays: number[]; periods: string[] }
  | { kind: "answerWaitlistOffer"; entryId: string; appointmentId: string; accept: boolean }
  | { kind: "exportMyData" }
  | { kind: "requestErasure" }
  | { kind: "withdrawConsent" }
  // Pix prepayment (src/payments/, src/bot/effects/payments.ts).
  | { kind: "requestPayment"; appointmentId: string }
  | { kind: "cancelPayment"; appointmentId: string }
  /** A durable background job, enqueued in the turn's transaction. */
  | { kind: "enqueueJob"; name: string; data: Record<string, unknown>; singletonKey?: string }
  // Doctor: dictation and records (src/records/), documents (src/documents/issue-document.ts).
  | { kind: "startDictation"; professionalId: string; patientId: string; audio: AudioRef }
  | { kind: "correctDictation"; dictationId: string; text?: string; audio?: AudioRef }
  | { kind: "saveNote"; dictationId: string }
  | { kind: "discardDictation"; dictationId: string }
  | { kind: "retryDictation"; dictationId: string }
  | { kind: "issueDocument"; professionalId: string; patientId: string; request: DocumentRequest }
  // Patient: CID authorisation answer and "meus documentos".
  | { kind: "answerCidAuthorization"; requestId: string; granted: boolean; text: string }
  | { kind: "resendDocument"; documentId: string }
  // The patient's CPF and address for a waiting document: typed by the doctor, asked of the patient, answered by them (or given from the privacy menu, without requestId).
  | { kind: "supplyPatientData"; requestId: string; cpf?: string; address?: string }
  | { kind: "askPatientForData"; requestId: string }
  | { kind: "answerPatientData"; requestId?: string; cpf?: string; address?: string }
  // Doctor: cloud certificate approval. The code goes to the PSC in this turn and is kept nowhere.
  | { kind: "requestSignatureApproval"; professionalId: string }
  | { kind: "approveSignatureCode"; professionalId: string; code: string }
  | { kind: "endSignatureSession"; professionalId: string };

export interface StepResult<S> {
  state: S;
  effects: Effect[];
}

export interface ClinicView {
  name: string;
  timeZone: string;
}

export interface BaseContext {
  now: Date;
  clinic: ClinicView;
  /** When this chat last wrote before the current message; absent on first contact. */
  lastInboundAt?: Date;
  idleMinutes: number;
  handoffMinutes: number;
}

export const reply = (text: string): Effect => ({ kind: "reply", text });
