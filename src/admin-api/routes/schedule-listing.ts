// A professional's time off and dates with their own hours: list them, and
// delete one. Creating them (with the check against booked appointments)
// lives in schedule-changes.ts. Deleting gives the time back to the agenda;
// nobody is told, since no booking changes.
import type { Router } from "express";
import { z } from "zod";
import type { Database } from "../../db/database.js";
import { writeAuditEvent } from "../../db/audit.js";
import { AppError } from "../../errors.js";
import type { ApiDefinition } from "../registry.js";
import { localDate, professionalParams } from "../schemas.js";
import { findClinic } from "./clinics.js";
import { findProfessional } from "./professionals.js";
import { deleteOverride, deleteTimeOff, listOverrides, listTimeOff } from "../admin-scheduling-statements.js";

const listedTimeOff = z.object({ id: z.string(), startsAt: z.string(), endsAt: z.string(), reason: z.string().nullable() }).openapi("TimeOffEntry");
const listedOverride = z.object({
  date: localDate, intervals: z.array(z.object({ start: z.string(), end: z.string() })), reason: z.string().nullable(),
}).openapi("DateOverrideEntry");
const rangeQuery = z.object({
  from: localDate.optional().openapi({ description: "YYYY-MM-DD; default: today and later are listed for time off that has not ended" }),
  to: localDate.optional(),
});

export function scheduleListingRoutes(api: ApiDefinition, router: Router, db: Database, now: () => Date): void {
  const roles = ["admin", "reception", "professional"] as const;
  api.route(router, {
    method: "get", path: "/clinics/:clinicId/professionals/:professionalId/time-off", summary: "List a professional's time off (not yet ended, or from/to)", tag: "Scheduling",
    roles: [...roles], params: professionalParams, query: rangeQuery, response: z.object({ timeOff: z.array(listedTimeOff) }),
  }, async ({ params, query, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await findProfessional(db, params.clinicId, params.professionalId);
    const rows = await listTimeOff(db.sql, params.professionalId, query.from ?? null, query.to ?? null, now());
    return { timeOff: rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() })) };
  });

  api.route(router, {
    method: "delete", path: "/clinics/:clinicId/professionals/:professionalId/time-off/:timeOffId", summary: "Delete a time off", tag: "Scheduling",
    roles: ["admin", "reception"], params: professionalParams.extend({ timeOffId: z.string().min(1) }), response: z.object({ deleted: z.boolean() }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const deleted = await deleteTimeOff(db.sql, params.timeOffId, params.professionalId, params.clinicId);
    if (deleted === 0) throw new AppError("not_found", "time off not found", { field: "timeOffId" });
    await writeAuditEvent(db.sql, { clinicId: params.clinicId, actorType: "api_key", actorId: principal.keyId, action: "timeoff.deleted", entityType: "TimeOff", entityId: params.timeOffId }, now());
    return { deleted: true };
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/professionals/:professionalId/overrides", summary: "List a professional's dates with their own hours (from today, or from/to)", tag: "Scheduling",
    roles: [...roles], params: professionalParams, query: rangeQuery, response: z.object({ overrides: z.array(listedOverride) }),
  }, async ({ params, query, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await findProfessional(db, params.clinicId, params.professionalId);
    const from = query.from ?? now().toISOString().slice(0, 10);
    const rows = await listOverrides(db.sql, params.professionalId, from, query.to ?? null);
    return { overrides: rows };
  });

  api.route(router, {
    method: "delete", path: "/clinics/:clinicId/professionals/:professionalId/overrides/:date", summary: "Delete a date's own hours (the weekly hours apply again)", tag: "Scheduling",
    roles: ["admin", "reception"], params: professionalParams.extend({ date: localDate }), response: z.object({ deleted: z.boolean() }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const deleted = await deleteOverride(db.sql, params.professionalId, params.clinicId, params.date);
    if (deleted === 0) throw new AppError("not_found", "no own hours on this date", { field: "date" });
    await writeAuditEvent(db.sql, { clinicId: params.clinicId, actorType: "api_key", actorId: principal.keyId, action: "override.deleted", entityType: "ScheduleOverride", entityId: params.date }, now());
    return { deleted: true };
  });
}
