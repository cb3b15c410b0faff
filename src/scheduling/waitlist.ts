// The waitlist: a freed time is offered to the first matching patient with a
// short hold; "sim" books it, "não" or silence passes it to the next one.
// Nobody is offered a time that is taken: the offer IS a hold.
import { randomUUID } from "node:crypto";
import type { ChatEvents } from "../chat-events/raise.js";
import type { Sql } from "../db/database.js";
import { localDateAndPeriod } from "./format-slot.js";
import { holdSlot, releaseHold } from "./hold-and-book.js";
import { writeAuditEvent } from "../db/audit.js";

export interface WaitlistWish {
  clinicId: string;
  patientId: string;
  procedureId: string;
  professionalId: string | null;
  fromDate?: string;
  toDate?: string;
  period?: string;
}

export async function joinWaitlist(sql: Sql, wish: WaitlistWish, now: Date): Promise<string> {
  const id = randomUUID();
  await sql.query(
    `INSERT INTO "WaitlistEntry" (id, "clinicId", "patientId", "procedureId", "professionalId", "fromDate", "toDate", period, status, "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'waiting', $9, $9)`,
    [id, wish.clinicId, wish.patientId, wish.procedureId, wish.professionalId, wish.fromDate ?? null, wish.toDate ?? null, wish.period ?? null, now]);
  await writeAuditEvent(sql, { clinicId: wish.clinicId, actorType: "patient", actorId: wish.patientId, action: "waitlist.joined", entityType: "WaitlistEntry", entityId: id }, now);
  return id;
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
  phone: string;
}

/** Offers the freed time to the first waiting patient it suits. Returns the entry offered, if any. */
export async function offerFreedTime(sql: Sql, events: ChatEvents, freed: FreedTime, now: Date): Promise<string | undefined> {
  const [clinic] = await sql.query<{ timeZone: string; waitlistOfferMinutes: number }>(
    `SELECT "timeZone", "waitlistOfferMinutes" FROM "Clinic" WHERE id = $1`, [freed.clinicId]);
  if (!clinic || freed.startsAt <= now) return undefined;
  const candidates = await sql.query<Candidate>(
    `SELECT w.id, w."patientId", w."fromDate", w."toDate", w.period, p.phone
     FROM "WaitlistEntry" w JOIN "Patient" p ON p.id = w."patientId"
     WHERE w."clinicId" = $1 AND w.status = 'waiting' AND w."procedureId" = $2
       AND (w."professionalId" IS NULL OR w."professionalId" = $3)
     ORDER BY w."createdAt" FOR UPDATE OF w SKIP LOCKED`,
    [freed.clinicId, freed.procedureId, freed.professionalId]);
  const local = localDateAndPeriod(freed.startsAt, clinic.timeZone);
  const fits = candidates.find((c) =>
    (!c.fromDate || local.date >= c.fromDate) && (!c.toDate || local.date <= c.toDate) && (!c.period || c.period === local.period));
  if (!fits) return undefined;
  const hold = await holdSlot(sql, { ...freed, patientId: fits.patientId, holdMinutes: clinic.waitlistOfferMinutes, source: "waitlist" }, now);
  if (!hold) return undefined;
  const offerExpiresAt = new Date(now.getTime() + clinic.waitlistOfferMinutes * 60_000);
  await sql.query(
    `UPDATE "WaitlistEntry" SET status = 'offered', "offeredAppointmentId" = $2, "offerExpiresAt" = $3, "updatedAt" = $4 WHERE id = $1`,
    [fits.id, hold.id, offerExpiresAt, now]);
  const [names] = await sql.query<{ professionalName: string; procedureName: string }>(
    `SELECT pr.name AS "professionalName", proc.name AS "procedureName" FROM "Professional" pr, "Procedure" proc WHERE pr.id = $1 AND proc.id = $2`,
    [freed.professionalId, freed.procedureId]);
  const appointment = {
    appointmentId: hold.id, startsAt: freed.startsAt.toISOString(), endsAt: freed.endsAt.toISOString(), professionalId: freed.professionalId,
    professionalName: names?.professionalName ?? "", procedureName: names?.procedureName ?? "",
  };
  const offered = await events.toPatient(sql, { clinicId: freed.clinicId, chatKey: fits.phone },
    { type: "waitlistOfferOpened", entryId: fits.id, appointment, holdMinutes: clinic.waitlistOfferMinutes }, `${fits.id}:${hold.id}`, now);
  if (offered) return fits.id;
  // Consent withdrawn: the time goes to the next patient at once instead of waiting for an answer that cannot come.
  await passOfferOn(sql, events, fits.id, "declined", now);
  return undefined;
}

/** "Não", or an offer left unanswered: the hold is released and the time goes to the next patient. */
export async function passOfferOn(sql: Sql, events: ChatEvents, entryId: string, outcome: "declined" | "expired", now: Date): Promise<void> {
  const [entry] = await sql.query<{ clinicId: string; offeredAppointmentId: string | null }>(
    `UPDATE "WaitlistEntry" SET status = $2, "updatedAt" = $3 WHERE id = $1 AND status = 'offered'
     RETURNING "clinicId", "offeredAppointmentId"`, [entryId, outcome, now]);
  if (!entry?.offeredAppointmentId) return;
  const [appointment] = await sql.query<FreedTime & { status: string }>(
    `SELECT "clinicId", "professionalId", "procedureId", "startsAt", "endsAt", status FROM "Appointment" WHERE id = $1`,
    [entry.offeredAppointmentId]);
  await releaseHold(sql, entry.offeredAppointmentId, now);
  if (appointment && appointment.status === "held") await offerFreedTime(sql, events, appointment, now);
}
