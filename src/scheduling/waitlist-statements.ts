// The SQL of the waitlist (src/scheduling/waitlist.ts), named (src/db/statements.ts).
import type { Sql } from "../db/database.js";
import type {
  ClinicOfferSettingsRow, EntryOfferStateRow, FreedTimeRow, FreedTimeStatusRow, OfferedEntryRow, OfferNamesRow, OverrideIntervalsRow,
  WaitlistCandidateRow, WaitlistEntryIdRow,
} from "../db/rows.js";
import { execute, firstRow, rowsOf, statement } from "../db/statements.js";

const liveEntry = statement<WaitlistEntryIdRow>("waitlist.lockLiveEntry",
  `SELECT id FROM "WaitlistEntry" WHERE "patientId" = $1 AND "procedureId" = $2 AND status IN ('waiting', 'offered') FOR UPDATE`);
/** The patient's live entry (waiting or offered) for the procedure, locked. */
export const lockLiveEntry = (sql: Sql, patientId: string, procedureId: string) => firstRow(sql, liveEntry, [patientId, procedureId]);

const updateWish = statement("waitlist.updateWish",
  `UPDATE "WaitlistEntry" SET "professionalId" = $2, weekdays = $3, periods = $4, "fromDate" = NULL, "toDate" = NULL, period = NULL, "updatedAt" = $5 WHERE id = $1`);
export const updateEntryWish = (sql: Sql, row: { id: string; professionalId: string | null; weekdays: number[]; periods: string[]; now: Date }) =>
  execute(sql, updateWish, [row.id, row.professionalId, row.weekdays, row.periods, row.now]);

const insertEntry = statement("waitlist.insertEntry",
  `INSERT INTO "WaitlistEntry" (id, "clinicId", "patientId", "procedureId", "professionalId", weekdays, periods, status, "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8, $8)`);
export const insertWaitingEntry = (sql: Sql, row: {
  id: string; clinicId: string; patientId: string; procedureId: string; professionalId: string | null; weekdays: number[]; periods: string[]; now: Date;
}) => execute(sql, insertEntry, [row.id, row.clinicId, row.patientId, row.procedureId, row.professionalId, row.weekdays, row.periods, row.now]);

const offerSettings = statement<ClinicOfferSettingsRow>("waitlist.clinicOfferSettings",
  `SELECT "timeZone", "waitlistOfferMinutes" FROM "Clinic" WHERE id = $1`);
export const findClinicOfferSettings = (sql: Sql, clinicId: string) => firstRow(sql, offerSettings, [clinicId]);

const candidates = statement<WaitlistCandidateRow>("waitlist.lockCandidates",
  `SELECT w.id, w."patientId", w."fromDate", w."toDate", w.period, w.weekdays, w.periods, p.phone
     FROM "WaitlistEntry" w JOIN "Patient" p ON p.id = w."patientId"
     WHERE w."clinicId" = $1 AND w.status = 'waiting' AND w."procedureId" = $2
       AND (w."professionalId" IS NULL OR w."professionalId" = $3)
       AND NOT EXISTS (SELECT 1 FROM "WaitlistOffer" o WHERE o."patientId" = w."patientId" AND o."professionalId" = $3 AND o."startsAt" = $4)
     ORDER BY w."createdAt" FOR UPDATE OF w SKIP LOCKED`);
/** The waiting entries the time may go to, first come first, never offered this time before; locked, skipping ones another offer holds. */
export const lockCandidates = (sql: Sql, clinicId: string, procedureId: string, professionalId: string, startsAt: Date) =>
  rowsOf(sql, candidates, [clinicId, procedureId, professionalId, startsAt]);

const markOffered = statement("waitlist.markOffered",
  `UPDATE "WaitlistEntry" SET status = 'offered', "offeredAppointmentId" = $2, "offerExpiresAt" = $3, "updatedAt" = $4 WHERE id = $1`);
export const markEntryOffered = (sql: Sql, entryId: string, appointmentId: string, offerExpiresAt: Date, now: Date) =>
  execute(sql, markOffered, [entryId, appointmentId, offerExpiresAt, now]);

const insertOffer = statement("waitlist.insertOffer",
  `INSERT INTO "WaitlistOffer" (id, "clinicId", "entryId", "patientId", "professionalId", "startsAt", "appointmentId", outcome, "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8)`);
export const insertOpenOffer = (sql: Sql, row: {
  id: string; clinicId: string; entryId: string; patientId: string; professionalId: string; startsAt: Date; appointmentId: string; now: Date;
}) => execute(sql, insertOffer, [row.id, row.clinicId, row.entryId, row.patientId, row.professionalId, row.startsAt, row.appointmentId, row.now]);

const timeOff = statement<Record<string, unknown>>("waitlist.findTimeOff",
  `SELECT 1 FROM "TimeOff" WHERE "professionalId" = $1 AND "startsAt" < $3 AND "endsAt" > $2 LIMIT 1`);
/** Whether the professional is away for any part of [startsAt, endsAt). */
export const hasTimeOffDuring = async (sql: Sql, professionalId: string, startsAt: Date, endsAt: Date) =>
  Boolean(await firstRow(sql, timeOff, [professionalId, startsAt, endsAt]));

const override = statement<OverrideIntervalsRow>("waitlist.findOverride",
  `SELECT intervals FROM "ScheduleOverride" WHERE "professionalId" = $1 AND date = $2`);
export const findOverrideIntervals = (sql: Sql, professionalId: string, date: string) => firstRow(sql, override, [professionalId, date]);

const names = statement<OfferNamesRow>("waitlist.offerNames",
  `SELECT pr.name AS "professionalName", proc.name AS "procedureName" FROM "Professional" pr, "Procedure" proc WHERE pr.id = $1 AND proc.id = $2`);
export const findOfferNames = (sql: Sql, professionalId: string, procedureId: string) => firstRow(sql, names, [professionalId, procedureId]);

const offeredEntry = statement<OfferedEntryRow>("waitlist.lockOfferedEntry",
  `SELECT "offeredAppointmentId", "procedureId", "professionalId" FROM "WaitlistEntry" WHERE id = $1 AND status = 'offered' FOR UPDATE`);
export const lockOfferedEntry = (sql: Sql, entryId: string) => firstRow(sql, offeredEntry, [entryId]);

const clearOffer = statement("waitlist.clearOffer",
  `UPDATE "WaitlistEntry" SET status = $2, "offeredAppointmentId" = NULL, "offerExpiresAt" = NULL, "updatedAt" = $3 WHERE id = $1`);
/** The entry holds no offer any more and goes back to `status` ("waiting", or "declined" when the patient left). */
export const clearEntryOffer = (sql: Sql, entryId: string, status: "waiting" | "declined", now: Date) => execute(sql, clearOffer, [entryId, status, now]);

const answerOffer = statement("waitlist.answerOpenOffer",
  `UPDATE "WaitlistOffer" SET outcome = $3, "answeredAt" = $4 WHERE "entryId" = $1 AND "appointmentId" = $2 AND outcome = 'open'`);
export const answerOpenOffer = (sql: Sql, entryId: string, appointmentId: string, outcome: string, now: Date) =>
  execute(sql, answerOffer, [entryId, appointmentId, outcome, now]);

const offeredTime = statement<FreedTimeStatusRow>("waitlist.offeredTime",
  `SELECT "clinicId", "professionalId", "procedureId", "startsAt", "endsAt", status FROM "Appointment" WHERE id = $1`);
export const findOfferedTime = (sql: Sql, appointmentId: string) => firstRow(sql, offeredTime, [appointmentId]);

const markBooked = statement("waitlist.markBooked", `UPDATE "WaitlistEntry" SET status = 'booked', "updatedAt" = $2 WHERE id = $1`);
export const markEntryBooked = (sql: Sql, entryId: string, now: Date) => execute(sql, markBooked, [entryId, now]);

const acceptOffer = statement("waitlist.acceptOffer",
  `UPDATE "WaitlistOffer" SET outcome = 'accepted', "answeredAt" = $3 WHERE "entryId" = $1 AND "appointmentId" = $2`);
export const markOfferRowAccepted = (sql: Sql, entryId: string, appointmentId: string, now: Date) => execute(sql, acceptOffer, [entryId, appointmentId, now]);

const entryState = statement<EntryOfferStateRow>("waitlist.lockEntryState",
  `SELECT "procedureId", "professionalId", status, "offeredAppointmentId" FROM "WaitlistEntry" WHERE id = $1 FOR UPDATE`);
export const lockEntryState = (sql: Sql, entryId: string) => firstRow(sql, entryState, [entryId]);

const replacedTime = statement<FreedTimeRow>("waitlist.replacedTime",
  `SELECT old."clinicId", old."professionalId", old."procedureId", old."startsAt", old."endsAt"
     FROM "Appointment" a JOIN "Appointment" old ON old.id = a."rescheduledFromId"
     WHERE a.id = $1 AND old.status = 'cancelled'`);
/** The time the appointment `bookedId` replaced in a reschedule, once that old one is cancelled. */
export const findReplacedTime = (sql: Sql, bookedId: string) => firstRow(sql, replacedTime, [bookedId]);
