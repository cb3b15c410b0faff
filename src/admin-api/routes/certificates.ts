// A professional's A1 certificate (PKCS#12), uploaded as JSON with base64.
// It is checked before it is stored (opens with the password, has a private
// key, not expired, CPF as expected when given), then sealed with its
// password. Neither the file nor the password is ever returned or logged.
import { X509Certificate } from "node:crypto";
import type { Router } from "express";
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { storeCertificate } from "../../documents/signers.js";
import { AppError } from "../../errors.js";
import type { RecordsDeps } from "../../records/deps.js";
import type { ApiDefinition } from "../registry.js";
import { professionalParams } from "../schemas.js";
import { findClinic } from "./clinics.js";
import type { CertificateViewRow } from "../../db/rows.js";
import { findActiveCertificate, findCertificate } from "../admin-statements.js";
import { cloudCertificateRoutes } from "./cloud-certificates.js";
import { findProfessional } from "./professionals.js";

const certificateInput = z.object({
  pkcs12Base64: z.string().min(100).max(200_000).regex(/^[A-Za-z0-9+/=\s]+$/, "must be base64"),
  password: z.string().min(1).max(200),
  /** The professional's CPF; when given, the certificate's CPF must be the same. */
  expectedCpf: z.string().regex(/^\d{3}\.?\d{3}\.?\d{3}-?\d{2}$/).optional(),
}).openapi("CertificateUpload");

const certificateSchema = z.object({
  id: z.string(),
  professionalId: z.string(),
  holderName: z.string(),
  /** Masked: only the middle digits are shown. */
  cpf: z.string().nullable(),
  notAfter: z.string(),
  isDevelopment: z.boolean(),
  createdAt: z.string(),
}).openapi("Certificate");

const maskCpf = (cpf: string | null) => (cpf ? `***.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-**` : null);

type CertificateRow = CertificateViewRow;

const view = (row: CertificateRow) => ({
  id: row.id, professionalId: row.professionalId, holderName: row.holderName, cpf: maskCpf(row.cpf),
  notAfter: new Date(row.notAfter).toISOString(), isDevelopment: row.isDevelopment, createdAt: new Date(row.createdAt).toISOString(),
});

export function certificateRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock, deps: RecordsDeps): void {
  cloudCertificateRoutes(api, router, db, clock, deps);
  api.route(router, {
    method: "put", path: "/clinics/:clinicId/professionals/:professionalId/certificate",
    summary: "Upload the professional's A1 certificate (PKCS#12 as base64, with its password)", tag: "Certificates",
    audit: { action: "certificate.upload", entityType: "ProfessionalCertificate" },
    params: professionalParams, body: certificateInput, response: certificateSchema,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await findProfessional(db, params.clinicId, params.professionalId);
    const now = clock.now();
    const pkcs12 = Buffer.from(body.pkcs12Base64.replace(/\s/g, ""), "base64");
    // node-forge and asn1js load with the first upload, not at start.
    const { loadPkcs12 } = await import("../../documents/load-certificate.js");
    const loaded = loadPkcs12(pkcs12, body.password, { now, ...(body.expectedCpf ? { expectedCpf: body.expectedCpf } : {}) });
    if (loaded.isDevelopment && deps.settings.production) {
      throw new AppError("certificate_invalid", "Em produção só é aceito certificado ICP-Brasil.");
    }
    const notAfter = new Date(new X509Certificate(loaded.certificateDers[0]!).validTo);
    const row = await db.transaction((sql) => storeCertificate(sql, deps.sealer, {
      clinicId: params.clinicId, professionalId: params.professionalId, pkcs12, password: body.password,
      holderName: loaded.holderName, cpf: loaded.cpf, notAfter, isDevelopment: loaded.isDevelopment, now,
    }));
    return view(await certificateById(db, row.id));
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/professionals/:professionalId/certificate",
    summary: "The professional's active certificate (without the file or password)", tag: "Certificates",
    params: professionalParams, response: certificateSchema,
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const row = await findActiveCertificate(db.sql, params.clinicId, params.professionalId);
    if (!row) throw new AppError("not_found", "no certificate uploaded", { field: "professionalId" });
    return view(row);
  });
}

async function certificateById(db: Database, id: string): Promise<CertificateRow> {
  return findCertificate(db.sql, id);
}
