import type { Router } from "express";
import { z } from "zod";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { ApiDefinition } from "../registry.js";
import { idParams, professionalInput, professionalParams, professionalPatch, professionalSchema } from "../schemas.js";
import { isUniqueViolation } from "../../db/errors.js";
import { findClinic } from "./clinics.js";

// CFM 2.381/2024: a document that shows a specialty carries its RQE. Refused when saved, so the
// clinic learns it here and not from the doctor's first document.
const rqeRequired = () => new AppError("rqe_required", "a specialty needs the professional's RQE; leave the specialty empty otherwise", { field: "rqe" });

function requireRqe(specialty: string | null | undefined, rqe: string | null | undefined): void {
  if ((specialty ?? "").trim() !== "" && (rqe ?? "").trim() === "") throw rqeRequired();
}

const duplicate = () => new AppError("conflict", "a professional with this CRM/UF or phone already exists in this clinic", { field: "crm" });

export function professionalRoutes(api: ApiDefinition, router: Router, db: Database): void {
  api.route(router, {
    method: "post", path: "/clinics/:clinicId/professionals", summary: "Add a professional", tag: "Professionals",
    params: idParams, body: professionalInput, response: professionalSchema, status: 201,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    requireRqe(body.specialty, body.rqe);
    try {
      return await db.prisma.professional.create({ data: { ...body, clinicId: params.clinicId } });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicate();
      throw error;
    }
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/professionals", summary: "List professionals", tag: "Professionals", roles: ["admin", "reception", "professional"],
    params: idParams, response: z.object({ professionals: z.array(professionalSchema) }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const professionals = await db.prisma.professional.findMany({ where: { clinicId: params.clinicId }, orderBy: { name: "asc" } });
    return { professionals };
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/professionals/:professionalId", summary: "Get a professional", tag: "Professionals", roles: ["admin", "reception", "professional"],
    params: professionalParams, response: professionalSchema,
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    return findProfessional(db, params.clinicId, params.professionalId);
  });

  api.route(router, {
    method: "patch", path: "/clinics/:clinicId/professionals/:professionalId", summary: "Update a professional", tag: "Professionals",
    params: professionalParams, body: professionalPatch, response: professionalSchema,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const current = await findProfessional(db, params.clinicId, params.professionalId);
    requireRqe(body.specialty !== undefined ? body.specialty : current.specialty, body.rqe !== undefined ? body.rqe : current.rqe);
    try {
      return await db.prisma.professional.update({ where: { id: params.professionalId }, data: body });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicate();
      throw error;
    }
  });
}

export async function findProfessional(db: Database, clinicId: string, professionalId: string) {
  const professional = await db.prisma.professional.findFirst({ where: { id: professionalId, clinicId } });
  if (!professional) throw new AppError("not_found", "professional not found", { field: "professionalId" });
  return professional;
}
