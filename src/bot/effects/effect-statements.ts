// The SQL of the chat's effects (privacy, scheduling, payments, dependants),
// named (src/db/statements.ts). Only what the domain modules' own statements
// do not already answer: the patient behind a chat, and the few reads and
// writes an effect does itself.
import type { Sql } from "../../db/database.js";
import type {
  AppointmentPatientRow, BookedAppointmentRow, ClinicReminderFlagsRow, ClinicRulesRow, ErasureRequestIdRow, LostHoldRow, PaidRescheduleRow, PatientIdRow,
} from "../../db/rows.js";
import { countOf, execute, firstRow, rowsOf, statement } from "../../db/statements.js";

// ---- the chat's patient

const chatPatient = statement<PatientIdRow>("effects.chatPatient",
  `SELECT id FROM "Patient" WHERE "clinicId" = $1 AND phone = $2 AND "guardianPatientId" IS NULL`);
/** The patient whose chat this is (not a dependant), consenting or not. */
export const findChatPatientId = async (sql: Sql, clinicId: string, chatKey: string) => (await firstRow(sql, chatPatient, [clinicId, chatKey]))?.id;

const consentingChatPatient = statement<PatientIdRow>("effects.consentingChatPatient",
  `SELECT id FROM "Patient" WHERE "clinicId" = $1 AND phone = $2 AND "guardianPatientId" IS NULL AND "consentGrantedAt" IS NOT NULL`);
/** The chat's patient, only while they consent. */
export const findConsentingChatPatientId = async (sql: Sql, clinicId: string, chatKey: string) =>
  (await firstRow(sql, consentingChatPatient, [clinicId, chatKey]))?.id;

// ---- privacy

const openErasure = statement<ErasureRequestIdRow>("effects.openErasureRequests",
  `SELECT id FROM "ErasureRequest" WHERE "patientId" = $1 AND status = 'requested'`);
export const hasOpenErasureRequest = async (sql: Sql, patientId: string) => (await rowsOf(sql, openErasure, [patientId])).length > 0;

const insertErasure = statement("effects.insertErasureRequest",
  `INSERT INTO "ErasureRequest" (id, "clinicId", "patientId", status, "requestedAt") VALUES ($1, $2, $3, 'requested', $4)`);
export const insertErasureRequest = (sql: Sql, row: { id: string; clinicId: string; patientId: string; now: Date }) =>
  execute(sql, insertErasure, [row.id, row.clinicId, row.patientId, row.now]);

const clearConsent = statement("effects.clearConsent", `UPDATE "Patient" SET "consentGrantedAt" = NULL, "updatedAt" = $2 WHERE id = $1`);
export const clearPatientConsent = (sql: Sql, patientId: string, now: Date) => execute(sql, clearConsent, [patientId, now]);

const consentWithdrawn = statement("effects.insertConsentWithdrawn",
  `INSERT INTO "ConsentRecord" (id, "clinicId", "patientId", purpose, "textVersion", granted, channel, "recordedAt")
   SELECT $1, $2, $3, 'atendimento', COALESCE("consentVersion", 'unknown'), false, 'whatsapp', $4 FROM "Patient" WHERE id = $3`);
/** The withdrawal is recorded against the text version the patient had agreed to. */
export const insertConsentWithdrawal = (sql: Sql, row: { id: string; clinicId: string; patientId: string; now: Date }) =>
  execute(sql, consentWithdrawn, [row.id, row.clinicId, row.patientId, row.now]);

const cancelWaitlist = statement("effects.cancelWaitlistEntries",
  `UPDATE "WaitlistEntry" SET status = 'cancelled', "updatedAt" = $2 WHERE "patientId" = $1 AND status IN ('waiting', 'offered')`);
export const cancelLiveWaitlistEntries = (sql: Sql, patientId: string, now: Date) => execute(sql, cancelWaitlist, [patientId, now]);

const dropUnsent = statement("effects.dropUnsentClinicMessages",
  `DELETE FROM "OutboxMessage" o WHERE o."clinicId" = $1 AND o."chatKey" = $2 AND o.status = 'pending'
     AND (o."inboxMessageId" IS NULL OR EXISTS (SELECT 1 FROM "InboxMessage" i WHERE i.id = o."inboxMessageId" AND i.kind = 'event'))
   RETURNING o.id`);
/** Pending messages the clinic started (answers to chat events, rows with no inbox message); how many went. */
export const dropUnsentClinicMessages = (sql: Sql, clinicId: string, chatKey: string) => countOf(sql, dropUnsent, [clinicId, chatKey]);

// ---- scheduling

const clinicRules = statement<ClinicRulesRow>("effects.clinicRules",
  `SELECT "timeZone", "cancellationNoticeHours", "cancellationGraceMinutes", "reminder24h", "reminder2h" FROM "Clinic" WHERE id = $1`);
export const findClinicRules = (sql: Sql, clinicId: string) => firstRow(sql, clinicRules, [clinicId]);

const appointmentPatient = statement<AppointmentPatientRow>("effects.appointmentPatient",
  `SELECT "patientId" FROM "Appointment" WHERE id = $1 AND "clinicId" = $2`);
export const findAppointmentPatient = (sql: Sql, clinicId: string, appointmentId: string) => firstRow(sql, appointmentPatient, [appointmentId, clinicId]);

const lostHold = statement<LostHoldRow>("effects.lostHold", `SELECT "procedureId", "startsAt" FROM "Appointment" WHERE id = $1`);
/** What a hold that could not be booked was for, to offer the nearest times instead. */
export const findLostHold = (sql: Sql, appointmentId: string) => firstRow(sql, lostHold, [appointmentId]);

// ---- payments

const paidReschedule = statement<PaidRescheduleRow>("effects.paidRescheduleOf",
  `SELECT a."rescheduledFromId" AS "oldId" FROM "Appointment" a
   JOIN "Payment" p ON p."appointmentId" = a."rescheduledFromId" AND p.status = 'approved' AND p."refundRequestedAt" IS NULL
   WHERE a.id = $1 AND a."clinicId" = $2 LIMIT 1`);
/** The appointment this one reschedules, when that one was paid and the payment not refunded. */
export const findPaidRescheduleOf = (sql: Sql, clinicId: string, appointmentId: string) => firstRow(sql, paidReschedule, [appointmentId, clinicId]);

const reminderFlags = statement<ClinicReminderFlagsRow>("effects.clinicReminderFlags", `SELECT "reminder24h", "reminder2h" FROM "Clinic" WHERE id = $1`);
export const findClinicReminderFlags = (sql: Sql, clinicId: string) => firstRow(sql, reminderFlags, [clinicId]);

const movePayment = statement("effects.moveApprovedPayment",
  `UPDATE "Payment" SET "appointmentId" = $2, "updatedAt" = $3 WHERE "appointmentId" = $1 AND status = 'approved'`);
/** The approved payment follows the rescheduled appointment. */
export const moveApprovedPayment = (sql: Sql, fromAppointmentId: string, toAppointmentId: string, now: Date) =>
  execute(sql, movePayment, [fromAppointmentId, toAppointmentId, now]);

const bookedAppointment = statement<BookedAppointmentRow>("effects.bookedAppointment",
  `SELECT id, "startsAt", "professionalId", "procedureId" FROM "Appointment" WHERE id = $1`);
export const findBookedAppointment = (sql: Sql, appointmentId: string) => firstRow(sql, bookedAppointment, [appointmentId]);

// ---- dependants

const fillBirthDate = statement("effects.saveBirthDate",
  `UPDATE "Patient" SET "birthDate" = $2::date, "updatedAt" = $3 WHERE id = $1 AND "birthDate" IS NULL`);
/** `birthDate` YYYY-MM-DD; a date already known is kept. */
export const saveMissingBirthDate = (sql: Sql, patientId: string, birthDate: string, now: Date) => execute(sql, fillBirthDate, [patientId, birthDate, now]);

// ---- consent and the patient's name (interpreter.ts)

const upsertConsenting = statement<PatientIdRow>("effects.upsertChatPatientConsent",
  `INSERT INTO "Patient" (id, "clinicId", phone, "whatsappLid", "consentGrantedAt", "consentVersion", "createdAt", "updatedAt")
   VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
   ON CONFLICT ("clinicId", phone) WHERE "guardianPatientId" IS NULL DO UPDATE
     SET "consentGrantedAt" = EXCLUDED."consentGrantedAt", "consentVersion" = EXCLUDED."consentVersion", "updatedAt" = EXCLUDED."updatedAt"
   RETURNING id`);
/** The chat's patient, created on their first answer to the consent question; granted or not, as answered. */
export const upsertChatPatientConsent = async (
  sql: Sql, row: { id: string; clinicId: string; phone: string; whatsappLid: string | null; grantedAt: Date | null; version: string | null; now: Date },
) => (await firstRow(sql, upsertConsenting, [row.id, row.clinicId, row.phone, row.whatsappLid, row.grantedAt, row.version, row.now]))!.id;

const consentGiven = statement("effects.insertConsentRecord",
  `INSERT INTO "ConsentRecord" (id, "clinicId", "patientId", purpose, "textVersion", granted, channel, "recordedAt")
   VALUES ($1, $2, $3, 'atendimento', $4, $5, 'whatsapp', $6)`);
export const insertConsentRecord = (sql: Sql, row: { id: string; clinicId: string; patientId: string; textVersion: string; granted: boolean; now: Date }) =>
  execute(sql, consentGiven, [row.id, row.clinicId, row.patientId, row.textVersion, row.granted, row.now]);

// The flow never asks before consent; the WHERE clause makes the rule hold even if it did.
const patientName = statement<PatientIdRow>("effects.saveChatPatientName",
  `UPDATE "Patient" SET name = $3, "updatedAt" = $4
   WHERE "clinicId" = $1 AND phone = $2 AND "guardianPatientId" IS NULL AND "consentGrantedAt" IS NOT NULL RETURNING id`);
/** Whether the name was saved (false: no consenting patient in this chat). */
export const saveChatPatientName = async (sql: Sql, clinicId: string, chatKey: string, name: string, now: Date) =>
  (await countOf(sql, patientName, [clinicId, chatKey, name, now])) > 0;
