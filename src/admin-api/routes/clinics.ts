import type { Router } from "express";
import { z } from "zod";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { assertClinicAccess, type ApiPrincipal } from "../auth.js";
import type { ApiDefinition } from "../registry.js";
import { clinicInput, clinicPatch, clinicSchema, idParams } from "../schemas.js";
import { isUniqueViolation } from "../../db/errors.js";

type ClinicRow = Awaited<ReturnType<Database["prisma"]["clinic"]["findFirstOrThrow"]>>;

const view = (clinic: ClinicRow) => ({ ...clinic, faq: clinic.faq as { question: string; answer: string }[], createdAt: clinic.createdAt.toISOString() });

export async function findClinic(db: Database, principal: ApiPrincipal, clinicId: string): Promise<ClinicRow> {
  assertClinicAccess(principal, clinicId);
  const clinic = await db.prisma.clinic.findUnique({ where: { id: clinicId } });
  if (!clinic) throw new AppError("not_found", "clinic not found", { field: "clinicId" });
  return clinic;
}

export function clinicRoutes(api: ApiDefinition, router: Router, db: Database): void {
  api.route(router, {
    method: "post", path: "/clinics", summary: "Create a clinic", tag: "Clinics",
    body: clinicInput, response: clinicSchema, status: 201,
  }, async ({ body, principal }) => {
    if (principal.clinicId !== null) throw new AppError("forbidden", "only an all-clinics admin key creates clinics");
    try {
      return view(await db.prisma.clinic.create({ data: body }));
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", "slug already in use", { field: "slug" });
      throw error;
    }
  });

  api.route(router, {
    method: "get", path: "/clinics", summary: "List clinics", tag: "Clinics", roles: ["admin", "reception", "professional"],
    response: z.object({ clinics: z.array(clinicSchema) }),
  }, async ({ principal }) => {
    const clinics = await db.prisma.clinic.findMany({
      where: principal.clinicId ? { id: principal.clinicId } : {},
      orderBy: { createdAt: "asc" },
    });
    return { clinics: clinics.map(view) };
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId", summary: "Get a clinic", tag: "Clinics", roles: ["admin", "reception", "professional"],
    params: idParams, response: clinicSchema,
  }, async ({ params, principal }) => view(await findClinic(db, principal, params.clinicId)));

  api.route(router, {
    method: "patch", path: "/clinics/:clinicId", summary: "Update a clinic", tag: "Clinics",
    params: idParams, body: clinicPatch, response: clinicSchema,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    try {
      return view(await db.prisma.clinic.update({ where: { id: params.clinicId }, data: body }));
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError("conflict", "slug already in use", { field: "slug" });
      throw error;
    }
  });
}
