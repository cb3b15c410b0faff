// Time-based scheduling work, run by the clock tick (src/jobs/clock-tasks.ts).
// Each item is claimed with SKIP LOCKED in its own transaction and marked
// done in it: sent once with several instances, and late (never lost) after
// downtime, as long as the appointment is still ahead.
import type { ChatEvents } from "../chat-events/raise.js";
import type { Database, Sql } from "../db/database.js";
import type { TimedTask } from "../jobs/clock-tasks.js";
import { passOfferOn } from "./waitlist.js";

const BATCH = 200;

interface DueReminder {
  id: string;
  clinicId: string;
  startsAt: Date;
  endsAt: Date;
  professionalId: string;
  phone: string;
  professionalName: string;
  procedureName: string;
  which: "24h" | "2h";
}

async function claimReminder(sql: Sql, now: Date): Promise<DueReminder | undefined> {
  const [due] = await sql.query<DueReminder>(
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
     FOR UPDATE OF a SKIP LOCKED`,
    [now]);
  return due;
}

export async function sendDueReminders(db: Database, events: ChatEvents, now: Date): Promise<number> {
  let sent = 0;
  for (; sent < BATCH; sent++) {
    const done = await db.transaction(async (sql) => {
      const due = await claimReminder(sql, now);
      if (!due) return false;
      // A 24 h reminder that is only sent inside the last 2 h is covered by the 2 h one.
      await sql.query(
        `UPDATE "Appointment" SET "reminder24hSentAt" = COALESCE("reminder24hSentAt", $2),
           "reminder2hSentAt" = CASE WHEN $3 = '2h' THEN $2::timestamp ELSE "reminder2hSentAt" END, "updatedAt" = $2
         WHERE id = $1`, [due.id, now, due.which]);
      const appointment = {
        appointmentId: due.id, startsAt: due.startsAt.toISOString(), endsAt: due.endsAt.toISOString(), professionalId: due.professionalId,
        professionalName: due.professionalName, procedureName: due.procedureName,
      };
      // Marked as sent either way: a patient who withdrew consent is not reminded later either.
      await events.toPatient(sql, { clinicId: due.clinicId, chatKey: due.phone }, { type: "reminderDue", which: due.which, appointment }, `${due.id}:${due.which}`, now);
      return true;
    });
    if (!done) break;
  }
  return sent;
}

/** Waitlist offers nobody answered pass to the next patient; stale holds free their time. */
export async function expireHoldsAndOffers(db: Database, events: ChatEvents, now: Date): Promise<number> {
  let handled = 0;
  for (; handled < BATCH; handled++) {
    const done = await db.transaction(async (sql) => {
      const [offer] = await sql.query<{ id: string; clinicId: string; phone: string; appointmentId: string | null }>(
        `SELECT w.id, w."clinicId", p.phone, w."offeredAppointmentId" AS "appointmentId" FROM "WaitlistEntry" w JOIN "Patient" p ON p.id = w."patientId"
         WHERE w.status = 'offered' AND w."offerExpiresAt" <= $1 LIMIT 1 FOR UPDATE OF w SKIP LOCKED`, [now]);
      if (!offer) return false;
      // Passed on first, so the patient's flow can say whether someone else was offered it.
      const passed = await passOfferOn(sql, events, offer.id, "expired", now);
      await events.toPatient(sql, { clinicId: offer.clinicId, chatKey: offer.phone }, {
        type: "waitlistOfferExpired", entryId: offer.id, appointmentId: offer.appointmentId ?? "",
        passedOn: passed?.passedOn ?? false, procedureId: passed?.procedureId ?? "", professionalId: passed?.professionalId ?? null,
      }, `${offer.id}:${offer.appointmentId ?? ""}`, now);
      return true;
    });
    if (!done) break;
  }
  await db.sql.query(
    `UPDATE "Appointment" SET status = 'expired', "updatedAt" = $1 WHERE status = 'held' AND "holdExpiresAt" <= $1`, [now]);
  return handled;
}

export function schedulingTimedTasks(db: Database, events: ChatEvents): TimedTask[] {
  return [
    { name: "scheduling.expire-holds", run: (now) => expireHoldsAndOffers(db, events, now) },
    { name: "scheduling.reminders", run: (now) => sendDueReminders(db, events, now) },
  ];
}
