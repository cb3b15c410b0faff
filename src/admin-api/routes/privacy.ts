// LGPD requests for the clinic: erasure requests made in the chat, resolved
// here; a patient's data export.
import { queueText } from "../../bot/chat-writes.js";
import { privacyTexts } from "../../flows/patient/privacy-texts.js";
import type { Router } from "express";
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { Cipher } from "../../crypto/encryption.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { erasePatient } from "../../privacy/erase-patient.js";
import { exportPatientData } from "../../privacy/export-patient-data.js";
import { lockErasureRequest, resolveErasureRequest } from "../../privacy/privacy-statements.js";
import type { ApiDefinition } from "../registry.js";
import { idParams } from "../schemas.js";
import { findClinic } from "./clinics.js";

const erasureSchema = z
  .object({
    id: z.string(), patientId: z.string(), status: z.string(), requestedAt: z.string(),
    resolvedAt: z.string().nullable(), outcome: z.string().nullable(),
  })
  .openapi("ErasureRequest");

type Row = { id: string; patientId: string; status: string; requestedAt: Date; resolvedAt: Date | null; outcome: string | null };
const view = (r: Row) => ({ ...r, requestedAt: r.requestedAt.toISOString(), resolvedAt: r.resolvedAt?.toISOString() ?? null });

export function privacyRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock, cipher: Cipher): void {
  api.route(router, {
    method: "get", path: "/clinics/:clinicId/erasure-requests", summary: "Erasure requests (LGPD)", tag: "Privacy",
    params: idParams, query: z.object({ status: z.enum(["requested", "completed", "rejected"]).optional() }),
    response: z.object({ erasureRequests: z.array(erasureSchema) }), healthData: true,
  }, async ({ params, query, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const rows = await db.prisma.erasureRequest.findMany({
      where: { clinicId: params.clinicId, ...(query.status ? { status: query.status } : {}) },
      orderBy: { requestedAt: "asc" },
    });
    return { erasureRequests: rows.map(view) };
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/erasure-requests/:requestId/resolve",
    summary: "Resolve an erasure request: erase what the law lets go, keep and restrict medical records", tag: "Privacy",
    params: z.object({ clinicId: z.string(), requestId: z.string() }),
    body: z.object({ decision: z.enum(["erase", "reject"]), reason: z.string().max(500).optional() }),
    response: erasureSchema, healthData: true,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const now = clock.now();
    const row = await db.transaction(async (sql) => {
      const request = await lockErasureRequest(sql, params.clinicId, params.requestId);
      if (!request) throw new AppError("not_found", "erasure request not found", { field: "requestId" });
      if (request.status !== "requested") throw new AppError("conflict", `already ${request.status}`);
      let outcome: string;
      if (body.decision === "erase") {
        const result = await erasePatient(sql, params.clinicId, request.patientId, now, principal.keyId);
        // The one clinic message that is no chat event: the chat it would run in has just been erased, and an
        // event row would keep the number linked to the request. The outbox row loses its text once sent.
        await queueText(sql, cipher, { clinicId: params.clinicId, chatKey: result.phone }, result.kind === "restricted" ? privacyTexts.erasedRestricted : privacyTexts.erasedAll, now);
        outcome = result.kind === "restricted"
          ? `Restrito e desidentificado. Guardado (CFM, 20 anos): ${result.kept.join(", ")}. Apagado: ${result.removed.join(", ")}.`
          : `Apagado por completo: ${result.removed.join(", ")}.`;
      } else {
        outcome = `Recusado: ${body.reason ?? "sem motivo informado"}`;
      }
      return resolveErasureRequest(sql, { id: request.id, status: body.decision === "erase" ? "completed" : "rejected", now, by: principal.keyId, outcome });
    });
    return view(row);
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/patients/:patientId/export", summary: "Everything held about a patient (LGPD)", tag: "Privacy",
    params: z.object({ clinicId: z.string(), patientId: z.string() }), response: z.record(z.string(), z.unknown()), healthData: true,
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const exists = await db.prisma.patient.findFirst({ where: { id: params.patientId, clinicId: params.clinicId } });
    if (!exists) throw new AppError("not_found", "patient not found", { field: "patientId" });
    return { ...(await exportPatientData(db.sql, cipher, params.clinicId, params.patientId, clock.now())) };
  });
}
