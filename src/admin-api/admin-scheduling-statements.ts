// The SQL of the admin API's schedule routes, named (src/db/statements.ts):
// clinic closures, a professional's time off and dates with their own hours.
import type { Sql } from "../db/database.js";
import type { ClosureRow, OverrideViewRow, TimeOffRangeRow, TimeOffViewRow } from "../db/rows.js";
import { countOf, execute, firstRow, rowsOf, statement } from "../db/statements.js";

// ---- ClinicClosure

const closures = statement<ClosureRow>("admin.listClosures", `SELECT date, reason FROM "ClinicClosure" WHERE "clinicId" = $1 ORDER BY date`);
export const listClosures = (sql: Sql, clinicId: string) => rowsOf(sql, closures, [clinicId]);

const clinicProfessionals = statement<{ id: string }>("admin.clinicProfessionalIds", `SELECT id FROM "Professional" WHERE "clinicId" = $1`);
export const listClinicProfessionalIds = (sql: Sql, clinicId: string) => rowsOf(sql, clinicProfessionals, [clinicId]);

const upsertClosure = statement("admin.upsertClosure",
  `INSERT INTO "ClinicClosure" (id, "clinicId", date, reason) VALUES ($1, $2, $3, $4)
         ON CONFLICT ("clinicId", date) DO UPDATE SET reason = EXCLUDED.reason`);
/** A date closed already keeps its row and takes the new reason. */
export const saveClosure = (sql: Sql, row: { id: string; clinicId: string; date: string; reason: string }) =>
  execute(sql, upsertClosure, [row.id, row.clinicId, row.date, row.reason]);

const deleteClosureStatement = statement("admin.deleteClosure", `DELETE FROM "ClinicClosure" WHERE "clinicId" = $1 AND date = $2 RETURNING id`);
/** How many closures were deleted (0 or 1). */
export const deleteClosure = (sql: Sql, clinicId: string, date: string) => countOf(sql, deleteClosureStatement, [clinicId, date]);

// ---- TimeOff

const timeOffList = statement<TimeOffViewRow>("admin.listTimeOff",
  `SELECT id, "startsAt", "endsAt", reason FROM "TimeOff" WHERE "professionalId" = $1
         AND "endsAt" > COALESCE($2::date::timestamp, $4) AND ($3::date IS NULL OR "startsAt" < $3::date + 1)
       ORDER BY "startsAt" LIMIT 500`);
/** Time off ending after `from` (or after now) and starting by the end of `to` (dates YYYY-MM-DD, null when not given). */
export const listTimeOff = (sql: Sql, professionalId: string, from: string | null, to: string | null, now: Date) =>
  rowsOf(sql, timeOffList, [professionalId, from, to, now]);

const deleteTimeOffStatement = statement("admin.deleteTimeOff",
  `DELETE FROM "TimeOff" WHERE id = $1 AND "professionalId" = $2 AND "clinicId" = $3 RETURNING id`);
/** How many were deleted (0 or 1). */
export const deleteTimeOff = (sql: Sql, timeOffId: string, professionalId: string, clinicId: string) =>
  countOf(sql, deleteTimeOffStatement, [timeOffId, professionalId, clinicId]);

const insertTimeOffStatement = statement("admin.insertTimeOff",
  `INSERT INTO "TimeOff" (id, "clinicId", "professionalId", "startsAt", "endsAt", reason) VALUES ($1, $2, $3, $4, $5, $6)`);
export const insertTimeOff = (sql: Sql, row: { id: string; clinicId: string; professionalId: string; startsAt: Date; endsAt: Date; reason: string | null }) =>
  execute(sql, insertTimeOffStatement, [row.id, row.clinicId, row.professionalId, row.startsAt, row.endsAt, row.reason]);

const lockTimeOffStatement = statement<TimeOffRangeRow>("admin.lockTimeOff",
  `SELECT "startsAt", "endsAt", reason FROM "TimeOff" WHERE id = $1 AND "clinicId" = $2 AND "professionalId" = $3 FOR UPDATE`);
export const lockTimeOff = (sql: Sql, timeOffId: string, clinicId: string, professionalId: string) =>
  firstRow(sql, lockTimeOffStatement, [timeOffId, clinicId, professionalId]);

const updateTimeOffStatement = statement("admin.updateTimeOff", `UPDATE "TimeOff" SET "startsAt" = $2, "endsAt" = $3, reason = $4 WHERE id = $1`);
export const updateTimeOff = (sql: Sql, timeOffId: string, row: TimeOffRangeRow) =>
  execute(sql, updateTimeOffStatement, [timeOffId, row.startsAt, row.endsAt, row.reason]);

// ---- ScheduleOverride

const overrideList = statement<OverrideViewRow>("admin.listOverrides",
  `SELECT date, intervals, reason FROM "ScheduleOverride" WHERE "professionalId" = $1 AND date >= $2 AND ($3::text IS NULL OR date <= $3)
       ORDER BY date LIMIT 500`);
/** Dates from `from` to `to` (YYYY-MM-DD; no end when null). */
export const listOverrides = (sql: Sql, professionalId: string, from: string, to: string | null) => rowsOf(sql, overrideList, [professionalId, from, to]);

const deleteOverrideStatement = statement("admin.deleteOverride",
  `DELETE FROM "ScheduleOverride" WHERE "professionalId" = $1 AND "clinicId" = $2 AND date = $3 RETURNING id`);
/** How many were deleted (0 or 1). */
export const deleteOverride = (sql: Sql, professionalId: string, clinicId: string, date: string) =>
  countOf(sql, deleteOverrideStatement, [professionalId, clinicId, date]);

const lockOverrideStatement = statement<OverrideViewRow>("admin.lockOverride",
  `SELECT date, intervals, reason FROM "ScheduleOverride" WHERE "professionalId" = $1 AND date = $2 FOR UPDATE`);
export const lockOverride = (sql: Sql, professionalId: string, date: string) => firstRow(sql, lockOverrideStatement, [professionalId, date]);

const upsertOverride = statement<OverrideViewRow>("admin.upsertOverride",
  `INSERT INTO "ScheduleOverride" (id, "clinicId", "professionalId", date, intervals, reason) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT ("professionalId", date) DO UPDATE SET intervals = EXCLUDED.intervals, reason = EXCLUDED.reason
         RETURNING date, intervals, reason`);
export const upsertScheduleOverride = async (sql: Sql, row: { id: string; clinicId: string; professionalId: string; date: string; intervals: OverrideViewRow["intervals"]; reason: string | null }) =>
  (await firstRow(sql, upsertOverride, [row.id, row.clinicId, row.professionalId, row.date, JSON.stringify(row.intervals), row.reason]))!;
