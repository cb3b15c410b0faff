// Small SQL helpers shared by the appointment use cases.
import { randomUUID } from "node:crypto";
import { inSavepoint, type Sql } from "../db/database.js";
import { isExclusionViolation } from "../db/errors.js";
import type { SchedulingAppointmentRow } from "../db/rows.js";
import { expireStaleHoldRows, findFirstReminder, insertAppointmentRow } from "./scheduling-statements.js";

export type AppointmentRow = SchedulingAppointmentRow;

/** Inserts an active appointment; undefined when the time is already taken (exclusion constraint). */
export async function insertActiveAppointment(
  sql: Sql,
  row: Omit<AppointmentRow, "id"> & { source: string; reminder24hDueAt?: Date | null; reminder2hDueAt?: Date | null; rescheduledFromId?: string | null },
  now: Date,
): Promise<AppointmentRow | undefined> {
  try {
    return await inSavepoint(sql, async () => {
      return insertAppointmentRow(sql, {
        id: randomUUID(), clinicId: row.clinicId, professionalId: row.professionalId, patientId: row.patientId, procedureId: row.procedureId,
        startsAt: row.startsAt, endsAt: row.endsAt, status: row.status, holdExpiresAt: row.holdExpiresAt, source: row.source,
        reminder24hDueAt: row.reminder24hDueAt ?? null, reminder2hDueAt: row.reminder2hDueAt ?? null, rescheduledFromId: row.rescheduledFromId ?? null, now,
      });
    });
  } catch (error) {
    if (isExclusionViolation(error)) return undefined;
    throw error;
  }
}

/** Holds whose time ran out stop blocking the agenda. */
export async function expireStaleHolds(sql: Sql, professionalId: string, now: Date): Promise<void> {
  await expireStaleHoldRows(sql, professionalId, now);
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
  const due = await findFirstReminder(sql, appointmentId);
  return due?.reminderAt ? new Date(due.reminderAt).toISOString() : null;
}
