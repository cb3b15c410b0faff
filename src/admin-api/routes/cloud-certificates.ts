// A professional's cloud certificate at a PSC (VIDaaS, BirdID, NeoID,
// SafeID...). Linking checks that the PSC answers for the clinic's
// application and holds a certificate for the CPF (user discovery), and that
// the CPF is the professional's: the model keeps no CPF of its own, so it is
// compared with the active A1 certificate's CPF when there is one. The
// certificate itself is read, and its CPF checked again, at the first
// signature (the PSC shows it only to an approved session). The client
// secret is sealed and never returned.
import type { Router } from "express";
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { isValidCpf } from "../../documents/cpf.js";
import {
  deleteCloudCertificate, findCloudCertificate, PSC_PROVIDERS, saveCloudCertificate, type CloudCertificate,
} from "../../documents/psc/cloud-certificates.js";
import { PscClient } from "../../documents/psc/psc-client.js";
import { PscError } from "../../documents/psc/psc-error.js";
import { AppError } from "../../errors.js";
import type { RecordsDeps } from "../../records/deps.js";
import type { ApiDefinition } from "../registry.js";
import { professionalParams } from "../schemas.js";
import { findClinic } from "./clinics.js";
import { findActiveA1Cpf } from "../admin-statements.js";
import { findProfessional } from "./professionals.js";

const cloudCertificateInput = z.object({
  provider: z.enum(PSC_PROVIDERS),
  /** The PSC's URI base, e.g. https://certificado.vidaas.com.br/v0 */
  baseUrl: z.string().url().max(300).regex(/\/v0\/?$/, "the PSC's URI base ends in /v0"),
  clientId: z.string().min(1).max(200),
  clientSecret: z.string().min(1).max(500),
  cpf: z.string().regex(/^\d{3}\.?\d{3}\.?\d{3}-?\d{2}$/),
  preferredSigner: z.enum(["a1", "cloud"]).default("cloud"),
  /** How long one approval on the phone lasts: a shift by default, at most 7 days (the PSCs' limit for a person). */
  sessionHours: z.number().int().min(1).max(168).default(12),
}).openapi("CloudCertificateLink");

const cloudCertificateSchema = z.object({
  id: z.string(),
  professionalId: z.string(),
  provider: z.enum(PSC_PROVIDERS),
  baseUrl: z.string(),
  clientId: z.string(),
  /** Masked: only the middle digits are shown. */
  cpf: z.string(),
  preferredSigner: z.enum(["a1", "cloud"]),
  sessionHours: z.number(),
  approval: z.enum(["push", "code"]),
  createdAt: z.string(),
}).openapi("CloudCertificate");

const linkAnswer = cloudCertificateSchema.extend({
  /** What the CPF was compared with at link time: the professional's active A1 certificate, or nothing on file. */
  cpfCheckedAgainst: z.enum(["a1_certificate", "none"]),
}).openapi("CloudCertificateLinked");

const view = (row: CloudCertificate) => ({
  id: row.id, professionalId: row.professionalId, provider: row.provider, baseUrl: row.baseUrl, clientId: row.clientId,
  cpf: `***.${row.cpf.slice(3, 6)}.${row.cpf.slice(6, 9)}-**`, preferredSigner: row.preferredSigner,
  sessionHours: row.sessionLifetimeSeconds / 3600, approval: row.provider === "vidaas" ? "push" as const : "code" as const,
  createdAt: new Date(row.createdAt).toISOString(),
});

const path = "/clinics/:clinicId/professionals/:professionalId/cloud-certificate";

export function cloudCertificateRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock, deps: RecordsDeps, options: { fetch?: typeof fetch } = {}): void {
  api.route(router, {
    method: "put", path, summary: "Link the professional's cloud certificate at a PSC (checked by user discovery)", tag: "Certificates",
    audit: { action: "cloud_certificate.link", entityType: "ProfessionalCloudCertificate" },
    params: professionalParams, body: cloudCertificateInput, response: linkAnswer,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await findProfessional(db, params.clinicId, params.professionalId);
    const cpf = body.cpf.replace(/\D/g, "");
    if (!isValidCpf(cpf)) throw new AppError("validation_failed", "CPF inválido.", { field: "cpf" });
    if (deps.settings.production && !body.baseUrl.startsWith("https://")) throw new AppError("validation_failed", "Em produção o PSC é acessado só por HTTPS.", { field: "baseUrl" });
    const cpfCheckedAgainst = await checkCpfIsTheProfessionals(db, params.professionalId, cpf);
    const client = new PscClient({ baseUrl: body.baseUrl, clientId: body.clientId, clientSecret: body.clientSecret, ...(options.fetch ? { fetch: options.fetch } : {}) });
    if (!(await client.hasCertificate(cpf))) throw new PscError("not_holder", "user-discovery: N");
    const row = await db.transaction((sql) => saveCloudCertificate(sql, deps.sealer, {
      clinicId: params.clinicId, professionalId: params.professionalId, provider: body.provider, baseUrl: body.baseUrl.replace(/\/+$/, ""),
      clientId: body.clientId, clientSecret: body.clientSecret, cpf, preferredSigner: body.preferredSigner, sessionLifetimeSeconds: body.sessionHours * 3600,
    }, clock.now()));
    return { ...view(row), cpfCheckedAgainst };
  });

  api.route(router, {
    method: "get", path, summary: "The professional's cloud certificate link (without the client secret)", tag: "Certificates",
    audit: { action: "cloud_certificate.read", entityType: "ProfessionalCloudCertificate" },
    params: professionalParams, response: cloudCertificateSchema,
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const row = await findCloudCertificate(db.sql, params.professionalId);
    if (!row || row.clinicId !== params.clinicId) throw new AppError("not_found", "no cloud certificate linked", { field: "professionalId" });
    return view(row);
  });

  api.route(router, {
    method: "delete", path, summary: "Unlink the professional's cloud certificate (its signature sessions end)", tag: "Certificates",
    audit: { action: "cloud_certificate.unlink", entityType: "ProfessionalCloudCertificate" },
    params: professionalParams, response: z.object({ unlinked: z.boolean() }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await findProfessional(db, params.clinicId, params.professionalId);
    return { unlinked: await deleteCloudCertificate(db.sql, params.professionalId) };
  });
}

async function checkCpfIsTheProfessionals(db: Database, professionalId: string, cpf: string): Promise<"a1_certificate" | "none"> {
  const a1Cpf = await findActiveA1Cpf(db.sql, professionalId);
  if (!a1Cpf) return "none";
  if (a1Cpf !== cpf) throw new AppError("certificate_invalid", "O CPF informado não é o CPF do certificado A1 deste profissional.", { field: "cpf" });
  return "a1_certificate";
}
