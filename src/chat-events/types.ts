// What the clinic starts in a chat: a reminder comes due, a waitlist offer
// opens or runs out, a Pix is paid, a document is signed, a dictation is
// ready. Domain code raises one of these (raise.ts) in its own transaction;
// the engine hands it to the chat's flow under the chat's lock and in the
// chat's order, and the flow alone decides the state and the words.
// Instants are ISO strings and amounts are cents, so a payload is plain JSON.
import type { ClinicalNote } from "../ai/clinical-note.js";

/** An appointment as a chat names it. */
export interface AppointmentFacts {
  appointmentId: string;
  startsAt: string;
  endsAt: string;
  professionalId: string;
  professionalName: string;
  procedureName: string;
}

export type SignedDocumentKind = "prescription" | "certificate" | "exam_request";

/** A signed PDF stored in Media, ready to be sent. */
export interface SignedPdf {
  documentId: string;
  kind: SignedDocumentKind;
  mediaId: string;
  filename: string;
  verificationCode: string;
}

/** What the law asks of the patient that the chat can collect (CPF or another document; the address on a prescription). */
export type PatientDataField = "cpf" | "address";

/** What became of a document the doctor confirmed (src/documents/issue-document.ts); the doctor's flow words it. */
export type IssueOutcome =
  | { kind: "patientGone" }
  | { kind: "refused"; message: string }
  | { kind: "noCertificate" }
  | { kind: "cidAsked"; cid10: string }
  | { kind: "cidNoConsent"; cid10: string }
  /** Only the patient's CPF or address is missing: the request waits in PatientDataRequest for them. */
  | { kind: "patientDataMissing"; requestId: string; fields: PatientDataField[]; patientName: string }
  | { kind: "issuing" };

/** The PSC holding a doctor's cloud certificate, and what can stop a cloud signature (src/documents/psc/). */
export type CloudSigningProvider = "vidaas" | "birdid" | "neoid" | "safeid" | "other";
export type CloudSigningFailure = "denied" | "wrong_code" | "timed_out" | "session_expired" | "unavailable" | "rejected" | "bad_signature" | "not_holder";

export type PatientChatEvent =
  | { type: "reminderDue"; which: "24h" | "2h"; appointment: AppointmentFacts }
  | { type: "waitlistOfferOpened"; entryId: string; appointment: AppointmentFacts; holdMinutes: number }
  /** `passedOn`: the time went to another waiting patient; the procedure is what a late "sim" searches again. */
  | { type: "waitlistOfferExpired"; entryId: string; appointmentId: string; passedOn: boolean; procedureId: string; professionalId: string | null }
  /** The reception cancelled (or time off closed) the patient's appointment; "1" then books again. */
  | { type: "appointmentCancelledByClinic"; appointment: AppointmentFacts; procedureId: string; reason?: string }
  /** The reception booked for the patient: the same confirmation and reminders as a chat booking. */
  /** `reminderAt` (ISO): when the first reminder goes; null: none will (the time is too close); absent: not known. */
  | { type: "appointmentBookedForYou"; appointment: AppointmentFacts; reminderAt?: string | null }
  /** Paid (late: after the hold had run out, and the time was still free). */
  /** `reminderAt` as on appointmentBookedForYou: the confirmation promises only a reminder that is scheduled. */
  | { type: "paymentApproved"; appointment: AppointmentFacts; amountCents: number; late: boolean; reminderAt?: string | null }
  | { type: "paymentRejected"; appointmentId: string }
  /** An approved payment is being given back: the reservation was gone, or the time was taken after the deadline. */
  | { type: "paymentRefunding"; appointmentId: string; amountCents: number; reason: "notNeeded" | "slotTaken" }
  | { type: "paymentRefunded"; appointmentId: string; amountCents: number }
  /** The Pix deadline passed unpaid and the time was released. */
  | { type: "paymentExpired"; appointment: AppointmentFacts }
  /** `forName`: the document is a dependant's (a son's atestado, delivered to his mother's chat). */
  | { type: "documentIssued"; pdf: SignedPdf; professionalName: string; secretCode: string; forName?: string }
  | { type: "cidAuthorizationRequested"; requestId: string; cid10: string; daysOff: number; professionalName: string }
  /** The clinic revoked a signed document: it no longer holds. */
  | { type: "documentRevoked"; documentId: string; kind: SignedDocumentKind; verificationCode: string; reason: string; professionalName: string }
  /** The doctor asked for the patient's missing data in their chat, to issue a document. */
  /** `forName`: the document is a dependant's (a son's receita), asked of the guardian in their chat. */
  | { type: "patientDataRequested"; requestId: string; fields: PatientDataField[]; documentKind: SignedDocumentKind; professionalName: string; forName?: string }
  /** The patient's voice note, transcribed (src/records/voice-notes.ts): the flow reads it as the text it says. */
  | { type: "voiceNoteHeard"; voiceNoteId: string; transcript: string; previousInboundAt?: string }
  /** A voice note that could not be read: the transcription failed after its retries, the audio is silent, too long, or gone. */
  | { type: "voiceNoteUnheard"; voiceNoteId: string; reason: VoiceNoteFailure };

export type VoiceNoteFailure = "unavailable" | "silent" | "tooLong" | "audioMissing";

export type DoctorChatEvent =
  | { type: "noteDrafted"; dictationId: string; patientName: string; version: number; note: ClinicalNote; dropped: number }
  | { type: "dictationFailed"; dictationId: string; patientName: string; reason: "failed" | "silent" | "audioMissing" }
  // `patientName`: these arrive later, when the doctor may have moved on to another patient (absent on events raised before it was added).
  | { type: "documentSigned"; pdf: SignedPdf; deliveredToPatient: boolean; patientName?: string }
  | { type: "documentFailed"; documentId: string; kind: SignedDocumentKind; reason: string; patientName?: string }
  | { type: "cidAnswered"; requestId: string; cid10: string; granted: boolean; patientName?: string }
  /** The patient answered a data request; what became of the waiting document. */
  | { type: "patientDataAnswered"; requestId: string; patientName: string; outcome: IssueOutcome }
  /** Documents wait for the doctor's approval at the PSC: a push to approve in the app, or the app's one-time code. */
  | { type: "signatureApprovalNeeded"; provider: CloudSigningProvider; approval: "push" | "code"; waiting: number }
  /** The push was approved: the session lasts `sessionHours`, the waiting documents are being signed. */
  | { type: "signatureApproved"; provider: CloudSigningProvider; sessionHours: number; waiting: number }
  /** Denied, not approved in time, or the PSC failed: the documents stay waiting until the doctor asks again. */
  | { type: "signatureFailed"; provider: CloudSigningProvider; failure: CloudSigningFailure; waiting: number };

export type ChatEvent = PatientChatEvent | DoctorChatEvent;
export type ChatEventType = ChatEvent["type"];

/** Which flow an event belongs to; a type missing here does not compile. */
const AUDIENCE: { [K in ChatEventType]: K extends PatientChatEvent["type"] ? "patient" : "doctor" } = {
  reminderDue: "patient", waitlistOfferOpened: "patient", waitlistOfferExpired: "patient", paymentApproved: "patient",
  paymentRejected: "patient", paymentRefunding: "patient", paymentRefunded: "patient", paymentExpired: "patient",
  documentIssued: "patient", cidAuthorizationRequested: "patient", appointmentCancelledByClinic: "patient", appointmentBookedForYou: "patient",
  patientDataRequested: "patient", patientDataAnswered: "doctor", documentRevoked: "patient", voiceNoteHeard: "patient", voiceNoteUnheard: "patient",
  noteDrafted: "doctor", dictationFailed: "doctor", documentSigned: "doctor", documentFailed: "doctor", cidAnswered: "doctor",
  signatureApprovalNeeded: "doctor", signatureApproved: "doctor", signatureFailed: "doctor",
};

export function audienceOf(event: ChatEvent): "patient" | "doctor" {
  return AUDIENCE[event.type];
}

export function isPatientEvent(event: ChatEvent): event is PatientChatEvent {
  return audienceOf(event) === "patient";
}

export function isDoctorEvent(event: ChatEvent): event is DoctorChatEvent {
  return audienceOf(event) === "doctor";
}

/** The kind of an inbox row that holds an event (payload: the event as sealed JSON). */
export const EVENT_KIND = "event";
