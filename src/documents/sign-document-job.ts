// The signing job: renders the stored draft, signs it with the doctor's
// certificate (PAdES), stores the PDF, and raises it to the patient's chat
// and to the doctor's (chat events their flows send), in one transaction. A
// document already signed is skipped.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Clock } from "../clock.js";
import type { Database } from "../db/database.js";
import { saveMedia } from "../db/media.js";
import { isAppError } from "../errors.js";
import { defineJob, type AnyJobDefinition } from "../jobs/queue.js";
import type { RecordsDeps } from "../records/deps.js";
import { DOCUMENT_LABEL } from "./document-facts.js";
import { findDocumentKind, findDocumentToSign, markDocumentFailed, markDocumentSigned } from "./document-statements.js";
import type { DocumentDraft } from "./document-types.js";
import { SIGN_JOB } from "./issue-document.js";
import { prefersCloud, signWithCloud, type CloudSignDeps } from "./psc/sign-cloud.js";
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

export function signDocumentJob(deps: SignJobDeps): AnyJobDefinition {
  return defineJob({
    name: SIGN_JOB, schema: z.object({ documentId: z.string() }), retryLimit: 3, retryDelaySeconds: 5,
    handler: ({ documentId }) => signDocument(deps, documentId),
    onFinalFailure: ({ documentId }, error) => failDocument(deps, documentId, error),
  });
}

async function signDocument(deps: SignJobDeps, documentId: string): Promise<void> {
  const doc = await findDocumentToSign(deps.db.sql, documentId);
  if (!doc || doc.status !== "signing") return;
  // Never retried by the queue once at the PSC: a denial or a silent PSC is told to the doctor, and the document waits.
  if (deps.cloud && (await prefersCloud(deps.db.sql, doc.professionalId))) {
    return signWithCloud(deps.cloud, { professionalId: doc.professionalId, clinicId: doc.clinicId, chatKey: doc.requestedByChat });
  }
  const stored = JSON.parse(await deps.sealer.open(doc.contentSealed)) as DocumentDraft & { issuedAt: string };
  const draft: DocumentDraft = { ...stored, issuedAt: new Date(stored.issuedAt) };
  const professional = { id: doc.professionalId, clinicId: doc.clinicId, name: doc.professionalName };
  const { signer, certificateId } = await deps.signers.forProfessional(deps.db.sql, professional, deps.clock.now());
  // pdfkit loads with the first document, not at start.
  const { renderDocumentPdf } = await import("./render-pdf.js");
  const pdf = await renderDocumentPdf(draft, { verificationCode: doc.verificationCode, verifyBaseUrl: deps.settings.verifyBaseUrl, accessCode: doc.secretCode, testDocument: signer.isDevelopment });
  const signed = await signer.sign(pdf, { signingTime: draft.issuedAt, reason: DOCUMENT_LABEL[draft.kind].name, location: draft.doctor.city });
  const label = DOCUMENT_LABEL[draft.kind];
  const filename = `${label.file}-${doc.verificationCode}.pdf`;
  const signedNow = await deps.db.transaction(async (sql) => {
    const now = deps.clock.now();
    const mediaId = randomUUID();
    const updated = await markDocumentSigned(sql,
      { id: doc.id, pdfMediaId: mediaId, sha256: sha256Hex(signed), signedAt: draft.issuedAt, isTest: signer.isDevelopment, certificateId, now });
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
    const doc = await findDocumentToSign(sql, documentId);
    if (!doc || doc.status !== "signing") return;
    const now = deps.clock.now();
    await markDocumentFailed(sql, documentId, now);
    const reason = isAppError(error) ? error.message : "erro interno ao assinar.";
    const kind = (await findDocumentKind(sql, documentId))!;
    if (doc.requestedByChat) {
      await deps.events.toDoctor(sql, { clinicId: doc.clinicId, chatKey: doc.requestedByChat }, { type: "documentFailed", documentId, kind, reason, patientName: doc.patientName }, documentId, now);
    }
  });
  await deps.wakeChats();
}
