// Procedures and weekly hours (a date's own hours and time off: schedule-changes.ts).
import type { Router } from "express";
import { z } from "zod";
import type { Database } from "../../db/database.js";
import { isUniqueViolation } from "../../db/errors.js";
import { AppError } from "../../errors.js";
import type { ApiDefinition } from "../registry.js";
import { idParams, professionalParams } from "../schemas.js";
import {
  procedureInput, procedurePatch, procedureSchema, weeklyHoursSchema,
} from "../scheduling-schemas.js";
import { assertPaymentsConfigured } from "../../payments/credentials.js";
import { findClinic } from "./clinics.js";
import { findProfessional } from "./professionals.js";

async function assertProfessionals(db: Database, clinicId: string, ids: string[] | undefined): Promise<void> {
  if (!ids) return;
  const found = await db.prisma.professional.count({ where: { clinicId, id: { in: ids } } });
  if (found !== new Set(ids).size) throw new AppError("validation_failed", "unknown professional in professionalIds", { field: "professionalIds" });
}

export function procedureRoutes(api: ApiDefinition, router: Router, db: Database): void {
  const procedureParams = z.object({ clinicId: z.string(), procedureId: z.string() });
  api.route(router, {
    method: "get", path: "/clinics/:clinicId/procedures", summary: "List procedures", tag: "Scheduling", roles: ["admin", "reception", "professional"],
    params: idParams, response: z.object({ procedures: z.array(procedureSchema) }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    return { procedures: await db.prisma.procedure.findMany({ where: { clinicId: params.clinicId }, orderBy: { name: "asc" } }) };
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/procedures", summary: "Create a procedure", tag: "Scheduling",
    params: idParams, body: procedureInput, response: procedureSchema, status: 201,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await assertProfessionals(db, params.clinicId, body.professionalIds);
    if (body.prepaymentRequired) await assertPaymentsConfigured(db.sql, params.clinicId);
    assertAgeRange(body);
    try {
      return await db.prisma.procedure.create({ data: { ...body, clinicId: params.clinicId } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", "a procedure with this name exists", { field: "name" });
      throw error;
    }
  });

  api.route(router, {
    method: "patch", path: "/clinics/:clinicId/procedures/:procedureId", summary: "Update a procedure", tag: "Scheduling",
    params: procedureParams, body: procedurePatch, response: procedureSchema,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await assertProfessionals(db, params.clinicId, body.professionalIds);
    if (body.prepaymentRequired) await assertPaymentsConfigured(db.sql, params.clinicId);
    const existing = await db.prisma.procedure.findFirst({ where: { id: params.procedureId, clinicId: params.clinicId } });
    if (!existing) throw new AppError("not_found", "procedure not found", { field: "procedureId" });
    assertAgeRange({ ...existing, ...body });
    return db.prisma.procedure.update({ where: { id: existing.id }, data: body });
  });

  hoursRoutes(api, router, db);
}

function hoursRoutes(api: ApiDefinition, router: Router, db: Database): void {
  api.route(router, {
    method: "get", path: "/clinics/:clinicId/professionals/:professionalId/working-hours", summary: "Weekly hours", tag: "Scheduling", roles: ["admin", "reception", "professional"],
    params: professionalParams, response: weeklyHoursSchema,
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await findProfessional(db, params.clinicId, params.professionalId);
    const rows = await db.prisma.workingHours.findMany({ where: { professionalId: params.professionalId }, orderBy: [{ weekday: "asc" }, { startTime: "asc" }] });
    return { hours: rows.map((r) => ({ weekday: r.weekday, start: r.startTime, end: r.endTime })) };
  });

  api.route(router, {
    method: "put", path: "/clinics/:clinicId/professionals/:professionalId/working-hours", summary: "Replace the weekly hours", tag: "Scheduling", roles: ["admin", "reception"],
    params: professionalParams, body: weeklyHoursSchema, response: weeklyHoursSchema,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await findProfessional(db, params.clinicId, params.professionalId);
    await db.prisma.$transaction([
      db.prisma.workingHours.deleteMany({ where: { professionalId: params.professionalId } }),
      db.prisma.workingHours.createMany({
        data: body.hours.map((h) => ({ clinicId: params.clinicId, professionalId: params.professionalId, weekday: h.weekday, startTime: h.start, endTime: h.end })),
      }),
    ]);
    return body;
  });
}

/** A minimum age above the maximum would let nobody book. */
function assertAgeRange(rule: { minAgeYears?: number | null; maxAgeYears?: number | null }): void {
  if (rule.minAgeYears != null && rule.maxAgeYears != null && rule.minAgeYears > rule.maxAgeYears) {
    throw new AppError("validation_failed", "minAgeYears must not exceed maxAgeYears", { field: "maxAgeYears" });
  }
}
