// Time-based scheduling work, run by the clock tick (src/jobs/clock-tasks.ts).
// Each item is claimed with SKIP LOCKED in its own transaction and marked
// done in it: sent once with several instances, and late (never lost) after
// downtime, as long as the appointment is still ahead.
import type { ChatEvents } from "../chat-events/raise.js";
import type { Database } from "../db/database.js";
import type { TimedTask } from "../jobs/clock-tasks.js";
import { passOfferOn } from "./waitlist.js";
import { claimDueReminder, claimExpiredOfferRow, expireAllStaleHolds, markReminderSentRow } from "./scheduling-statements.js";

const BATCH = 200;

export async function sendDueReminders(db: Database, events: ChatEvents, now: Date): Promise<number> {
  let sent = 0;
  for (; sent < BATCH; sent++) {
    const done = await db.transaction(async (sql) => {
      const due = await claimDueReminder(sql, now);
      if (!due) return false;
      // A 24 h reminder that is only sent inside the last 2 h is covered by the 2 h one.
      await markReminderSentRow(sql, due.id, now, due.which);
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
      const offer = await claimExpiredOfferRow(sql, now);
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
  await expireAllStaleHolds(db.sql, now);
  return handled;
}

export function schedulingTimedTasks(db: Database, events: ChatEvents): TimedTask[] {
  return [
    { name: "scheduling.expire-holds", run: (now) => expireHoldsAndOffers(db, events, now) },
    { name: "scheduling.reminders", run: (now) => sendDueReminders(db, events, now) },
  ];
}
