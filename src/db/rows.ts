// The row types of the raw SQL statements (the `*-statements.ts` modules),
// in one place and derived from Prisma's generated models: a column renamed
// in prisma/schema.prisma breaks `tsc` wherever a row type names it.
// Raw SQL answers what the column holds: Json columns come parsed, int8 as a
// string, timestamps as Date (src/db/database.ts).
import type {
  ApiKey, Appointment, Clinic, ClinicalNote, ClinicalNoteVersion, ClinicPaymentSettings, ConsentRecord, Dictation, Document, Payment, Patient,
  ErasureRequest, Handoff, ProfessionalCloudCertificate, PscSignatureSession, HandoffReply, InboxMessage, Procedure, Professional, ProfessionalCertificate, RateLimitCounter, WaitlistEntry,
  WhatsAppSession, WorkingHours,
} from "./generated/client.js";
import type {
  AuditEvent, ClinicClosure, ControlledDrug, FormularyEntry, Media, PatientProfile, ScheduleOverride, TimeOff,
} from "./generated/client.js";

// ---- payments
export type PaymentRow = Pick<Payment,
  "id" | "clinicId" | "appointmentId" | "providerPaymentId" | "idempotencyKey" | "status" | "statusDetail" | "amountCents"
  | "expiresAt" | "qrCode" | "qrMediaId" | "approvedAt" | "refundRequestedAt" | "refundedAt" | "createdAt">;

export type PaymentListRow = Pick<Payment,
  "id" | "appointmentId" | "provider" | "providerPaymentId" | "status" | "statusDetail" | "amountCents" | "expiresAt" | "approvedAt"
  | "refundRequestedAt" | "refundedAt" | "refundId" | "createdAt">;

export type PaymentClaimRow = Pick<Payment, "id" | "clinicId"> & { providerPaymentId: NonNullable<Payment["providerPaymentId"]> };
export type DueRefundRow = PaymentClaimRow & Pick<Payment, "appointmentId" | "amountCents">;
export type PaymentSettingsSecretsRow = Pick<ClinicPaymentSettings, "accessTokenEncrypted" | "webhookSecretEncrypted">;

/** Who and what a payment is about, for the messages sent to the patient. */
export type PaymentContextRow = {
  appointmentId: Appointment["id"];
  appointmentStatus: Appointment["status"];
  professionalName: Professional["name"];
  procedureName: Procedure["name"];
} & Pick<Appointment, "cancelReason" | "holdExpiresAt" | "startsAt" | "endsAt" | "professionalId" | "procedureId">
  & Pick<Patient, "phone"> & Pick<Clinic, "timeZone" | "reminder24h" | "reminder2h">;

/** A held appointment about to be charged by Pix. */
export type HeldForPixRow = Pick<Appointment, "id" | "status" | "holdExpiresAt" | "patientId"> & Pick<Patient, "phone" | "cpf">
  & { clinicEmail: Clinic["email"]; procedureName: Procedure["name"] } & Pick<Procedure, "priceCents" | "paymentHoldMinutes">;

/** The time an appointment held, as the waitlist offers it again. */
export type FreedTimeRow = Pick<Appointment, "clinicId" | "professionalId" | "procedureId" | "startsAt" | "endsAt">;

/** sum() and count() of int columns come back as int8, so as text. */
export type PaymentDayRow = { date: string; approvedCents: string; refundedCents: string; count: string };

// ---- privacy

/** count(*) comes back as int8, so as text. */
export type PatientRecordCountsRow = { notes: string; documents: string; attended: string };
export type ExportHeadRow = { clinicName: Clinic["name"]; includeNotes: Clinic["privacyExportIncludesNotes"] } & Pick<Clinic, "timeZone">
  & Pick<Patient, "name" | "phone" | "cpf" | "createdAt">;
export type ExportConsentRow = Pick<ConsentRecord, "purpose" | "textVersion" | "granted" | "recordedAt">;
export type ExportAppointmentRow = Pick<Appointment, "startsAt" | "status"> & { procedure: Procedure["name"]; professional: Professional["name"] };
export type ExportDocumentRow = Pick<Document, "kind" | "status" | "signedAt" | "verificationCode">;
export type ExportMessageCountsRow = { fromPatient: string; toPatient: string };
export type ExportPaymentRow = Pick<Payment, "createdAt" | "amountCents" | "status"> & { procedure: Procedure["name"] };
export type DictationIdRow = Pick<Dictation, "id">;


// ---- limits, observability, chat events, public verification

export type RateCountRow = Pick<RateLimitCounter, "count">;
/** count(*) comes back as int8, so as text. */
export type CountRow = { n: string };
export type JobCountRow = { name: string; n: string };
export type SessionStatusCountRow = Pick<WhatsAppSession, "status"> & { n: string };
export type PatientIdRow = Pick<Patient, "id">;
export type ConsentGrantedRow = Pick<ConsentRecord, "granted">;

/** A signed document as the public verification page shows it. */
export type VerifiedDocumentRow = Pick<Document,
  "kind" | "verificationCode" | "secretCode" | "revokedAt" | "revokeReason" | "isTest">
  & { pdfMediaId: NonNullable<Document["pdfMediaId"]>; sha256: NonNullable<Document["sha256"]>; signedAt: NonNullable<Document["signedAt"]> }
  & { professionalName: Professional["name"]; patientName: Patient["name"]; clinicName: Clinic["name"] }
  & Pick<Professional, "crm" | "crmUf"> & Pick<Clinic, "timeZone">;

// ---- handoffs (src/bot/handoffs.ts) and the reception's reads (src/admin-api/)

export type InboxTextRow = Pick<InboxMessage, "id" | "text">;
export type ReceptionHoursRow = Pick<WorkingHours, "weekday"> & { start: WorkingHours["startTime"]; end: WorkingHours["endTime"] };
export type OpenHandoffRow = Pick<Handoff, "id" | "clinicId" | "chatKey" | "since" | "firstStaffReplyAt" | "closedAt">;
export type HandoffViewRow = Pick<Handoff, "id" | "chatKey" | "reason" | "since" | "assignedTo" | "firstStaffReplyAt" | "closedAt">
  & { patientName: Patient["name"] | null };
export type HandoffReplyAuthorRow = Pick<HandoffReply, "outboxMessageId" | "staffName">;

export type AgendaRow = Pick<Appointment, "id" | "professionalId" | "startsAt" | "endsAt" | "status" | "confirmedAt">
  & { professionalName: Professional["name"]; patientName: Patient["name"]; procedure: Procedure["name"] } & Pick<Patient, "phone">;
export type WaitlistViewRow = Pick<WaitlistEntry, "id" | "status" | "fromDate" | "toDate" | "period" | "weekdays" | "periods" | "offerExpiresAt" | "createdAt">
  & { patientName: Patient["name"]; procedure: Procedure["name"]; professional: Professional["name"] | null } & Pick<Patient, "phone">;

// ---- API keys, certificates, erasure requests (src/admin-api/)

export type ApiKeyRow = Pick<ApiKey, "id" | "name" | "prefix" | "role" | "clinicId" | "createdAt" | "lastUsedAt" | "revokedAt" | "bootstrap">;
export type ApiKeyOwnerRow = Pick<ApiKey, "name"> & { clinicName: Clinic["name"] | null; timeZone: Clinic["timeZone"] | null };
export type CertificateViewRow = Pick<ProfessionalCertificate, "id" | "professionalId" | "holderName" | "cpf" | "notAfter" | "isDevelopment" | "createdAt">;
export type ErasureRequestRow = Pick<ErasureRequest, "id" | "patientId" | "status" | "requestedAt" | "resolvedAt" | "outcome">;

// ---- cloud signing at a PSC (src/documents/psc/)

export type CloudCertificateRow = Pick<ProfessionalCloudCertificate,
  "id" | "clinicId" | "professionalId" | "provider" | "baseUrl" | "clientId" | "clientSecretSealed" | "cpf" | "preferredSigner"
  | "sessionLifetimeSeconds" | "createdAt" | "updatedAt">;
export type PscSessionTokenRow = Pick<PscSignatureSession, "accessTokenSealed">;
export type PendingSignatureRow = Pick<Document, "id" | "clinicId" | "kind" | "contentSealed" | "verificationCode">;
/** `dependantName`: set when the patient is a dependant (their document goes to the guardian's chat). */
export type SignedDeliveryRow = {
  patientPhone: Patient["phone"]; patientName: string; professionalName: Professional["name"]; dependantName: Patient["name"];
} & Pick<Document, "secretCode" | "requestedByChat">;

// Records
// (dictations, clinical notes, patient identity, patients' voice notes: src/records/records-statements.ts)

import type {
  DictationSegment as RecordsDictationSegment, PatientVoiceNote as RecordsPatientVoiceNote,
} from "./generated/client.js";

export type DictationRow = Pick<Dictation,
  "id" | "clinicId" | "professionalId" | "patientId" | "doctorChatKey" | "status" | "draftSealed" | "draftVersion" | "addendumToNoteId">;
export type DictationDraftRow = Pick<Dictation,
  "id" | "clinicId" | "professionalId" | "patientId" | "doctorChatKey" | "status" | "draftSealed" | "addendumToNoteId" | "structuredModel"
  | "structuredAt">;
export type DraftVersionRow = Pick<Dictation, "draftVersion">;
/** `next`: the seq a new segment takes (int4, so a number). */
export type NextSegmentSeqRow = { next: number };
export type SegmentIdRow = Pick<RecordsDictationSegment, "id">;
export type SegmentDictationRow = Pick<RecordsDictationSegment, "dictationId">;
export type SegmentToTranscribeRow = Pick<RecordsDictationSegment, "dictationId" | "audioMediaId" | "transcriptSealed"> & Pick<Dictation, "status">;
export type SegmentTranscriptRow = Pick<RecordsDictationSegment, "transcriptSealed">;
export type SegmentAudioRow = { audioMediaId: NonNullable<RecordsDictationSegment["audioMediaId"]> };
export type PendingSegmentRow = { "?column?": number };
export type PatientLabelRow = Pick<Patient, "name" | "phone">;
export type NoteIdRow = Pick<ClinicalNote, "id">;
export type LastNoteRow = Pick<ClinicalNote, "id" | "createdAt">;
export type NoteCreatedAtRow = Pick<ClinicalNote, "createdAt">;
/** `version`: the number the next version of a note takes (int4, so a number). */
export type NextNoteVersionRow = { version: ClinicalNoteVersion["version"] };
export type VoiceNoteRow = Pick<RecordsPatientVoiceNote,
  "id" | "clinicId" | "chatKey" | "patientId" | "inboxMessageId" | "mediaId" | "status" | "previousInboundAt">;
export type VoiceNoteIdRow = Pick<RecordsPatientVoiceNote, "id">;
export type VoiceNoteMediaRow = Pick<RecordsPatientVoiceNote, "mediaId">;
// Admin API

/** The audit trail and stored media (src/db/audit.ts, src/db/media.ts). */
export type AuditConfirmationRow = Pick<AuditEvent, "actorType"> & { entityId: NonNullable<AuditEvent["entityId"]> };
/** The bytes come as base64 text (src/db/media.ts says why). */
export type MediaRow = Pick<Media, "id" | "clinicId" | "mimetype" | "filename" | "sha256" | "sizeBytes"> & { data: string };

export type AdminPatientRow = Pick<Patient, "id" | "name" | "phone" | "cpf" | "consentGrantedAt" | "createdAt" | "guardianPatientId" | "relationship">
  & Pick<PatientProfile, "address" | "otherDocument">
  & { birthDate: string | null; dependants: { id: string; name: string; birthDate: string | null; relationship: string | null }[] };
export type AdminDocumentRow = Pick<Document,
  "id" | "status" | "patientId" | "professionalId" | "verificationCode" | "sha256" | "isTest" | "signedAt" | "revokedAt" | "revokeReason" | "createdAt">
  & { kind: "prescription" | "certificate" | "exam_request" };
export type AdminDocumentWithPdfRow = AdminDocumentRow & Pick<Document, "pdfMediaId">;
export type RevokedDocumentRow = Pick<Patient, "phone"> & { professionalName: Professional["name"] };
export type ControlledDrugRow = Pick<ControlledDrug, "name" | "list" | "active">
  & { class: "antimicrobial" | "special_control" | "notification"; rule: "sncr_only" | "never" };
export type FormularyEntryRow = Pick<FormularyEntry, "name" | "substances" | "active">;
export type AdminNoteVersionRow = {
  noteId: ClinicalNote["id"]; patientId: ClinicalNote["patientId"]; noteProfessionalId: ClinicalNote["professionalId"]; noteCreatedAt: ClinicalNote["createdAt"];
  reviewerName: Professional["name"] | null; kind: "note" | "addendum"; source: "dictation" | "typed";
} & Pick<ClinicalNoteVersion, "version" | "professionalId" | "createdAt" | "contentSealed" | "transcriptSealed" | "aiAssisted" | "aiModel" | "aiStructuredAt" | "reviewedById" | "reviewedAt">;

export type ClosureRow = Pick<ClinicClosure, "date" | "reason">;
export type TimeOffViewRow = Pick<TimeOff, "id" | "startsAt" | "endsAt" | "reason">;
export type TimeOffRangeRow = Pick<TimeOff, "startsAt" | "endsAt" | "reason">;
export type OverrideViewRow = Pick<ScheduleOverride, "date" | "reason"> & { intervals: { start: string; end: string }[] };
// Scheduling
// ---- the waitlist, holds, bookings, cancellations, reminders (src/scheduling/)
import type * as SchedulingModels from "./generated/client.js";

type SchedAppointment = SchedulingModels.Appointment;
type SchedWaitlistEntry = SchedulingModels.WaitlistEntry;

export type WaitlistEntryIdRow = Pick<SchedWaitlistEntry, "id">;
export type ClinicOfferSettingsRow = Pick<SchedulingModels.Clinic, "timeZone" | "waitlistOfferMinutes">;
export type WaitlistCandidateRow = Pick<SchedWaitlistEntry, "id" | "patientId" | "fromDate" | "toDate" | "period" | "weekdays" | "periods">
  & Pick<SchedulingModels.Patient, "phone">;
/** ScheduleOverride.intervals: the date's own hours, local wall times "HH:MM". */
export type OverrideIntervalsRow = { intervals: { start: string; end: string }[] };
export type OfferNamesRow = { professionalName: SchedulingModels.Professional["name"]; procedureName: SchedulingModels.Procedure["name"] };
export type OfferedEntryRow = Pick<SchedWaitlistEntry, "offeredAppointmentId" | "procedureId" | "professionalId">;
export type EntryOfferStateRow = Pick<SchedWaitlistEntry, "procedureId" | "professionalId" | "status" | "offeredAppointmentId">;
export type FreedTimeStatusRow = FreedTimeRow & Pick<SchedAppointment, "status">;
/** An appointment as the booking and cancelling use cases pass it around. */
export type SchedulingAppointmentRow = Pick<SchedAppointment,
  "id" | "clinicId" | "professionalId" | "patientId" | "procedureId" | "startsAt" | "endsAt" | "status" | "holdExpiresAt">;
export type HeldAppointmentRow = SchedulingAppointmentRow & Pick<SchedAppointment, "rescheduledFromId" | "source">;
/** With what the change policy needs: when it was booked, and the procedure's own notice (null: the clinic's). */
export type PolicedAppointmentRow = SchedulingAppointmentRow & Pick<SchedAppointment, "bookedAt">
  & { procedureNoticeHours: SchedulingModels.Procedure["cancellationNoticeHours"] };
export type FirstReminderRow = { reminderAt: SchedAppointment["reminder24hDueAt"] };
export type ReplacedAppointmentClinicRow = Pick<SchedAppointment, "clinicId">;
export type TouchedAppointmentIdRow = Pick<SchedAppointment, "id">;
/** `which`: the reminder the claim is for (the 2 h one once it is due). */
export type DueReminderRow = Pick<SchedAppointment, "id" | "clinicId" | "startsAt" | "endsAt" | "professionalId"> & Pick<SchedulingModels.Patient, "phone">
  & { professionalName: SchedulingModels.Professional["name"]; procedureName: SchedulingModels.Procedure["name"]; which: "24h" | "2h" };
export type ExpiredOfferRow = Pick<SchedWaitlistEntry, "id" | "clinicId"> & Pick<SchedulingModels.Patient, "phone">
  & { appointmentId: SchedWaitlistEntry["offeredAppointmentId"] };
export type ClinicClosingFlagsRow = Pick<SchedulingModels.Clinic, "closedOnCarnival" | "closedOnCorpusChristi">;
export type ClinicClosureRow = Pick<SchedulingModels.ClinicClosure, "date" | "reason">;
export type AppointmentOfPatientRow = Pick<SchedAppointment, "clinicId" | "procedureId" | "startsAt" | "endsAt" | "professionalId">
  & Pick<SchedulingModels.Patient, "phone"> & { professionalName: SchedulingModels.Professional["name"]; procedureName: SchedulingModels.Procedure["name"] };
export type BookedPatientRow = Pick<SchedAppointment, "id" | "startsAt" | "endsAt"> & Pick<SchedulingModels.Patient, "name" | "phone">;
export type AgendaProcedureRow = Pick<SchedulingModels.Procedure,
  "id" | "clinicId" | "name" | "durationMinutes" | "priceCents" | "prepaymentRequired" | "paymentHoldMinutes" | "professionalIds">;
export type ProfessionalAgendaRulesRow = Pick<SchedulingModels.Professional,
  "id" | "name" | "slotIntervalMinutes" | "bufferBeforeMinutes" | "bufferAfterMinutes" | "minimumNoticeMinutes" | "bookingHorizonDays">;
export type WeeklyHoursRow = Pick<SchedulingModels.WorkingHours, "weekday" | "startTime" | "endTime">;
/** ScheduleOverride.intervals with its date. */
export type DateOverrideRow = Pick<SchedulingModels.ScheduleOverride, "date"> & OverrideIntervalsRow;
export type BusyRangeRow = Pick<SchedAppointment, "startsAt" | "endsAt">;
export type GuardianRow = Pick<SchedulingModels.Patient, "clinicId" | "phone" | "consentVersion" | "guardianPatientId">;
export type DependantIdRow = Pick<SchedulingModels.Patient, "id">;
/** A dependant always has a name; `birthDate` as YYYY-MM-DD. */
export type DependantListRow = Pick<SchedulingModels.Patient, "id" | "relationship"> & { name: string; birthDate: string | null };

// ---- inbox
export type InboxIdRow = Pick<InboxMessage, "id" | "clinicId" | "providerMessageId">;
// ---- privacy: the export's note versions and dependants (src/privacy/)

/** One version of one note, with the note's own date and author; `reviewer` null until a doctor confirmed it. */
export type ExportNoteVersionRow = {
  noteId: ClinicalNote["id"]; noteCreatedAt: ClinicalNote["createdAt"]; author: Professional["name"]; professional: Professional["name"];
  reviewer: Professional["name"] | null; kind: "note" | "addendum";
} & Pick<ClinicalNoteVersion, "version" | "createdAt" | "aiAssisted" | "aiModel" | "aiStructuredAt" | "reviewedAt" | "contentSealed">;
/** `birthDate` as YYYY-MM-DD. */
export type ExportDependantRow = Pick<Patient, "id" | "relationship"> & { birthDate: string | null };
// ---- documents: issuing, signing, the patient's data, the CID question (src/documents/document-statements.ts)
import type { CidAuthorizationRequest as DocumentsCidRequest, PatientDataRequest as DocumentsPatientDataRequest } from "./generated/client.js";

/** Document.kind holds one of these (src/documents/document-types.ts). */
type StoredDocumentKind = "prescription" | "certificate" | "exam_request";

/** `dependantName`: set when the patient is a dependant (the document goes to the guardian's chat, named). */
export type DocumentToSignRow = Pick<Document,
  "id" | "clinicId" | "professionalId" | "patientId" | "status" | "contentSealed" | "verificationCode" | "secretCode" | "requestedByChat">
  & { patientPhone: Patient["phone"]; patientName: string; professionalName: Professional["name"]; dependantName: Patient["name"] };
export type DocumentKindRow = { kind: StoredDocumentKind };
export type SignedDocumentRow = Pick<Document, "verificationCode" | "revokedAt"> & { kind: StoredDocumentKind; pdfMediaId: NonNullable<Document["pdfMediaId"]> };
/** Each part comes as JSON (row_to_json); the patient's cpf and address still sealed. */
export type IssueFactsRow = {
  clinic: Pick<Clinic, "id" | "name" | "timeZone" | "address" | "city" | "phone" | "email">;
  professional: Pick<Professional, "id" | "clinicId" | "name" | "crm" | "crmUf" | "rqe" | "specialty" | "phone" | "email">;
  patient: Pick<Patient, "id" | "clinicId" | "name" | "phone" | "cpf"> & Pick<PatientProfile, "address" | "otherDocument">;
};
export type ActiveControlledDrugRow = Omit<ControlledDrugRow, "active">;
export type SigningCertificateRow = Pick<ProfessionalCertificate, "id" | "professionalId" | "pkcs12Sealed" | "passwordSealed" | "updatedAt" | "isDevelopment">;
export type FoundRow = { found: number };
export type PatientNameRow = Pick<Patient, "name">;
export type PatientIdNameRow = Pick<Patient, "id" | "name">;
export type PatientDataRequestRow = Pick<DocumentsPatientDataRequest,
  "id" | "patientId" | "professionalId" | "patientChatKey" | "doctorChatKey" | "status" | "requestSealed">;
export type PendingCidRequestRow = Pick<DocumentsCidRequest, "id" | "professionalId" | "patientId" | "doctorChatKey" | "cid10" | "requestSealed">;

// ---- re-sealing after a key rotation (src/db/reencrypt-statements.ts)
/** The row's key columns by name (they differ per table: "id", "patientId", ...), and the stored value as text (a bytea as base64). */
export type StaleSealedValueRow = Record<string, unknown> & { sealedValue: string };
// ---- the bot: effects, a turn's extra facts, the simulator, the channels (src/bot/)
import type * as BotModels from "./generated/client.js";

type BotAppointment = BotModels.Appointment;
type BotPatient = BotModels.Patient;

export type ErasureRequestIdRow = Pick<BotModels.ErasureRequest, "id">;
export type ClinicRulesRow = Pick<BotModels.Clinic, "timeZone" | "cancellationNoticeHours" | "cancellationGraceMinutes" | "reminder24h" | "reminder2h">;
export type ClinicReminderFlagsRow = Pick<BotModels.Clinic, "reminder24h" | "reminder2h">;
export type AppointmentPatientRow = Pick<BotAppointment, "patientId">;
export type LostHoldRow = Pick<BotAppointment, "procedureId" | "startsAt">;
/** The appointment a reschedule replaced, when it was paid. */
export type PaidRescheduleRow = { oldId: NonNullable<BotAppointment["rescheduledFromId"]> };
export type BookedAppointmentRow = Pick<BotAppointment, "id" | "startsAt" | "professionalId" | "procedureId">;

export type OpenDictationRow = Pick<BotModels.Dictation, "id"> & { status: "drafted" | "failed"; patientName: BotPatient["name"] } & Pick<BotPatient, "phone">;
export type DoctorAgendaRow = Pick<BotAppointment, "patientId" | "startsAt"> & Pick<BotPatient, "name" | "phone"> & { procedure: BotModels.Procedure["name"] };
export type NamedPatientRow = Pick<BotPatient, "id"> & { name: NonNullable<BotPatient["name"]> };
export type NoteContentRow = Pick<BotModels.ClinicalNoteVersion, "contentSealed">;
/** A signed document: `signedAt` is set. */
export type ChatDocumentRow = Pick<BotModels.Document, "id" | "kind" | "revokedAt"> & { signedAt: NonNullable<BotModels.Document["signedAt"]> }
  & Pick<BotModels.Clinic, "timeZone">;

export type ClinicIdRow = Pick<BotModels.Clinic, "id">;
/** An inbound message's status beside one of its replies (null columns: no reply). */
export type InboxRepliesRow = { inboxStatus: BotModels.InboxMessage["status"] }
  & Prefixed<"", Pick<BotModels.OutboxMessage, "id" | "kind" | "text" | "choices" | "mediaId" | "mimetype" | "filename" | "caption">>;
export type ConversationIdRow = Pick<BotModels.Conversation, "id">;

export type CloudAccountRow = Pick<BotModels.WhatsAppCloudAccount, "clinicId" | "phoneNumberId" | "accessTokenSealed" | "appSecretSealed">;
export type CloudAppSecretRow = Pick<BotModels.WhatsAppCloudAccount, "appSecretSealed">;
/** `buttons`: the JSON text of the quick replies. */
export type CloudTemplateRow = Pick<BotModels.WhatsAppTemplate,
  "id" | "purpose" | "name" | "language" | "category" | "body" | "buttons" | "lastErrorCode" | "lastError" | "lastErrorAt">;
export type ChatKeyRow = { key: BotModels.Conversation["chatKey"] };
/** What deciding between a free-form message and a template needs; the contact and conversation may be missing. */
export type CloudSendContextRow = Pick<BotModels.OutboxMessage, "template" | "templateParams" | "windowClosedAt">
  & { waId: BotModels.WhatsAppCloudContact["waId"] | null; lastInboundAt: Date | null; awaitingAnswer: boolean };

// ---- the engine (src/bot/turn-statements.ts, outbox-statements.ts)
type Prefixed<P extends string, T> = { [K in keyof T as `${P}${K & string}`]: T[K] | null };
/** A conversation locked for a turn, its next pending message (m_*, null when none) and the turn's facts (f_*, JSON parts). */
export type TakeTurnRow = Pick<BotModels.Conversation, "id" | "clinicId" | "chatKey" | "audience" | "state" | "flowVersion" | "lastInboundAt" | "handoffUntil">
  & { rateCount: number }
  & Prefixed<"m_", Pick<BotModels.InboxMessage, "id" | "senderPhone" | "senderLid" | "kind" | "text" | "mediaId" | "payload" | "attempts" | "nextAttemptAt">>
  & Record<`f_${string}`, unknown>;
export type SavedTurnRow = Pick<BotModels.InboxMessage, "id"> & { morePending: boolean; claimedReplies: BotModels.OutboxMessage["id"][] };
export type ChatRefRow = Pick<BotModels.InboxMessage, "clinicId" | "chatKey">;
export type OpenOfferRow = { entryId: BotModels.WaitlistEntry["id"]; appointmentId: NonNullable<BotModels.WaitlistEntry["offeredAppointmentId"]> };
export type MediaTypeRow = Pick<BotModels.Media, "mimetype">;
export type MediaSizeRow = Pick<BotModels.Media, "sizeBytes">;
/** The clinic's information for the chat; hours and procedures come as JSON. */
export type ClinicInfoRow = Pick<BotModels.Clinic, "address" | "city" | "mapsUrl" | "phone" | "timeZone" | "insurancePlans" | "paymentMethods" | "parking">
  & { faq: unknown; hours: { weekday: number; start: string; end: string }[]; procedures: unknown };
export type OutboxIdRow = Pick<BotModels.OutboxMessage, "id">;
export type ClaimedOutboxRow = Pick<BotModels.OutboxMessage,
  "id" | "clinicId" | "chatKey" | "kind" | "text" | "choices" | "mediaId" | "mimetype" | "filename" | "caption" | "attempts">
  & { unsureSince: BotModels.OutboxMessage["sendStartedAt"]; hasNext: boolean };
