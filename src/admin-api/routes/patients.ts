// Patients: find by phone or name, and the identity data documents need
// (CPF, address, another identity document). Every call is audited.
import { randomUUID } from "node:crypto";
import type { Router } from "express";
import { z } from "zod";
import type { Cipher } from "../../crypto/encryption.js";
import type { Database } from "../../db/database.js";
import { isValidCpf } from "../../documents/cpf.js";
import { AppError } from "../../errors.js";
import { openIdentity, sealAddress, sealCpf } from "../../records/patient-identity.js";
import type { ApiDefinition } from "../registry.js";
import { idParams, localDate } from "../schemas.js";
import { findClinic } from "./clinics.js";
import { dependantInput, dependantSchema, dependantsView, saveDependants } from "./patient-dependants.js";
import { systemClock, type Clock } from "../../clock.js";
import { findPatientRow, findPatientWithPhone, insertPatient, searchPatients, updatePatient, upsertPatientProfile } from "../admin-records-statements.js";
import type { AdminPatientRow } from "../../db/rows.js";

export const patientParams = z.object({ clinicId: z.string().min(1), patientId: z.string().min(1) });

const patientSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  phone: z.string(),
  cpf: z.string().nullable(),
  birthDate: z.string().nullable().openapi({ description: "YYYY-MM-DD" }),
  address: z.string().nullable(),
  otherDocument: z.string().nullable(),
  consentGrantedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Set on a dependant: the patient who books for them, in whose chat they are reached. */
  guardianPatientId: z.string().nullable(),
  relationship: z.string().nullable(),
  dependants: z.array(dependantSchema),
}).openapi("Patient");

const birthDate = localDate;

/** A patient who phones in: the chat asks their consent at their first message, as for anyone. */
const patientInput = z.object({
  name: z.string().trim().min(2).max(120),
  phone: z.string().regex(/^\+[1-9]\d{7,14}$/, "E.164, e.g. +5511912345678"),
  cpf: z.string().refine(isValidCpf, "must be a valid CPF").optional(),
  birthDate: birthDate.optional(),
  dependants: z.array(dependantInput).max(20).optional(),
}).openapi("PatientInput");

const patientPatch = z.object({
  name: z.string().trim().min(2).max(120).optional(),
  cpf: z.string().refine(isValidCpf, "must be a valid CPF").optional(),
  birthDate: birthDate.optional(),
  address: z.string().trim().min(5).max(300).optional(),
  otherDocument: z.string().trim().min(3).max(120).optional(),
  /** Added, or updated when one of the same name exists; dependants not given stay as they are. */
  dependants: z.array(dependantInput).max(20).optional(),
}).openapi("PatientPatch");

type PatientRow = AdminPatientRow;

const view = (row: PatientRow) => ({
  ...row,
  consentGrantedAt: row.consentGrantedAt ? new Date(row.consentGrantedAt).toISOString() : null,
  createdAt: new Date(row.createdAt).toISOString(),
  dependants: dependantsView(row.dependants ?? []),
});


export async function findPatient(db: Database, clinicId: string, patientId: string): Promise<PatientRow> {
  const row = await findPatientRow(db.sql, clinicId, patientId);
  if (!row) throw new AppError("not_found", "patient not found", { field: "patientId" });
  return row;
}

/** CPF and address are sealed at rest (src/records/patient-identity.ts). */
export function patientRoutes(api: ApiDefinition, router: Router, db: Database, cipher: Cipher, clock: Clock = systemClock): void {
  const opened = (row: PatientRow) => view(openIdentity(cipher, row.id, row));
  api.route(router, {
    method: "get", path: "/clinics/:clinicId/patients", summary: "Find patients by phone (E.164) or name", tag: "Patients",
    roles: ["admin", "reception", "professional"], healthData: true,
    params: idParams,
    query: z.object({ phone: z.string().regex(/^\+[1-9]\d{7,14}$/).optional(), q: z.string().trim().min(2).max(120).optional() }),
    response: z.object({ patients: z.array(patientSchema) }),
  }, async ({ params, query, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const rows = await searchPatients(db.sql, params.clinicId, query.phone || null, query.q ? `%${query.q.replace(/[%_\\]/g, "")}%` : null);
    return { patients: rows.map(opened) };
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/patients", summary: "Create a patient (one who phones in)", tag: "Patients",
    roles: ["admin", "reception"], healthData: true, params: idParams, body: patientInput, response: patientSchema, status: 201,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const taken = await findPatientWithPhone(db.sql, params.clinicId, body.phone);
    if (taken) throw new AppError("conflict", "a patient with this phone exists", { field: "phone", patientId: taken });
    const id = randomUUID();
    await db.transaction(async (sql) => {
      await insertPatient(sql, { id, clinicId: params.clinicId, phone: body.phone, name: body.name, cpf: sealCpf(cipher, id, body.cpf?.replace(/\D/g, "")), birthDate: body.birthDate ?? null });
      if (body.dependants) await saveDependants(sql, cipher, id, body.dependants, clock.now(), principal.keyId);
    });
    return opened(await findPatient(db, params.clinicId, id));
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/patients/:patientId", summary: "Get a patient", tag: "Patients",
    roles: ["admin", "reception", "professional"], healthData: true, params: patientParams, response: patientSchema,
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    return opened(await findPatient(db, params.clinicId, params.patientId));
  });

  api.route(router, {
    method: "patch", path: "/clinics/:clinicId/patients/:patientId", summary: "Update a patient's identity data (for documents)", tag: "Patients",
    roles: ["admin", "reception"], healthData: true, params: patientParams, body: patientPatch, response: patientSchema,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await findPatient(db, params.clinicId, params.patientId);
    await db.transaction(async (sql) => {
      if (body.name !== undefined || body.cpf !== undefined || body.birthDate !== undefined) {
        await updatePatient(sql, params.patientId, { name: body.name ?? null, cpf: sealCpf(cipher, params.patientId, body.cpf?.replace(/\D/g, "")), birthDate: body.birthDate ?? null });
      }
      if (body.address !== undefined || body.otherDocument !== undefined) {
        await upsertPatientProfile(sql, { patientId: params.patientId, clinicId: params.clinicId, address: sealAddress(cipher, params.patientId, body.address), otherDocument: body.otherDocument ?? null });
      }
      if (body.dependants) await saveDependants(sql, cipher, params.patientId, body.dependants, clock.now(), principal.keyId);
    });
    return opened(await findPatient(db, params.clinicId, params.patientId));
  });
}
