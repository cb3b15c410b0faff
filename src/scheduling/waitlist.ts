// The waitlist: a freed time is offered to the first waiting patient whose
// days and parts of the day it suits, with a short hold; "sim" books it,
// "não" or silence passes it to the next one. Nobody is offered a time that
// is taken (the offer IS a hold), and nobody is offered the same time twice
// (WaitlistOffer remembers every offer, whatever its answer).
import { randomUUID } from "node:crypto";
import type { ChatEvents } from "../chat-events/raise.js";
import type { Sql } from "../db/database.js";
import { localDateAndPeriod } from "./format-slot.js";
import { insideHours } from "./date-hours.js";
import { holdSlot, releaseHold } from "./hold-and-book.js";
import { writeAuditEvent } from "../db/audit.js";

export interface WaitlistWish {
  clinicId: string;
  patientId: string;
  procedureId: string;
  professionalId: string | null;
  /** 0 = Sunday; empty: any weekday. */
  weekdays: number[];
  /** "manha" | "tarde" | "noite"; empty: any time of day. */
  periods: string[];
}

/** Joins, or updates the patient's live entry for the same procedure (a second "0" must not queue them twice). */
export async function joinWaitlist(sql: Sql, wish: WaitlistWish, now: Date): Promise<{ id: string; updated: boolean }> {
  const [existing] = await sql.query<{ id: string }>(
    `SELECT id FROM "WaitlistEntry" WHERE "patientId" = $1 AND "procedureId" = $2 AND status IN ('waiting', 'offered') FOR UPDATE`,
    [wish.patientId, wish.procedureId]);
  const id = existing?.id ?? randomUUID();
  if (existing) {
    await sql.query(
      `UPDATE "WaitlistEntry" SET "professionalId" = $2, weekdays = $3, periods = $4, "fromDate" = NULL, "toDate" = NULL, period = NULL, "updatedAt" = $5 WHERE id = $1`,
      [id, wish.professionalId, wish.weekdays, wish.periods, now]);
  } else {
    await sql.query(
      `INSERT INTO "WaitlistEntry" (id, "clinicId", "patientId", "procedureId", "professionalId", weekdays, periods, status, "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8, $8)`,
      [id, wish.clinicId, wish.patientId, wish.procedureId, wish.professionalId, wish.weekdays, wish.periods, now]);
  }
  await writeAuditEvent(sql, { clinicId: wish.clinicId, actorType: "patient", actorId: wish.patientId, action: existing ? "waitlist.updated" : "waitlist.joined", entityType: "WaitlistEntry", entityId: id }, now);
  return { id, updated: Boolean(existing) };
}

export interface FreedTime {
  clinicId: string;
  professionalId: string;
  procedureId: string;
  startsAt: Date;
  endsAt: Date;
}

interface Candidate {
  id: string;
  patientId: string;
  fromDate: string | null;
  toDate: string | null;
  period: string | null;
  weekdays: number[];
  periods: string[];
  phone: string;
}

/** Whether a time falls on the entry's days and parts of the day (empty lists: any). */
export function suits(entry: Pick<Candidate, "fromDate" | "toDate" | "period" | "weekdays" | "periods">, local: { date: string; period: string }): boolean {
  const weekday = new Date(`${local.date}T12:00:00Z`).getUTCDay();
  return (!entry.fromDate || local.date >= entry.fromDate) && (!entry.toDate || local.date <= entry.toDate)
    && (!entry.period || entry.period === local.period)
    && (entry.weekdays.length === 0 || entry.weekdays.includes(weekday))
    && (entry.periods.length === 0 || entry.periods.includes(local.period));
}

/** Offers the freed time to the first waiting patient it suits who was never offered it. Returns the entry offered, if any. */
export async function offerFreedTime(sql: Sql, events: ChatEvents, freed: FreedTime, now: Date): Promise<string | undefined> {
  const [clinic] = await sql.query<{ timeZone: string; waitlistOfferMinutes: number }>(
    `SELECT "timeZone", "waitlistOfferMinutes" FROM "Clinic" WHERE id = $1`, [freed.clinicId]);
  if (!clinic || freed.startsAt <= now || (await closedAt(sql, freed, clinic.timeZone))) return undefined;
  const candidates = await sql.query<Candidate>(
    `SELECT w.id, w."patientId", w."fromDate", w."toDate", w.period, w.weekdays, w.periods, p.phone
     FROM "WaitlistEntry" w JOIN "Patient" p ON p.id = w."patientId"
     WHERE w."clinicId" = $1 AND w.status = 'waiting' AND w."procedureId" = $2
       AND (w."professionalId" IS NULL OR w."professionalId" = $3)
       AND NOT EXISTS (SELECT 1 FROM "WaitlistOffer" o WHERE o."patientId" = w."patientId" AND o."professionalId" = $3 AND o."startsAt" = $4)
     ORDER BY w."createdAt" FOR UPDATE OF w SKIP LOCKED`,
    [freed.clinicId, freed.procedureId, freed.professionalId, freed.startsAt]);
  const local = localDateAndPeriod(freed.startsAt, clinic.timeZone);
  const fits = candidates.find((c) => suits(c, local));
  if (!fits) return undefined;
  const hold = await holdSlot(sql, { ...freed, patientId: fits.patientId, holdMinutes: clinic.waitlistOfferMinutes, source: "waitlist" }, now);
  if (!hold) return undefined;
  const offerExpiresAt = new Date(now.getTime() + clinic.waitlistOfferMinutes * 60_000);
  await sql.query(
    `UPDATE "WaitlistEntry" SET status = 'offered', "offeredAppointmentId" = $2, "offerExpiresAt" = $3, "updatedAt" = $4 WHERE id = $1`,
    [fits.id, hold.id, offerExpiresAt, now]);
  await sql.query(
    `INSERT INTO "WaitlistOffer" (id, "clinicId", "entryId", "patientId", "professionalId", "startsAt", "appointmentId", outcome, "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8)`,
    [randomUUID(), freed.clinicId, fits.id, fits.patientId, freed.professionalId, freed.startsAt, hold.id, now]);
  const offered = await events.toPatient(sql, { clinicId: freed.clinicId, chatKey: fits.phone },
    { type: "waitlistOfferOpened", entryId: fits.id, appointment: await appointmentFacts(sql, hold.id, freed), holdMinutes: clinic.waitlistOfferMinutes },
    `${fits.id}:${hold.id}`, now);
  if (offered) return fits.id;
  // Consent withdrawn: the time goes to the next patient at once instead of waiting for an answer that cannot come.
  await passOfferOn(sql, events, fits.id, "withdrawn", now);
  return undefined;
}

/** A time the clinic closed (time off, or a date's own hours that leave it out) is not free, though nobody holds it. */
async function closedAt(sql: Sql, freed: FreedTime, timeZone: string): Promise<boolean> {
  const [off] = await sql.query(
    `SELECT 1 FROM "TimeOff" WHERE "professionalId" = $1 AND "startsAt" < $3 AND "endsAt" > $2 LIMIT 1`, [freed.professionalId, freed.startsAt, freed.endsAt]);
  if (off) return true;
  const { date } = localDateAndPeriod(freed.startsAt, timeZone);
  const [override] = await sql.query<{ intervals: { start: string; end: string }[] }>(
    `SELECT intervals FROM "ScheduleOverride" WHERE "professionalId" = $1 AND date = $2`, [freed.professionalId, date]);
  return Boolean(override) && !insideHours(freed.startsAt, freed.endsAt, date, override!.intervals, timeZone);
}

async function appointmentFacts(sql: Sql, appointmentId: string, freed: FreedTime) {
  const [names] = await sql.query<{ professionalName: string; procedureName: string }>(
    `SELECT pr.name AS "professionalName", proc.name AS "procedureName" FROM "Professional" pr, "Procedure" proc WHERE pr.id = $1 AND proc.id = $2`,
    [freed.professionalId, freed.procedureId]);
  return {
    appointmentId, startsAt: freed.startsAt.toISOString(), endsAt: freed.endsAt.toISOString(), professionalId: freed.professionalId,
    professionalName: names?.professionalName ?? "", procedureName: names?.procedureName ?? "",
  };
}

export interface PassedOffer {
  /** The time went to another waiting patient (only then may the chat say "foi oferecido a outra pessoa"). */
  passedOn: boolean;
  procedureId: string;
  professionalId: string | null;
}

/**
 * "Não", an offer left unanswered, or a patient who can no longer be asked:
 * the hold is released and the time goes to the next patient. A patient who
 * said no or let it run out stays on the list for other times; one who
 * withdrew consent leaves it. Undefined when the offer was no longer open.
 */
export async function passOfferOn(
  sql: Sql, events: ChatEvents, entryId: string, outcome: "declined" | "expired" | "withdrawn", now: Date,
): Promise<PassedOffer | undefined> {
  const [entry] = await sql.query<{ offeredAppointmentId: string | null; procedureId: string; professionalId: string | null }>(
    `SELECT "offeredAppointmentId", "procedureId", "professionalId" FROM "WaitlistEntry" WHERE id = $1 AND status = 'offered' FOR UPDATE`, [entryId]);
  if (entry) {
    await sql.query(`UPDATE "WaitlistEntry" SET status = $2, "offeredAppointmentId" = NULL, "offerExpiresAt" = NULL, "updatedAt" = $3 WHERE id = $1`,
      [entryId, outcome === "withdrawn" ? "declined" : "waiting", now]);
  }
  if (!entry) return undefined;
  const result = { passedOn: false, procedureId: entry.procedureId, professionalId: entry.professionalId };
  if (!entry.offeredAppointmentId) return result;
  await sql.query(`UPDATE "WaitlistOffer" SET outcome = $3, "answeredAt" = $4 WHERE "entryId" = $1 AND "appointmentId" = $2 AND outcome = 'open'`,
    [entryId, entry.offeredAppointmentId, outcome, now]);
  const [appointment] = await sql.query<FreedTime & { status: string }>(
    `SELECT "clinicId", "professionalId", "procedureId", "startsAt", "endsAt", status FROM "Appointment" WHERE id = $1`,
    [entry.offeredAppointmentId]);
  await releaseHold(sql, entry.offeredAppointmentId, now);
  if (appointment?.status === "held") result.passedOn = Boolean(await offerFreedTime(sql, events, appointment, now));
  return result;
}

/** The patient took the offer and the time is booked. */
export async function markOfferAccepted(sql: Sql, entryId: string, appointmentId: string, now: Date): Promise<void> {
  await sql.query(`UPDATE "WaitlistEntry" SET status = 'booked', "updatedAt" = $2 WHERE id = $1`, [entryId, now]);
  await sql.query(`UPDATE "WaitlistOffer" SET outcome = 'accepted', "answeredAt" = $3 WHERE "entryId" = $1 AND "appointmentId" = $2`, [entryId, appointmentId, now]);
}

/** The offer this entry still holds open for the patient, if it is this appointment. */
export async function openOfferOf(sql: Sql, entryId: string, appointmentId: string): Promise<{ procedureId: string; professionalId: string | null; open: boolean } | undefined> {
  const [entry] = await sql.query<{ procedureId: string; professionalId: string | null; status: string; offeredAppointmentId: string | null }>(
    `SELECT "procedureId", "professionalId", status, "offeredAppointmentId" FROM "WaitlistEntry" WHERE id = $1 FOR UPDATE`, [entryId]);
  if (!entry) return undefined;
  return { procedureId: entry.procedureId, professionalId: entry.professionalId, open: entry.status === "offered" && entry.offeredAppointmentId === appointmentId };
}

/** The time a reschedule released (the appointment `bookedId` replaced), offered to the waitlist. */
export async function offerReplacedTime(sql: Sql, events: ChatEvents, bookedId: string, now: Date): Promise<void> {
  const [replaced] = await sql.query<FreedTime>(
    `SELECT old."clinicId", old."professionalId", old."procedureId", old."startsAt", old."endsAt"
     FROM "Appointment" a JOIN "Appointment" old ON old.id = a."rescheduledFromId"
     WHERE a.id = $1 AND old.status = 'cancelled'`, [bookedId]);
  if (replaced) await offerFreedTime(sql, events, replaced, now);
}
