// Small SQL helpers shared by the appointment use cases.
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import { isExclusionViolation } from "../db/errors.js";

export interface AppointmentRow {
  id: string;
  clinicId: string;
  professionalId: string;
  patientId: string;
  procedureId: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  holdExpiresAt: Date | null;
}

export const APPOINTMENT_COLUMNS = `id, "clinicId", "professionalId", "patientId", "procedureId", "startsAt", "endsAt", status, "holdExpiresAt"`;

/**
 * Runs `work` inside a savepoint: a constraint violation then rolls back only
 * this step, and the turn's transaction stays usable (PostgreSQL aborts the
 * whole transaction on an error otherwise).
 */
export async function inSavepoint<T>(sql: Sql, work: () => Promise<T>): Promise<T> {
  const name = `sp_${randomUUID().replaceAll("-", "")}`;
  await sql.query(`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await sql.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await sql.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}

/** Inserts an active appointment; undefined when the time is already taken (exclusion constraint). */
export async function insertActiveAppointment(
  sql: Sql,
  row: Omit<AppointmentRow, "id"> & { source: string; reminder24hDueAt?: Date | null; reminder2hDueAt?: Date | null; rescheduledFromId?: string | null },
  now: Date,
): Promise<AppointmentRow | undefined> {
  try {
    return await inSavepoint(sql, async () => {
      const [inserted] = await sql.query<AppointmentRow>(
        `INSERT INTO "Appointment" (id, "clinicId", "professionalId", "patientId", "procedureId", "startsAt", "endsAt", status,
           "holdExpiresAt", source, "reminder24hDueAt", "reminder2hDueAt", "rescheduledFromId", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
         RETURNING ${APPOINTMENT_COLUMNS}`,
        [randomUUID(), row.clinicId, row.professionalId, row.patientId, row.procedureId, row.startsAt, row.endsAt, row.status,
          row.holdExpiresAt, row.source, row.reminder24hDueAt ?? null, row.reminder2hDueAt ?? null, row.rescheduledFromId ?? null, now],
      );
      return inserted;
    });
  } catch (error) {
    if (isExclusionViolation(error)) return undefined;
    throw error;
  }
}

/** Holds whose time ran out stop blocking the agenda. */
export async function expireStaleHolds(sql: Sql, professionalId: string, now: Date): Promise<void> {
  await sql.query(
    `UPDATE "Appointment" SET status = 'expired', "updatedAt" = $2
     WHERE "professionalId" = $1 AND status = 'held' AND "holdExpiresAt" <= $2`,
    [professionalId, now],
  );
}

export interface ReminderRules {
  reminder24h: boolean;
  reminder2h: boolean;
}

/**
 * A reminder is due 24 h (and optionally 2 h) before. A booking made inside
 * the long reminder's lead time (at 15:28 for 09:00 the next day) gets the
 * short one instead; one made less than 2 h ahead gets none, and the
 * confirmation says so rather than promising one.
 */
export function reminderTimes(startsAt: Date, rules: ReminderRules, now: Date) {
  const at = (hours: number) => {
    const due = new Date(startsAt.getTime() - hours * 3_600_000);
    return due > now ? due : null;
  };
  const long = rules.reminder24h ? at(24) : null;
  const short = rules.reminder2h || (rules.reminder24h && !long) ? at(2) : null;
  return { reminder24hDueAt: long, reminder2hDueAt: short };
}

/** When the appointment's first reminder goes (ISO), or null when none will: what a confirmation may promise. */
export async function firstReminderAt(sql: Sql, appointmentId: string): Promise<string | null> {
  const [due] = await sql.query<{ reminderAt: Date | null }>(
    `SELECT LEAST("reminder24hDueAt", "reminder2hDueAt") AS "reminderAt" FROM "Appointment" WHERE id = $1`, [appointmentId]);
  return due?.reminderAt ? new Date(due.reminderAt).toISOString() : null;
}
