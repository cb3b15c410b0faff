// The SQL of holds, bookings, cancellations and attendance (src/scheduling/),
// named (src/db/statements.ts). The waitlist's is in waitlist-statements.ts.
import type { Sql } from "../db/database.js";
import type {
  AgendaProcedureRow, BusyRangeRow, DateOverrideRow, DependantIdRow, DependantListRow, GuardianRow, ProfessionalAgendaRulesRow, WeeklyHoursRow,
  AppointmentOfPatientRow, BookedPatientRow, ClinicClosingFlagsRow, ClinicClosureRow, DueReminderRow, ExpiredOfferRow, FirstReminderRow, HeldAppointmentRow, PolicedAppointmentRow, ReplacedAppointmentClinicRow, SchedulingAppointmentRow, TouchedAppointmentIdRow,
} from "../db/rows.js";
import { countOf, execute, firstRow, rowsOf, statement } from "../db/statements.js";

/** The columns of a SchedulingAppointmentRow. */
const APPOINTMENT_COLUMNS = `id, "clinicId", "professionalId", "patientId", "procedureId", "startsAt", "endsAt", status, "holdExpiresAt"`;

// ---- appointments-sql.ts

const insertActive = statement<SchedulingAppointmentRow>("scheduling.insertActiveAppointment",
  `INSERT INTO "Appointment" (id, "clinicId", "professionalId", "patientId", "procedureId", "startsAt", "endsAt", status,
           "holdExpiresAt", source, "reminder24hDueAt", "reminder2hDueAt", "rescheduledFromId", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
         RETURNING ${APPOINTMENT_COLUMNS}`);
/** Fails with an exclusion violation when the time is taken. */
export const insertAppointmentRow = (sql: Sql, row: Omit<SchedulingAppointmentRow, "id"> & {
  id: string; source: string; reminder24hDueAt: Date | null; reminder2hDueAt: Date | null; rescheduledFromId: string | null; now: Date;
}) => firstRow(sql, insertActive, [row.id, row.clinicId, row.professionalId, row.patientId, row.procedureId, row.startsAt, row.endsAt, row.status,
  row.holdExpiresAt, row.source, row.reminder24hDueAt, row.reminder2hDueAt, row.rescheduledFromId, row.now]);

const expireStale = statement("scheduling.expireStaleHolds",
  `UPDATE "Appointment" SET status = 'expired', "updatedAt" = $2
     WHERE "professionalId" = $1 AND status = 'held' AND "holdExpiresAt" <= $2`);
export const expireStaleHoldRows = (sql: Sql, professionalId: string, now: Date) => execute(sql, expireStale, [professionalId, now]);

const firstReminder = statement<FirstReminderRow>("scheduling.firstReminderAt",
  `SELECT LEAST("reminder24hDueAt", "reminder2hDueAt") AS "reminderAt" FROM "Appointment" WHERE id = $1`);
export const findFirstReminder = (sql: Sql, appointmentId: string) => firstRow(sql, firstReminder, [appointmentId]);

// ---- hold-and-book.ts

const lockHold = statement<HeldAppointmentRow>("scheduling.lockAppointmentForBooking",
  `SELECT ${APPOINTMENT_COLUMNS}, "rescheduledFromId", source FROM "Appointment" WHERE id = $1 FOR UPDATE`);
export const lockAppointmentForBooking = (sql: Sql, appointmentId: string) => firstRow(sql, lockHold, [appointmentId]);

const bookHold = statement<SchedulingAppointmentRow>("scheduling.bookHold",
  `UPDATE "Appointment" SET status = 'booked', "holdExpiresAt" = NULL, "reminder24hDueAt" = $2, "reminder2hDueAt" = $3, "bookedAt" = $4, "updatedAt" = $4
       WHERE id = $1 RETURNING ${APPOINTMENT_COLUMNS}`);
export const bookHeldAppointment = (sql: Sql, appointmentId: string, reminders: { reminder24hDueAt: Date | null; reminder2hDueAt: Date | null }, now: Date) =>
  firstRow(sql, bookHold, [appointmentId, reminders.reminder24hDueAt, reminders.reminder2hDueAt, now]);

const expireHold = statement("scheduling.expireHold", `UPDATE "Appointment" SET status = 'expired', "updatedAt" = $2 WHERE id = $1`);
export const expireHoldRow = (sql: Sql, appointmentId: string, now: Date) => execute(sql, expireHold, [appointmentId, now]);

const stampBooked = statement("scheduling.stampBookedAt", `UPDATE "Appointment" SET "bookedAt" = $2 WHERE id = $1 AND "bookedAt" IS NULL`);
export const stampBookedAt = (sql: Sql, appointmentId: string, now: Date) => execute(sql, stampBooked, [appointmentId, now]);

const cancelReplaced = statement<ReplacedAppointmentClinicRow>("scheduling.cancelReplaced",
  `UPDATE "Appointment" SET status = 'cancelled', "cancelledAt" = $2, "cancelReason" = 'rescheduled', "updatedAt" = $2
     WHERE id = $1 AND status IN ('booked', 'confirmed') RETURNING "clinicId"`);
/** The appointment a reschedule replaced, cancelled; undefined when it was no longer active. */
export const cancelReplacedAppointment = (sql: Sql, appointmentId: string, now: Date) => firstRow(sql, cancelReplaced, [appointmentId, now]);

const releaseHeld = statement("scheduling.releaseHold",
  `UPDATE "Appointment" SET status = 'expired', "updatedAt" = $2 WHERE id = $1 AND status = 'held'`);
export const releaseHoldRow = (sql: Sql, appointmentId: string, now: Date) => execute(sql, releaseHeld, [appointmentId, now]);

// ---- cancel-appointment.ts

const POLICY_COLUMNS = `"bookedAt", (SELECT "cancellationNoticeHours" FROM "Procedure" WHERE id = "procedureId") AS "procedureNoticeHours"`;

const lockCancellable = statement<PolicedAppointmentRow>("scheduling.lockCancellable",
  `SELECT ${APPOINTMENT_COLUMNS}, ${POLICY_COLUMNS} FROM "Appointment"
     WHERE id = $1 AND "clinicId" = $2 AND status IN ('held', 'booked', 'confirmed') FOR UPDATE`);
export const lockCancellableAppointment = (sql: Sql, appointmentId: string, clinicId: string) => firstRow(sql, lockCancellable, [appointmentId, clinicId]);

const cancel = statement<SchedulingAppointmentRow>("scheduling.cancel",
  `UPDATE "Appointment" SET status = 'cancelled', "cancelledAt" = $2, "cancelReason" = $3, "updatedAt" = $2
     WHERE id = $1 RETURNING ${APPOINTMENT_COLUMNS}`);
export const cancelAppointmentRow = (sql: Sql, appointmentId: string, now: Date, reason: string) => firstRow(sql, cancel, [appointmentId, now, reason]);

const policed = statement<PolicedAppointmentRow>("scheduling.policedAppointment",
  `SELECT ${APPOINTMENT_COLUMNS}, ${POLICY_COLUMNS} FROM "Appointment" WHERE id = $1 AND "clinicId" = $2`);
export const findPolicedAppointment = (sql: Sql, appointmentId: string, clinicId: string) => firstRow(sql, policed, [appointmentId, clinicId]);

const confirm = statement<TouchedAppointmentIdRow>("scheduling.confirmPresence",
  `UPDATE "Appointment" SET status = 'confirmed', "confirmedAt" = $3, "updatedAt" = $3
     WHERE id = $1 AND "clinicId" = $2 AND status IN ('booked', 'confirmed') RETURNING id`);
/** How many appointments were confirmed (0 or 1). */
export const confirmPresenceRow = (sql: Sql, appointmentId: string, clinicId: string, now: Date) => countOf(sql, confirm, [appointmentId, clinicId, now]);

const attendance = statement<TouchedAppointmentIdRow>("scheduling.markAttendance",
  `UPDATE "Appointment" SET status = $3, "updatedAt" = $4
     WHERE id = $1 AND "clinicId" = $2 AND status IN ('booked', 'confirmed', 'completed', 'no_show') RETURNING id`);
export const markAttendanceRow = (sql: Sql, appointmentId: string, clinicId: string, status: "completed" | "no_show", now: Date) =>
  countOf(sql, attendance, [appointmentId, clinicId, status, now]);

// ---- timed-tasks.ts

const claimReminder = statement<DueReminderRow>("scheduling.claimDueReminder",
  `SELECT a.id, a."clinicId", a."startsAt", a."endsAt", a."professionalId", p.phone,
       pr.name AS "professionalName", proc.name AS "procedureName",
       CASE WHEN a."reminder2hDueAt" <= $1 AND a."reminder2hSentAt" IS NULL THEN '2h' ELSE '24h' END AS which
     FROM "Appointment" a
     JOIN "Patient" p ON p.id = a."patientId"
     JOIN "Professional" pr ON pr.id = a."professionalId"
     JOIN "Procedure" proc ON proc.id = a."procedureId"
     WHERE a.status IN ('booked', 'confirmed') AND a."startsAt" > $1
       AND ((a."reminder24hDueAt" <= $1 AND a."reminder24hSentAt" IS NULL)
         OR (a."reminder2hDueAt" <= $1 AND a."reminder2hSentAt" IS NULL))
     ORDER BY a."startsAt" LIMIT 1
     FOR UPDATE OF a SKIP LOCKED`);
/** The next reminder due for an appointment still ahead, locked (skipping one another instance holds). */
export const claimDueReminder = (sql: Sql, now: Date) => firstRow(sql, claimReminder, [now]);

const markReminderSent = statement("scheduling.markReminderSent",
  `UPDATE "Appointment" SET "reminder24hSentAt" = COALESCE("reminder24hSentAt", $2),
           "reminder2hSentAt" = CASE WHEN $3 = '2h' THEN $2::timestamp ELSE "reminder2hSentAt" END, "updatedAt" = $2
         WHERE id = $1`);
/** A 24 h reminder that is only sent inside the last 2 h is covered by the 2 h one. */
export const markReminderSentRow = (sql: Sql, appointmentId: string, now: Date, which: "24h" | "2h") =>
  execute(sql, markReminderSent, [appointmentId, now, which]);

const claimExpiredOffer = statement<ExpiredOfferRow>("scheduling.claimExpiredOffer",
  `SELECT w.id, w."clinicId", p.phone, w."offeredAppointmentId" AS "appointmentId" FROM "WaitlistEntry" w JOIN "Patient" p ON p.id = w."patientId"
         WHERE w.status = 'offered' AND w."offerExpiresAt" <= $1 LIMIT 1 FOR UPDATE OF w SKIP LOCKED`);
export const claimExpiredOfferRow = (sql: Sql, now: Date) => firstRow(sql, claimExpiredOffer, [now]);

const expireHolds = statement("scheduling.expireAllStaleHolds",
  `UPDATE "Appointment" SET status = 'expired', "updatedAt" = $1 WHERE status = 'held' AND "holdExpiresAt" <= $1`);
export const expireAllStaleHolds = (sql: Sql, now: Date) => execute(sql, expireHolds, [now]);

// ---- closures.ts

const closingFlags = statement<ClinicClosingFlagsRow>("scheduling.clinicClosingFlags",
  `SELECT "closedOnCarnival", "closedOnCorpusChristi" FROM "Clinic" WHERE id = $1`);
export const findClinicClosingFlags = (sql: Sql, clinicId: string) => firstRow(sql, closingFlags, [clinicId]);

const closuresFrom = statement<ClinicClosureRow>("scheduling.closuresFrom",
  `SELECT date, reason FROM "ClinicClosure" WHERE "clinicId" = $1 AND date >= $2 ORDER BY date`);
/** The clinic's own closures on `from` (a local date) and after. */
export const listClosuresFrom = (sql: Sql, clinicId: string, from: string) => rowsOf(sql, closuresFrom, [clinicId, from]);

// ---- clinic-changes.ts

const ofPatient = statement<AppointmentOfPatientRow>("scheduling.appointmentOfPatient",
  `SELECT a."clinicId", a."procedureId", p.phone, a."startsAt", a."endsAt", a."professionalId", pr.name AS "professionalName", proc.name AS "procedureName"
     FROM "Appointment" a JOIN "Patient" p ON p.id = a."patientId"
     JOIN "Professional" pr ON pr.id = a."professionalId" JOIN "Procedure" proc ON proc.id = a."procedureId"
     WHERE a.id = $1`);
export const findAppointmentOfPatient = (sql: Sql, appointmentId: string) => firstRow(sql, ofPatient, [appointmentId]);

const bookedBetween = statement<BookedPatientRow>("scheduling.lockBookedBetween",
  `SELECT a.id, p.name, p.phone, a."startsAt", a."endsAt" FROM "Appointment" a JOIN "Patient" p ON p.id = a."patientId"
     WHERE a."clinicId" = $1 AND a."professionalId" = $2 AND a.status IN ('booked', 'confirmed')
       AND a."startsAt" < $4 AND a."endsAt" > $3
     ORDER BY a."startsAt" FOR UPDATE OF a`);
/** The professional's bookings overlapping [from, to), locked. */
export const lockBookedBetween = (sql: Sql, clinicId: string, professionalId: string, from: Date, to: Date) =>
  rowsOf(sql, bookedBetween, [clinicId, professionalId, from, to]);

// ---- agenda.ts

const weeklyHours = statement<WeeklyHoursRow>("scheduling.weeklyHours",
  `SELECT weekday, "startTime", "endTime" FROM "WorkingHours" WHERE "professionalId" = $1`);
export const listWeeklyHours = (sql: Sql, professionalId: string) => rowsOf(sql, weeklyHours, [professionalId]);

const overrides = statement<DateOverrideRow>("scheduling.dateOverrides",
  `SELECT date, intervals FROM "ScheduleOverride" WHERE "professionalId" = $1`);
export const listDateOverrides = (sql: Sql, professionalId: string) => rowsOf(sql, overrides, [professionalId]);

const timeOffBetween = statement<BusyRangeRow>("scheduling.timeOffBetween",
  `SELECT "startsAt", "endsAt" FROM "TimeOff" WHERE "professionalId" = $1 AND "endsAt" > $2 AND "startsAt" < $3`);
export const listTimeOffBetween = (sql: Sql, professionalId: string, from: Date, until: Date) => rowsOf(sql, timeOffBetween, [professionalId, from, until]);

const busyBetween = statement<BusyRangeRow>("scheduling.busyBetween",
  `SELECT "startsAt", "endsAt" FROM "Appointment"
       WHERE "professionalId" = $1 AND status = ANY($2::text[]) AND "endsAt" > $3 AND "startsAt" < $4`);
/** The professional's appointments in one of `statuses` overlapping (from, until). */
export const listBusyBetween = (sql: Sql, professionalId: string, statuses: readonly string[], from: Date, until: Date) =>
  rowsOf(sql, busyBetween, [professionalId, statuses, from, until]);

const PROCEDURE_COLUMNS = `id, "clinicId", name, "durationMinutes", "priceCents", "prepaymentRequired", "paymentHoldMinutes", "professionalIds"`;

const activeProcedure = statement<AgendaProcedureRow>("scheduling.activeProcedure",
  `SELECT ${PROCEDURE_COLUMNS} FROM "Procedure" WHERE "clinicId" = $1 AND id = $2 AND active`);
export const findActiveProcedure = (sql: Sql, clinicId: string, procedureId: string) => firstRow(sql, activeProcedure, [clinicId, procedureId]);

const agendaProfessionals = statement<ProfessionalAgendaRulesRow>("scheduling.agendaProfessionals",
  `SELECT id, name, "slotIntervalMinutes", "bufferBeforeMinutes", "bufferAfterMinutes", "minimumNoticeMinutes", "bookingHorizonDays"
     FROM "Professional" WHERE "clinicId" = $1 AND active AND id = ANY($2::text[]) ORDER BY name`);
export const listAgendaProfessionals = (sql: Sql, clinicId: string, ids: string[]) => rowsOf(sql, agendaProfessionals, [clinicId, ids]);

// ---- dependants.ts

const lockGuardian = statement<GuardianRow>("scheduling.lockGuardian",
  `SELECT "clinicId", phone, "consentVersion", "guardianPatientId" FROM "Patient" WHERE id = $1 FOR UPDATE`);
export const lockGuardianRow = (sql: Sql, guardianId: string) => firstRow(sql, lockGuardian, [guardianId]);

const updateDependant = statement("scheduling.updateDependant",
  `UPDATE "Patient" SET "birthDate" = $2::date, relationship = $3, cpf = COALESCE($4, cpf), "updatedAt" = $5 WHERE id = $1`);
/** A null `cpfSealed` keeps the CPF on file. */
export const updateDependantRow = (sql: Sql, row: { id: string; birthDate: string; relationship: string; cpfSealed: string | null; now: Date }) =>
  execute(sql, updateDependant, [row.id, row.birthDate, row.relationship, row.cpfSealed, row.now]);

const insertDependant = statement("scheduling.insertDependant",
  `INSERT INTO "Patient" (id, "clinicId", phone, name, cpf, "birthDate", "guardianPatientId", relationship, "consentGrantedAt", "consentVersion", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, $10, $9, $9)`);
export const insertDependantRow = (sql: Sql, row: {
  id: string; clinicId: string; phone: string; name: string; cpfSealed: string | null; birthDate: string; guardianId: string; relationship: string;
  now: Date; consentVersion: string | null;
}) => execute(sql, insertDependant, [row.id, row.clinicId, row.phone, row.name, row.cpfSealed, row.birthDate, row.guardianId, row.relationship, row.now, row.consentVersion]);

const guardianConsent = statement("scheduling.insertGuardianConsent",
  `INSERT INTO "ConsentRecord" (id, "clinicId", "patientId", purpose, "textVersion", granted, channel, "recordedAt")
       VALUES ($1, $2, $3, 'atendimento', $4, true, 'guardian', $5)`);
export const insertGuardianConsent = (sql: Sql, row: { id: string; clinicId: string; patientId: string; textVersion: string; now: Date }) =>
  execute(sql, guardianConsent, [row.id, row.clinicId, row.patientId, row.textVersion, row.now]);

const dependantOf = statement<DependantIdRow>("scheduling.dependantOf",
  `SELECT id FROM "Patient" WHERE id = $1 AND "guardianPatientId" = $2 AND "restrictedAt" IS NULL`);
export const findDependantOf = (sql: Sql, patientId: string, guardianId: string) => firstRow(sql, dependantOf, [patientId, guardianId]);

const dependants = statement<DependantListRow>("scheduling.dependantsOf",
  `SELECT id, name, to_char("birthDate", 'YYYY-MM-DD') AS "birthDate", relationship FROM "Patient"
     WHERE "guardianPatientId" = $1 AND "restrictedAt" IS NULL ORDER BY "createdAt", id`);
export const listDependantsOf = (sql: Sql, guardianId: string) => rowsOf(sql, dependants, [guardianId]);
