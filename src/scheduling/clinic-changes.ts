// What the clinic changes on a patient's agenda reaches the patient's chat:
// a booking made by the reception, a cancellation by the reception or by
// time off. Each raises its chat event in the caller's transaction (the
// patient's flow decides the words), and a freed time goes to the waitlist.
// Also: which bookings a new time off or a date's new hours would run over.
import type { ChatEvents } from "../chat-events/raise.js";
import type { AppointmentFacts } from "../chat-events/types.js";
import type { Sql } from "../db/database.js";
import { firstReminderAt } from "./appointments-sql.js";
import { localDateAndPeriod } from "./format-slot.js";
import { insideHours } from "./date-hours.js";
import { offerFreedTime, type FreedTime } from "./waitlist.js";
import { makeZone } from "./zoned-time.js";
import type { BookedPatientRow } from "../db/rows.js";
import { findAppointmentOfPatient, lockBookedBetween } from "./scheduling-statements.js";

interface AppointmentOfPatient extends AppointmentFacts {
  clinicId: string;
  procedureId: string;
  phone: string;
}

async function appointmentOfPatient(sql: Sql, appointmentId: string): Promise<AppointmentOfPatient | undefined> {
  const row = await findAppointmentOfPatient(sql, appointmentId);
  if (!row) return undefined;
  return { ...row, appointmentId, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() };
}

const factsOf = (a: AppointmentOfPatient): AppointmentFacts => ({
  appointmentId: a.appointmentId, startsAt: a.startsAt, endsAt: a.endsAt, professionalId: a.professionalId,
  professionalName: a.professionalName, procedureName: a.procedureName,
});

/** The reception booked for the patient: the chat confirms it (reminders come as for a chat booking). */
export async function tellBookedForYou(sql: Sql, events: ChatEvents, appointmentId: string, now: Date): Promise<void> {
  const a = await appointmentOfPatient(sql, appointmentId);
  if (!a) return;
  await events.toPatient(sql, { clinicId: a.clinicId, chatKey: a.phone }, { type: "appointmentBookedForYou", appointment: factsOf(a), reminderAt: await firstReminderAt(sql, appointmentId) }, appointmentId, now);
}

/** After the clinic cancelled an appointment: the patient is told (with the reason, and an offer to book again), and the time goes to the waitlist. */
export async function afterClinicCancelled(sql: Sql, events: ChatEvents, cancelled: FreedTime & { id: string }, reason: string | undefined, now: Date): Promise<void> {
  const a = await appointmentOfPatient(sql, cancelled.id);
  if (a && new Date(a.startsAt) > now) {
    await events.toPatient(sql, { clinicId: a.clinicId, chatKey: a.phone },
      { type: "appointmentCancelledByClinic", appointment: factsOf(a), procedureId: a.procedureId, ...(reason ? { reason } : {}) }, cancelled.id, now);
  }
  await offerFreedTime(sql, events, cancelled, now);
}

/** A booking a schedule change would run over, as the reception reads it. */
export interface AffectedBooking {
  appointmentId: string;
  patientName: string | null;
  phone: string;
  startsAt: string;
  endsAt: string;
}

type BookedRow = BookedPatientRow;

const affected = (r: BookedRow): AffectedBooking =>
  ({ appointmentId: r.id, patientName: r.name, phone: r.phone, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() });

async function bookedBetween(sql: Sql, clinicId: string, professionalId: string, from: Date, to: Date): Promise<BookedRow[]> {
  return lockBookedBetween(sql, clinicId, professionalId, from, to);
}

/** Bookings of the professional that overlap [startsAt, endsAt). */
export async function bookingsUnderTimeOff(sql: Sql, clinicId: string, professionalId: string, startsAt: Date, endsAt: Date): Promise<AffectedBooking[]> {
  return (await bookedBetween(sql, clinicId, professionalId, startsAt, endsAt)).map(affected);
}

/**
 * Bookings on the clinic-local `date` that the date's new hours leave out:
 * with hours 08:00-12:00, a 14:00 booking is affected and a 09:00 one is not;
 * with no hours (closed) every booking of the day is.
 */
export async function bookingsOutsideHours(
  sql: Sql, clinicId: string, professionalId: string, timeZone: string, date: string, intervals: { start: string; end: string }[],
): Promise<AffectedBooking[]> {
  const dayStart = new Date(`${date}T00:00:00Z`);
  // Every zone's day falls within a day and a half of UTC midnight.
  const rows = await bookedBetween(sql, clinicId, professionalId, new Date(dayStart.getTime() - 36 * 3_600_000), new Date(dayStart.getTime() + 60 * 3_600_000));
  const zone = makeZone(timeZone);
  return rows.filter((r) => localDateAndPeriod(r.startsAt, zone).date === date && !insideHours(r.startsAt, r.endsAt, date, intervals, zone)).map(affected);
}
