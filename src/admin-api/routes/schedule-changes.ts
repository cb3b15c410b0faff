// A date's own hours and time off. A change that would run over booked
// appointments is refused with 409 conflicts_with_bookings (listing the
// patients: name, phone, time) unless the request says what to do with them:
// "cancelAndNotify" cancels each (the patient is told in the chat, with the
// reason, and the time goes to the waitlist), "keep" leaves them booked.
import type { Router } from "express";
import type { ApiPrincipal } from "../auth.js";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ClinicChats } from "../../chat-events/raise.js";
import type { Clock } from "../../clock.js";
import type { Database, Sql } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { cancelByClinic } from "../../payments/cancel-by-clinic.js";
import { bookingsOutsideHours, bookingsUnderTimeOff, type AffectedBooking } from "../../scheduling/clinic-changes.js";
import type { ApiDefinition } from "../registry.js";
import { localDate, professionalParams } from "../schemas.js";
import { onConflictInput, overrideInput, overridePatch, overrideSchema, timeOffInput, timeOffPatch, timeOffSchema } from "../scheduling-schemas.js";
import { findClinic } from "./clinics.js";
import { findProfessional } from "./professionals.js";
import { insertTimeOff, lockOverride, lockTimeOff, updateTimeOff, upsertScheduleOverride } from "../admin-scheduling-statements.js";

type OnConflict = z.infer<typeof onConflictInput>;

interface Change {
  clinicId: string;
  onConflict: OnConflict | undefined;
  reason: string | undefined;
  actorId: string;
}

/** Refused when bookings are in the way and the request did not say what to do with them. */
export function refuseUnsettled(change: Change, affected: AffectedBooking[]): void {
  if (affected.length === 0 || change.onConflict) return;
  throw new AppError("conflicts_with_bookings", `${affected.length} booked appointment(s) fall in this time; send onConflict "cancelAndNotify" or "keep"`,
    { field: "onConflict", conflicts: affected });
}

/**
 * Cancels the bookings in the way when asked to, after the change is saved:
 * their times are closed by then, so none is offered to the waitlist.
 */
export async function settleConflicts(sql: Sql, chats: ClinicChats, change: Change, affected: AffectedBooking[], now: Date): Promise<AffectedBooking[]> {
  if (change.onConflict !== "cancelAndNotify") return affected;
  for (const booking of affected) {
    await cancelByClinic(sql, chats.events, { appointmentId: booking.appointmentId, clinicId: change.clinicId, actor: { type: "api_key", id: change.actorId }, reason: change.reason }, now);
  }
  return affected;
}

type OverrideRow = { date: string; intervals: { start: string; end: string }[]; reason: string | null };
type OverrideChange = { intervals: { start: string; end: string }[]; reason?: string; onConflict?: OnConflict };

export function scheduleChangeRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock, chats: ClinicChats): void {
  /** Sets a date's hours to what `next` makes of the current ones (PUT replaces, PATCH merges), checked against bookings. */
  async function saveOverride(
    where: { clinicId: string; professionalId: string; date: string; principal: ApiPrincipal }, next: (current: OverrideRow | undefined) => OverrideChange,
  ) {
    const clinic = await findClinic(db, where.principal, where.clinicId);
    await findProfessional(db, where.clinicId, where.professionalId);
    const now = clock.now();
    const { professionalId, date } = where;
    const { row, affected } = await db.transaction(async (sql) => {
      const current = await lockOverride(sql, professionalId, date);
      const body = next(current);
      const inTheWay = await bookingsOutsideHours(sql, clinic.id, professionalId, clinic.timeZone, date, body.intervals);
      const change = { clinicId: clinic.id, onConflict: body.onConflict, reason: body.reason, actorId: where.principal.keyId };
      refuseUnsettled(change, inTheWay);
      const saved = await upsertScheduleOverride(sql, { id: randomUUID(), clinicId: clinic.id, professionalId, date, intervals: body.intervals, reason: body.reason ?? null });
      return { row: saved, affected: await settleConflicts(sql, chats, change, inTheWay, now) };
    });
    await chats.wake();
    return { date: row.date, intervals: row.intervals, reason: row.reason, affected };
  }

  api.route(router, {
    method: "put", path: "/clinics/:clinicId/professionals/:professionalId/overrides/:date", summary: "Set one date's own hours ([] = closed); 409 conflicts_with_bookings over booked times unless onConflict", tag: "Scheduling", roles: ["admin", "reception"],
    params: professionalParams.extend({ date: localDate }), body: overrideInput, response: overrideSchema,
  }, async ({ params, body, principal }) => {
    return saveOverride({ ...params, principal }, () => body);
  });

  api.route(router, {
    method: "patch", path: "/clinics/:clinicId/professionals/:professionalId/overrides/:date", summary: "Change a date's own hours or reason (404 when the date has none); 409 conflicts_with_bookings over booked times unless onConflict", tag: "Scheduling", roles: ["admin", "reception"],
    params: professionalParams.extend({ date: localDate }), body: overridePatch, response: overrideSchema,
  }, async ({ params, body, principal }) => {
    return saveOverride({ ...params, principal }, (current) => {
      if (!current) throw new AppError("not_found", "this date has no hours of its own", { field: "date" });
      return { intervals: body.intervals ?? current.intervals, reason: body.reason === undefined ? current.reason ?? undefined : body.reason ?? undefined, onConflict: body.onConflict };
    });
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/professionals/:professionalId/time-off", summary: "Add time off; 409 conflicts_with_bookings over booked times unless onConflict", tag: "Scheduling", roles: ["admin", "reception"],
    params: professionalParams, body: timeOffInput, response: timeOffSchema, status: 201,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await findProfessional(db, params.clinicId, params.professionalId);
    const now = clock.now();
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    const { id, affected } = await db.transaction(async (sql) => {
      const inTheWay = await bookingsUnderTimeOff(sql, params.clinicId, params.professionalId, startsAt, endsAt);
      const change = { clinicId: params.clinicId, onConflict: body.onConflict, reason: body.reason, actorId: principal.keyId };
      refuseUnsettled(change, inTheWay);
      const timeOffId = randomUUID();
      await insertTimeOff(sql, { id: timeOffId, clinicId: params.clinicId, professionalId: params.professionalId, startsAt, endsAt, reason: body.reason ?? null });
      return { id: timeOffId, affected: await settleConflicts(sql, chats, change, inTheWay, now) };
    });
    await chats.wake();
    return { id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), reason: body.reason ?? null, affected };
  });

  api.route(router, {
    method: "patch", path: "/clinics/:clinicId/professionals/:professionalId/time-off/:timeOffId", summary: "Change a time off (its start, end or reason); 409 conflicts_with_bookings over booked times unless onConflict", tag: "Scheduling", roles: ["admin", "reception"],
    params: professionalParams.extend({ timeOffId: z.string().min(1) }), body: timeOffPatch, response: timeOffSchema,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await findProfessional(db, params.clinicId, params.professionalId);
    const now = clock.now();
    const { row, affected } = await db.transaction(async (sql) => {
      const current = await lockTimeOff(sql, params.timeOffId, params.clinicId, params.professionalId);
      if (!current) throw new AppError("not_found", "time off not found", { field: "timeOffId" });
      const startsAt = body.startsAt ? new Date(body.startsAt) : current.startsAt;
      const endsAt = body.endsAt ? new Date(body.endsAt) : current.endsAt;
      if (startsAt >= endsAt) throw new AppError("validation_failed", "startsAt must be before endsAt", { field: "endsAt" });
      const reason = body.reason === undefined ? current.reason : body.reason;
      // Bookings already under the old range were settled when it was set: only a moved range is checked again.
      const moved = startsAt.getTime() !== current.startsAt.getTime() || endsAt.getTime() !== current.endsAt.getTime();
      const inTheWay = moved ? await bookingsUnderTimeOff(sql, params.clinicId, params.professionalId, startsAt, endsAt) : [];
      const change = { clinicId: params.clinicId, onConflict: body.onConflict, reason: reason ?? undefined, actorId: principal.keyId };
      refuseUnsettled(change, inTheWay);
      await updateTimeOff(sql, params.timeOffId, { startsAt, endsAt, reason });
      return { row: { startsAt, endsAt, reason }, affected: await settleConflicts(sql, chats, change, inTheWay, now) };
    });
    await chats.wake();
    return { id: params.timeOffId, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), reason: row.reason, affected };
  });
}
