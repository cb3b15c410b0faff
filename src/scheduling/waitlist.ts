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
import type { WaitlistCandidateRow } from "../db/rows.js";
import {
  answerOpenOffer, clearEntryOffer, findClinicOfferSettings, findOfferedTime, findOfferNames, findOverrideIntervals, findReplacedTime,
  hasTimeOffDuring, insertOpenOffer, insertWaitingEntry, lockCandidates, lockEntryState, lockLiveEntry, lockOfferedEntry, markEntryBooked,
  markEntryOffered, markOfferRowAccepted, updateEntryWish,
} from "./waitlist-statements.js";

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
  const existing = await lockLiveEntry(sql, wish.patientId, wish.procedureId);
  const id = existing?.id ?? randomUUID();
  if (existing) {
    await updateEntryWish(sql, { id, professionalId: wish.professionalId, weekdays: wish.weekdays, periods: wish.periods, now });
  } else {
    await insertWaitingEntry(sql, {
      id, clinicId: wish.clinicId, patientId: wish.patientId, procedureId: wish.procedureId, professionalId: wish.professionalId,
      weekdays: wish.weekdays, periods: wish.periods, now,
    });
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

type Candidate = WaitlistCandidateRow;

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
  const clinic = await findClinicOfferSettings(sql, freed.clinicId);
  if (!clinic || freed.startsAt <= now || (await closedAt(sql, freed, clinic.timeZone))) return undefined;
  const candidates = await lockCandidates(sql, freed.clinicId, freed.procedureId, freed.professionalId, freed.startsAt);
  const local = localDateAndPeriod(freed.startsAt, clinic.timeZone);
  const fits = candidates.find((c) => suits(c, local));
  if (!fits) return undefined;
  const hold = await holdSlot(sql, { ...freed, patientId: fits.patientId, holdMinutes: clinic.waitlistOfferMinutes, source: "waitlist" }, now);
  if (!hold) return undefined;
  const offerExpiresAt = new Date(now.getTime() + clinic.waitlistOfferMinutes * 60_000);
  await markEntryOffered(sql, fits.id, hold.id, offerExpiresAt, now);
  await insertOpenOffer(sql, {
    id: randomUUID(), clinicId: freed.clinicId, entryId: fits.id, patientId: fits.patientId, professionalId: freed.professionalId,
    startsAt: freed.startsAt, appointmentId: hold.id, now,
  });
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
  if (await hasTimeOffDuring(sql, freed.professionalId, freed.startsAt, freed.endsAt)) return true;
  const { date } = localDateAndPeriod(freed.startsAt, timeZone);
  const override = await findOverrideIntervals(sql, freed.professionalId, date);
  return Boolean(override) && !insideHours(freed.startsAt, freed.endsAt, date, override!.intervals, timeZone);
}

async function appointmentFacts(sql: Sql, appointmentId: string, freed: FreedTime) {
  const names = await findOfferNames(sql, freed.professionalId, freed.procedureId);
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
  const entry = await lockOfferedEntry(sql, entryId);
  if (entry) await clearEntryOffer(sql, entryId, outcome === "withdrawn" ? "declined" : "waiting", now);
  if (!entry) return undefined;
  const result = { passedOn: false, procedureId: entry.procedureId, professionalId: entry.professionalId };
  if (!entry.offeredAppointmentId) return result;
  await answerOpenOffer(sql, entryId, entry.offeredAppointmentId, outcome, now);
  const appointment = await findOfferedTime(sql, entry.offeredAppointmentId);
  await releaseHold(sql, entry.offeredAppointmentId, now);
  if (appointment?.status === "held") result.passedOn = Boolean(await offerFreedTime(sql, events, appointment, now));
  return result;
}

/** The patient took the offer and the time is booked. */
export async function markOfferAccepted(sql: Sql, entryId: string, appointmentId: string, now: Date): Promise<void> {
  await markEntryBooked(sql, entryId, now);
  await markOfferRowAccepted(sql, entryId, appointmentId, now);
}

/** The offer this entry still holds open for the patient, if it is this appointment. */
export async function openOfferOf(sql: Sql, entryId: string, appointmentId: string): Promise<{ procedureId: string; professionalId: string | null; open: boolean } | undefined> {
  const entry = await lockEntryState(sql, entryId);
  if (!entry) return undefined;
  return { procedureId: entry.procedureId, professionalId: entry.professionalId, open: entry.status === "offered" && entry.offeredAppointmentId === appointmentId };
}

/** The time a reschedule released (the appointment `bookedId` replaced), offered to the waitlist. */
export async function offerReplacedTime(sql: Sql, events: ChatEvents, bookedId: string, now: Date): Promise<void> {
  const replaced = await findReplacedTime(sql, bookedId);
  if (replaced) await offerFreedTime(sql, events, replaced, now);
}
