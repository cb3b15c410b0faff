// The signing job: renders the stored draft, signs it with the doctor's
// certificate (PAdES), stores the PDF, and raises it to the patient's chat
// and to the doctor's (chat events their flows send), in one transaction. A
// document already signed is skipped.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Clock } from "../clock.js";
import type { Database, Sql } from "../db/database.js";
import { saveMedia } from "../db/media.js";
import { isAppError } from "../errors.js";
import { defineJob, type AnyJobDefinition } from "../jobs/queue.js";
import type { RecordsDeps } from "../records/deps.js";
import { DOCUMENT_LABEL } from "./document-facts.js";
import type { DocumentDraft } from "./document-types.js";
import { SIGN_JOB } from "./issue-document.js";
import { prefersCloud, signWithCloud, type CloudSignDeps } from "./psc/sign-cloud.js";
import { renderDocumentPdf } from "./render-pdf.js";
import type { SignerCache } from "./signers.js";
import { sha256Hex } from "./verification-code.js";

export interface SignJobDeps extends RecordsDeps {
  db: Database;
  clock: Clock;
  signers: SignerCache;
  /** Counts signed documents (metrics). */
  onSigned?: (kind: string) => void;
  /** Doctors whose link prefers the cloud certificate sign through their PSC (src/documents/psc/sign-cloud.ts). */
  cloud?: CloudSignDeps;
}

interface DocumentRow {
  id: string;
  clinicId: string;
  professionalId: string;
  patientId: string;
  status: string;
  contentSealed: string;
  /** The patient's name when they are a dependant: the document goes to the guardian's chat, named. */
  dependantName: string | null;
  verificationCode: string;
  secretCode: string;
  requestedByChat: string | null;
  patientPhone: string;
  patientName: string;
  professionalName: string;
}

export function signDocumentJob(deps: SignJobDeps): AnyJobDefinition {
  return defineJob({
    name: SIGN_JOB, schema: z.object({ documentId: z.string() }), retryLimit: 3, retryDelaySeconds: 5,
    handler: ({ documentId }) => signDocument(deps, documentId),
    onFinalFailure: ({ documentId }, error) => failDocument(deps, documentId, error),
  });
}

async function findDocument(sql: Sql, id: string): Promise<DocumentRow | undefined> {
  const [row] = await sql.query<DocumentRow>(
    `SELECT d.id, d."clinicId", d."professionalId", d."patientId", d.status, d."contentSealed", d."verificationCode", d."secretCode",
       d."requestedByChat", p.phone AS "patientPhone", COALESCE(p.name, p.phone) AS "patientName", pr.name AS "professionalName",
       CASE WHEN p."guardianPatientId" IS NOT NULL THEN p.name END AS "dependantName"
     FROM "Document" d JOIN "Patient" p ON p.id = d."patientId" JOIN "Professional" pr ON pr.id = d."professionalId" WHERE d.id = $1`,
    [id],
  );
  return row;
}

async function signDocument(deps: SignJobDeps, documentId: string): Promise<void> {
  const doc = await findDocument(deps.db.sql, documentId);
  if (!doc || doc.status !== "signing") return;
  // Never retried by the queue once at the PSC: a denial or a silent PSC is told to the doctor, and the document waits.
  if (deps.cloud && (await prefersCloud(deps.db.sql, doc.professionalId))) {
    return signWithCloud(deps.cloud, { professionalId: doc.professionalId, clinicId: doc.clinicId, chatKey: doc.requestedByChat });
  }
  const stored = JSON.parse(await deps.sealer.open(doc.contentSealed)) as DocumentDraft & { issuedAt: string };
  const draft: DocumentDraft = { ...stored, issuedAt: new Date(stored.issuedAt) };
  const professional = { id: doc.professionalId, clinicId: doc.clinicId, name: doc.professionalName };
  const { signer, certificateId } = await deps.signers.forProfessional(deps.db.sql, professional, deps.clock.now());
  const pdf = await renderDocumentPdf(draft, { verificationCode: doc.verificationCode, verifyBaseUrl: deps.settings.verifyBaseUrl, accessCode: doc.secretCode, testDocument: signer.isDevelopment });
  const signed = await signer.sign(pdf, { signingTime: draft.issuedAt, reason: DOCUMENT_LABEL[draft.kind].name, location: draft.doctor.city });
  const label = DOCUMENT_LABEL[draft.kind];
  const filename = `${label.file}-${doc.verificationCode}.pdf`;
  const signedNow = await deps.db.transaction(async (sql) => {
    const now = deps.clock.now();
    const mediaId = randomUUID();
    const [updated] = await sql.query(
      `UPDATE "Document" SET status = 'signed', "pdfMediaId" = $2, sha256 = $3, "signedAt" = $4, "isTest" = $5, "certificateId" = $6, "updatedAt" = $7
       WHERE id = $1 AND status = 'signing' RETURNING id`,
      [doc.id, mediaId, sha256Hex(signed), draft.issuedAt, signer.isDevelopment, certificateId, now],
    );
    if (!updated) return false;
    await saveMedia(sql, deps.cipher, { clinicId: doc.clinicId, data: signed, mimetype: "application/pdf", filename }, mediaId);
    const pdf = { documentId: doc.id, kind: draft.kind, mediaId, filename, verificationCode: doc.verificationCode };
    const delivered = await deps.events.toPatient(sql, { clinicId: doc.clinicId, chatKey: doc.patientPhone },
      { type: "documentIssued", pdf, professionalName: doc.professionalName, secretCode: doc.secretCode, ...(doc.dependantName ? { forName: doc.dependantName } : {}) }, doc.id, now);
    // A patient who withdrew consent gets nothing; the doctor learns it with the copy.
    if (doc.requestedByChat) {
      await deps.events.toDoctor(sql, { clinicId: doc.clinicId, chatKey: doc.requestedByChat }, { type: "documentSigned", pdf, deliveredToPatient: delivered, patientName: doc.patientName }, doc.id, now);
    }
    return true;
  });
  if (signedNow) deps.onSigned?.(draft.kind);
  await deps.wakeChats();
}

async function failDocument(deps: SignJobDeps, documentId: string, error: unknown): Promise<void> {
  await deps.db.transaction(async (sql) => {
    const doc = await findDocument(sql, documentId);
    if (!doc || doc.status !== "signing") return;
    const now = deps.clock.now();
    await sql.query(`UPDATE "Document" SET status = 'failed', "updatedAt" = $2 WHERE id = $1`, [documentId, now]);
    const reason = isAppError(error) ? error.message : "erro interno ao assinar.";
    const [{ kind }] = (await sql.query<{ kind: DocumentDraft["kind"] }>(`SELECT kind FROM "Document" WHERE id = $1`, [documentId])) as [{ kind: DocumentDraft["kind"] }];
    if (doc.requestedByChat) {
      await deps.events.toDoctor(sql, { clinicId: doc.clinicId, chatKey: doc.requestedByChat }, { type: "documentFailed", documentId, kind, reason, patientName: doc.patientName }, documentId, now);
    }
  });
  await deps.wakeChats();
}
