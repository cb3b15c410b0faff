// Days the whole clinic is closed ("Recesso de fim de ano"), besides the
// national holidays (always closed) and the Carnaval and Corpus Christi
// options of the clinic (PATCH /clinics/{clinicId}). No slot is offered on
// them; a patient asking for one is told why. A closure over booked
// appointments is refused with 409 conflicts_with_bookings unless onConflict.
import type { Router } from "express";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { ClinicChats } from "../../chat-events/raise.js";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { bookingsOutsideHours, type AffectedBooking } from "../../scheduling/clinic-changes.js";
import { closedDaysAhead } from "../../scheduling/closures.js";
import { AppError } from "../../errors.js";
import type { ApiDefinition } from "../registry.js";
import { localDate } from "../schemas.js";
import { affectedBookingSchema, onConflictInput } from "../scheduling-schemas.js";
import { findClinic } from "./clinics.js";
import { refuseUnsettled, settleConflicts } from "./schedule-changes.js";
import { deleteClosure, listClinicProfessionalIds, listClosures, saveClosure } from "../admin-scheduling-statements.js";

const closureParams = z.object({ clinicId: z.string().min(1), date: localDate });
const closureInput = z.object({
  reason: z.string().trim().min(2).max(120).openapi({ description: "What the patient is told: \"Não atendemos em 24/12 (Recesso de fim de ano)\"" }),
  onConflict: onConflictInput.optional(),
}).openapi("ClosureInput");
const closureSchema = z.object({ date: z.string(), reason: z.string() }).openapi("Closure");
const closedDaySchema = z.object({ date: z.string(), reason: z.string() }).openapi("ClosedDay");

export function closureRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock, chats: ClinicChats): void {
  api.route(router, {
    method: "get", path: "/clinics/:clinicId/closures", summary: "The clinic's closures, and every closed day of the next 12 months (holidays included)", tag: "Scheduling",
    roles: ["admin", "reception", "professional"], params: z.object({ clinicId: z.string().min(1) }),
    response: z.object({ closures: z.array(closureSchema), closedDays: z.array(closedDaySchema) }),
  }, async ({ params, principal }) => {
    const clinic = await findClinic(db, principal, params.clinicId);
    const closures = await listClosures(db.sql, clinic.id);
    const closed = await closedDaysAhead(db.sql, clinic.id, clinic.timeZone, clock.now(), 366);
    return { closures, closedDays: [...closed].map(([date, reason]) => ({ date, reason })).sort((a, b) => a.date.localeCompare(b.date)) };
  });

  api.route(router, {
    method: "put", path: "/clinics/:clinicId/closures/:date", summary: "Close the clinic on a date; 409 conflicts_with_bookings over booked times unless onConflict", tag: "Scheduling",
    roles: ["admin", "reception"], params: closureParams, body: closureInput,
    response: closureSchema.extend({ affected: z.array(affectedBookingSchema) }),
  }, async ({ params, body, principal }) => {
    const clinic = await findClinic(db, principal, params.clinicId);
    const now = clock.now();
    const affected = await db.transaction(async (sql) => {
      const professionals = await listClinicProfessionalIds(sql, clinic.id);
      const inTheWay: AffectedBooking[] = [];
      for (const p of professionals) inTheWay.push(...await bookingsOutsideHours(sql, clinic.id, p.id, clinic.timeZone, params.date, []));
      const change = { clinicId: clinic.id, onConflict: body.onConflict, reason: body.reason, actorId: principal.keyId };
      refuseUnsettled(change, inTheWay);
      await saveClosure(sql, { id: randomUUID(), clinicId: clinic.id, date: params.date, reason: body.reason });
      return settleConflicts(sql, chats, change, inTheWay, now);
    });
    await chats.wake();
    return { date: params.date, reason: body.reason, affected };
  });

  api.route(router, {
    method: "delete", path: "/clinics/:clinicId/closures/:date", summary: "Open the clinic again on a date it had closed; 404 when it had no closure", tag: "Scheduling",
    roles: ["admin", "reception"], params: closureParams, response: z.object({ deleted: z.boolean() }),
  }, async ({ params, principal }) => {
    const clinic = await findClinic(db, principal, params.clinicId);
    const deleted = await deleteClosure(db.sql, clinic.id, params.date);
    if (deleted === 0) throw new AppError("not_found", "no closure on this date", { field: "date" });
    return { deleted: true };
  });
}
