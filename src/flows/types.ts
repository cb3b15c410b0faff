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
  /** A dependant the patient registered in the chat (src/flows/patient/dependants.ts). */
  | { type: "dependantSaved"; patientId: string; name: string; birthDate: string; relationship: string }
  /** The change policy (src/scheduling/change-policy.ts) refused a cancel or reschedule; `noticeHours` is the rule that applied. */
  | { type: "cancelTooLate"; deadline: string; action?: "cancel" | "reschedule"; noticeHours?: number }
  | { type: "appointmentConfirmed"; appointmentId: string }
  | { type: "appointmentGone" }
  /** The voice note was not kept for transcription (consent withdrawn, or nothing to transcribe with). */
  | { type: "voiceNoteRefused" }
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
  /** `noteCreatedAt` (ISO): when the note this version belongs to was first saved (an addendum names it). */
  | { type: "noteSaved"; version: number; patientName: string; noteCreatedAt: string }
  /** An addendum was asked for, but the patient has no saved note to append it to. */
  | { type: "noNoteForAddendum"; patientName: string }
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

/**
 * The WhatsApp templates a clinic-started message may go as when the patient
 * has not written for 24 hours (the Cloud API takes nothing else then); their
 * texts live in the clinic's template registry (src/bot/channels/cloud-api/templates.ts).
 */
export const CLINIC_TEMPLATES = [
  "appointment_reminder", "booking_confirmed", "waitlist_offer", "payment_approved", "payment_expired", "document_ready", "prescription_details",
] as const;

/** A clinic-started message's template and its parameters ({{1}}, {{2}}, ...), worded by the flow from the event's facts. */
export interface ReplyTemplate {
  purpose: (typeof CLINIC_TEMPLATES)[number];
  params: string[];
}

/** One option of a menu; `id` is what a pick stands for, as if typed ("1", "0"). */
export interface ReplyChoice {
  id: string;
  title: string;
  description?: string;
}

/** A menu as choices: the text without its numbered lines, the options, the words on a list's button. */
export interface ReplyChoices {
  body: string;
  options: ReplyChoice[];
  listButton: string;
}

export type Effect =
  /** `choices`: the text is a menu (built by `menu`, src/flows/choices.ts); channels that can show buttons or a list do. */
  | { kind: "reply"; text: string; choices?: ReplyChoices; template?: ReplyTemplate }
  /** A stored file (a signed PDF, a Pix QR code) into this chat, with its caption. */
  | { kind: "sendMedia"; media: "document" | "image"; mediaId: string; mimetype: string; filename: string; caption: string; template?: ReplyTemplate }
  | { kind: "recordConsent"; granted: boolean; textVersion: string }
  | { kind: "savePatientName"; name: string }
  /** Asks for a person: records the request (answered by handoffOpened); `wait` also keeps the bot silent for `minutes`. */
  | { kind: "handoff"; minutes: number; wait: boolean; urgent?: boolean }
  /** A patient's voice note to transcription (src/records/voice-notes.ts); the transcript comes back as a chat event. */
  | { kind: "transcribeVoiceNote"; mediaId: string; previousInboundAt?: string }
  /** A question no rule matched: a model may choose which of `questions` (the clinic's entries) it asks; it writes no answer. */
  | { kind: "matchClinicQuestion"; text: string; questions: string[] }
  | { kind: "findSlots"; procedureId: string; professionalId: string | null; from?: string; to?: string }
  /** `forPatientId`: a dependant of the chat's patient, who the appointment is for. */
  | { kind: "holdSlot"; procedureId: string; slot: SlotOption; rescheduleOf?: string; forPatientId?: string }
  /** Stores the birth date the chat asked for an age rule, on the chat's patient or on the dependant `forPatientId`; a known one is kept. */
  | { kind: "saveBirthDate"; birthDate: string; forPatientId?: string }
  /** Registers (or finds by name) a dependant of the chat's patient: a child, say, who has no chat of their own. */
  | { kind: "saveDependant"; name: string; birthDate: string; relationship: string }
  | { kind: "confirmHold"; appointmentId: string }
  | { kind: "releaseHold"; appointmentId: string }
  | { kind: "cancelAppointment"; appointmentId: string }
  | { kind: "confirmAppointment"; appointmentId: string }
  /** Weekdays 0 = Sunday; periods "manha" | "tarde" | "noite"; empty lists: any. */
  | { kind: "joinWaitlist"; procedureId: string; professionalId: string | null; weekdays: number[]; periods: string[]; forPatientId?: string }
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
  /** `asAddendum`: "é um adendo", appended to the patient's last saved note instead of starting a new one. */
  | { kind: "saveNote"; dictationId: string; asAddendum?: boolean }
  /** "adendo <texto>": the doctor's words appended, dated, to the patient's last saved note. */
  | { kind: "addAddendum"; professionalId: string; patientId: string; text: string }
  | { kind: "discardDictation"; dictationId: string }
  | { kind: "retryDictation"; dictationId: string }
  | { kind: "issueDocument"; professionalId: string; patientId: string; request: DocumentRequest }
  // Patient: CID authorisation answer and "meus documentos".
  // Without requestId: "autorizo CID" typed in the middle of something else answers the chat's newest open question.
  | { kind: "answerCidAuthorization"; requestId?: string; granted: boolean; text: string }
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
