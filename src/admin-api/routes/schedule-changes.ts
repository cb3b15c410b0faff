// A date's own hours and time off. A change that would run over booked
// appointments is refused with 409 conflicts_with_bookings (listing the
// patients: name, phone, time) unless the request says what to do with them:
// "cancelAndNotify" cancels each (the patient is told in the chat, with the
// reason, and the time goes to the waitlist), "keep" leaves them booked.
import type { Router } from "express";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ClinicChats } from "../../chat-events/raise.js";
import type { Clock } from "../../clock.js";
import type { Database, Sql } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { cancelByClinic } from "../../payments/cancel-by-clinic.js";
import { bookingsOutsideHours, bookingsUnderTimeOff, type AffectedBooking } from "../../scheduling/clinic-changes.js";
import type { ApiDefinition } from "../registry.js";
import { professionalParams } from "../schemas.js";
import { onConflictInput, overrideInput, overrideSchema, timeOffInput, timeOffSchema } from "../scheduling-schemas.js";
import { findClinic } from "./clinics.js";
import { findProfessional } from "./professionals.js";

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

export function scheduleChangeRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock, chats: ClinicChats): void {
  api.route(router, {
    method: "put", path: "/clinics/:clinicId/professionals/:professionalId/overrides/:date", summary: "Set one date's own hours ([] = closed); 409 conflicts_with_bookings over booked times unless onConflict", tag: "Scheduling", roles: ["admin", "reception"],
    params: professionalParams.extend({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD") }), body: overrideInput, response: overrideSchema,
  }, async ({ params, body, principal }) => {
    const clinic = await findClinic(db, principal, params.clinicId);
    await findProfessional(db, params.clinicId, params.professionalId);
    const now = clock.now();
    const { row, affected } = await db.transaction(async (sql) => {
      const inTheWay = await bookingsOutsideHours(sql, clinic.id, params.professionalId, clinic.timeZone, params.date, body.intervals);
      const change = { clinicId: clinic.id, onConflict: body.onConflict, reason: body.reason, actorId: principal.keyId };
      refuseUnsettled(change, inTheWay);
      const [saved] = await sql.query<{ date: string; intervals: { start: string; end: string }[]; reason: string | null }>(
        `INSERT INTO "ScheduleOverride" (id, "clinicId", "professionalId", date, intervals, reason) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT ("professionalId", date) DO UPDATE SET intervals = EXCLUDED.intervals, reason = EXCLUDED.reason
         RETURNING date, intervals, reason`,
        [randomUUID(), clinic.id, params.professionalId, params.date, JSON.stringify(body.intervals), body.reason ?? null]);
      return { row: saved!, affected: await settleConflicts(sql, chats, change, inTheWay, now) };
    });
    await chats.wake();
    return { date: row.date, intervals: row.intervals, reason: row.reason, affected };
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
      await sql.query(`INSERT INTO "TimeOff" (id, "clinicId", "professionalId", "startsAt", "endsAt", reason) VALUES ($1, $2, $3, $4, $5, $6)`,
        [timeOffId, params.clinicId, params.professionalId, startsAt, endsAt, body.reason ?? null]);
      return { id: timeOffId, affected: await settleConflicts(sql, chats, change, inTheWay, now) };
    });
    await chats.wake();
    return { id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), reason: body.reason ?? null, affected };
  });
}
