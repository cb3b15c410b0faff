// Signed documents of a clinic: list, download the PDF, revoke; and the
// controlled-drug table the issuing rules read. Every read is audited.
import type { Request, Response, Router } from "express";
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import type { Cipher } from "../../crypto/encryption.js";
import { loadMedia } from "../../db/media.js";
import { sendMedia } from "../../http/send-media.js";
import { AppError } from "../../errors.js";
import { recordAudit } from "../audit.js";
import type { ApiPrincipal } from "../auth.js";
import { errorBodySchema, type ApiDefinition } from "../registry.js";
import { idParams } from "../schemas.js";
import { findClinic } from "./clinics.js";
import type { ClinicChats } from "../../chat-events/raise.js";
import type { SignedDocumentKind } from "../../chat-events/types.js";
import { findDocumentRow, listDocuments, revokeDocument } from "../admin-records-statements.js";
import { listControlledDrugs, upsertControlledDrug } from "../../documents/prescription/formulary-statements.js";
import type { AdminDocumentWithPdfRow } from "../../db/rows.js";

const documentParams = z.object({ clinicId: z.string().min(1), documentId: z.string().min(1) });

const documentSchema = z.object({
  id: z.string(),
  kind: z.enum(["prescription", "certificate", "exam_request"]),
  status: z.string(),
  patientId: z.string(),
  professionalId: z.string(),
  verificationCode: z.string(),
  sha256: z.string().nullable(),
  isTest: z.boolean(),
  signedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  createdAt: z.string(),
}).openapi("Document");

const drugSchema = z.object({
  name: z.string().trim().min(2).max(120),
  class: z.enum(["antimicrobial", "special_control", "notification"]),
  list: z.string().trim().min(1).max(40),
  rule: z.enum(["sncr_only", "never"]),
  active: z.boolean().default(true),
}).openapi("ControlledDrug");

type DocumentRow = Omit<z.infer<typeof documentSchema>, "signedAt" | "revokedAt" | "createdAt"> & { signedAt: Date | null; revokedAt: Date | null; createdAt: Date };

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
// A revoked document stays "signed" in its row (the verification page shows it as REVOGADO); the API says "revoked".
const view = (row: DocumentRow) => ({
  ...row, status: row.revokedAt ? "revoked" : row.status, signedAt: iso(row.signedAt), revokedAt: iso(row.revokedAt), createdAt: new Date(row.createdAt).toISOString(),
});

async function findDocument(db: Database, clinicId: string, documentId: string): Promise<AdminDocumentWithPdfRow> {
  const row = await findDocumentRow(db.sql, clinicId, documentId);
  if (!row) throw new AppError("not_found", "document not found", { field: "documentId" });
  return row;
}

export function documentRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock, cipher: Cipher, chats: ClinicChats): void {
  api.route(router, {
    method: "get", path: "/clinics/:clinicId/documents", summary: "List a clinic's signed documents", tag: "Documents",
    roles: ["admin", "professional"], healthData: true,
    params: idParams, query: z.object({ patientId: z.string().optional() }),
    response: z.object({ documents: z.array(documentSchema) }),
  }, async ({ params, query, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const rows = await listDocuments(db.sql, params.clinicId, query.patientId ?? null);
    return { documents: rows.map(view) };
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/documents/:documentId/revoke", summary: "Revoke a document (its verification page then says so)", tag: "Documents",
    healthData: true, params: documentParams, body: z.object({ reason: z.string().trim().min(3).max(300) }), response: documentSchema,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const doc = await findDocument(db, params.clinicId, params.documentId);
    if (doc.status !== "signed") throw new AppError("conflict", "only a signed document can be revoked");
    await db.transaction(async (sql) => {
      const now = clock.now();
      const first = await revokeDocument(sql, params.clinicId, params.documentId, now, body.reason);
      // The patient is told once, on the first revocation (a withdrawn consent hears nothing: toPatient refuses).
      if (first) {
        const event = { type: "documentRevoked", documentId: doc.id, kind: doc.kind as SignedDocumentKind, verificationCode: doc.verificationCode, reason: body.reason, professionalName: first.professionalName } as const;
        await chats.events.toPatient(sql, { clinicId: params.clinicId, chatKey: first.phone }, event, doc.id, now);
      }
    });
    await chats.wake();
    const { pdfMediaId: _media, ...updated } = await findDocument(db, params.clinicId, params.documentId);
    return view(updated);
  });

  // The PDF is bytes, not JSON: a plain route, documented and audited by hand.
  api.registry.registerPath({
    method: "get", path: "/api/v1/clinics/{clinicId}/documents/{documentId}/pdf", summary: "Download a signed document's PDF", tags: ["Documents"],
    description: "Roles: admin, professional. Every call leaves an audit event.", security: [{ bearer: [] }],
    request: { params: documentParams },
    responses: {
      200: { description: "The signed PDF", content: { "application/pdf": { schema: { type: "string", format: "binary" } } } },
      404: { description: "Not found", content: { "application/json": { schema: errorBodySchema } } },
    },
  });
  router.get("/clinics/:clinicId/documents/:documentId/pdf", async (req: Request<{ clinicId: string; documentId: string }>, res: Response) => {
    const principal = res.locals.principal as ApiPrincipal;
    if (!["admin", "professional"].includes(principal.role)) throw new AppError("forbidden", `a ${principal.role} key may not do this`);
    await findClinic(db, principal, req.params.clinicId);
    const doc = await findDocument(db, req.params.clinicId, req.params.documentId);
    const media = doc.pdfMediaId ? await loadMedia(db.sql, cipher, doc.pdfMediaId) : null;
    if (!media) throw new AppError("not_found", "document has no PDF yet");
    await recordAudit(db.sql, {
      principal, clinicId: req.params.clinicId, action: "document.download", entityType: "document", entityId: doc.id,
      ip: req.ip ?? null, at: clock.now(), detail: { route: "/clinics/:clinicId/documents/:documentId/pdf", status: 200 },
    });
    sendMedia(res, { data: media.data, mimetype: "application/pdf", filename: `${doc.verificationCode}.pdf` }, { disposition: "attachment" });
  });

  api.route(router, {
    method: "get", path: "/controlled-drugs", summary: "The drugs documents may not prescribe (Anvisa lists)", tag: "Documents",
    roles: ["admin", "professional"], response: z.object({ drugs: z.array(drugSchema) }),
  }, async () => ({ drugs: await listControlledDrugs(db.sql) }));

  api.route(router, {
    method: "put", path: "/controlled-drugs", summary: "Add or update a controlled drug (all-clinics admin key)", tag: "Documents",
    audit: { action: "controlled_drug.update", entityType: "ControlledDrug" }, body: drugSchema, response: drugSchema,
  }, async ({ body, principal }) => {
    if (principal.clinicId !== null) throw new AppError("forbidden", "the controlled-drug list is shared by every clinic: use an all-clinics admin key");
    await upsertControlledDrug(db.sql, { ...body, name: body.name.toLocaleLowerCase("pt-BR") });
    return { ...body, name: body.name.toLocaleLowerCase("pt-BR") };
  });
}
