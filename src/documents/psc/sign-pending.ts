// Signs every document waiting for one doctor with their cloud certificate,
// after a single approval: one hash per document, several per request where
// the PSC allows. Failure is clear and final: a denial, a wrong code or an
// unapproved push leaves the documents "awaiting_signature" (nothing is
// retried behind the doctor's back, nothing goes to the patient), and the
// next call after a new approval resumes them. A 401 or an expired session
// drops the token and asks for approval again.
import { randomUUID } from "node:crypto";
import type { Cipher } from "../../crypto/encryption.js";
import type { Sql } from "../../db/database.js";
import { saveMedia } from "../../db/media.js";
import { DOCUMENT_LABEL } from "../document-facts.js";
import { DocumentSigner } from "../document-signer.js";
import type { DocumentDraft } from "../document-types.js";
import { batchingRawSigner } from "../raw-signer.js";
import { renderDocumentPdf } from "../render-pdf.js";
import { sha256Hex } from "../verification-code.js";
import type { CloudSigningDeps } from "./approve-signature.js";
import type { CertificateStore } from "./certificate-chain.js";
import { approvalOf, dropSessions, findCloudCertificate, findSessionToken, maxHashesOf, pscClientFor } from "./cloud-certificates.js";
import { isPscError, type PscFailure } from "./psc-error.js";
import { openPscSigner } from "./psc-raw-signer.js";
import type { PendingSignatureRow } from "../../db/rows.js";
import { listPendingSignatures, markAwaitingSignature, markSignedInCloud } from "./psc-statements.js";

export interface SignPendingDeps extends CloudSigningDeps {
  cipher: Cipher;
  verifyBaseUrl: string;
  store: CertificateStore;
  /** Raises the signed PDF to the patient and the doctor inside the storing transaction (the chat events' port). */
  deliver?: (sql: Sql, signed: SignedDocument) => Promise<void>;
}

export interface SignedDocument {
  documentId: string;
  clinicId: string;
  kind: DocumentDraft["kind"];
  mediaId: string;
  filename: string;
  verificationCode: string;
}

export type SignPendingResult =
  | { outcome: "signed"; documentIds: string[] }
  | { outcome: "nothing_to_sign" }
  | { outcome: "authorization_needed"; approval: "push" | "code"; documentIds: string[] }
  | { outcome: "failed"; failure: PscFailure; message: string; documentIds: string[] }
  | { outcome: "unavailable"; documentIds: string[] };

type PendingRow = PendingSignatureRow;

export async function signPendingForProfessional(deps: SignPendingDeps, professionalId: string): Promise<SignPendingResult> {
  const link = await findCloudCertificate(deps.db.sql, professionalId);
  const pending = await listPendingSignatures(deps.db.sql, professionalId);
  if (!link || pending.length === 0) return { outcome: "nothing_to_sign" };
  const documentIds = pending.map((doc) => doc.id);
  const now = deps.clock.now();
  const token = await findSessionToken(deps.db.sql, deps.sealer, professionalId, now);
  if (!token) return awaitApproval(deps, documentIds, approvalOf(link.provider));
  try {
    const client = await pscClientFor(link, deps.sealer, { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) });
    const { raw, identity } = await openPscSigner(client, token, {
      now, expectedCpf: link.cpf, maxHashesPerRequest: maxHashesOf(link.provider), store: deps.store, ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    const drafts = await Promise.all(pending.map(async (doc) => draftOf(deps, doc)));
    const pdfs = await Promise.all(drafts.map((draft, i) =>
      renderDocumentPdf(draft, { verificationCode: pending[i]!.verificationCode, verifyBaseUrl: deps.verifyBaseUrl, testDocument: identity.isDevelopment })));
    const batch = batchingRawSigner(raw, pending.length);
    const signer = DocumentSigner.fromRawSigner(batch, identity);
    const signed = await Promise.all(pdfs.map((pdf, i) =>
      signer.sign(pdf, { signingTime: drafts[i]!.issuedAt, reason: DOCUMENT_LABEL[drafts[i]!.kind].name, location: drafts[i]!.doctor.city })
        .catch((error: unknown) => { batch.withdraw(); throw error; })));
    const stored = await storeSigned(deps, pending, drafts, signed, identity.isDevelopment);
    return { outcome: "signed", documentIds: stored };
  } catch (error) {
    if (!isPscError(error)) throw error;
    if (error.failure === "session_expired") {
      await dropSessions(deps.db.sql, professionalId);
      return awaitApproval(deps, documentIds, approvalOf(link.provider));
    }
    await markAwaiting(deps, documentIds);
    if (error.failure === "unavailable") return { outcome: "unavailable", documentIds };
    return { outcome: "failed", failure: error.failure, message: error.message, documentIds };
  }
}

async function awaitApproval(deps: SignPendingDeps, documentIds: string[], approval: "push" | "code"): Promise<SignPendingResult> {
  await markAwaiting(deps, documentIds);
  return { outcome: "authorization_needed", approval, documentIds };
}

async function markAwaiting(deps: SignPendingDeps, documentIds: string[]): Promise<void> {
  await markAwaitingSignature(deps.db.sql, documentIds, deps.clock.now());
}

async function draftOf(deps: SignPendingDeps, doc: PendingRow): Promise<DocumentDraft> {
  const stored = JSON.parse(await deps.sealer.open(doc.contentSealed)) as DocumentDraft & { issuedAt: string };
  return { ...stored, issuedAt: new Date(stored.issuedAt) };
}

async function storeSigned(deps: SignPendingDeps, pending: PendingRow[], drafts: DocumentDraft[], pdfs: Buffer[], isTest: boolean): Promise<string[]> {
  const stored: string[] = [];
  for (const [i, doc] of pending.entries()) {
    const draft = drafts[i]!;
    const pdf = pdfs[i]!;
    const filename = `${DOCUMENT_LABEL[draft.kind].file}-${doc.verificationCode}.pdf`;
    const done = await deps.db.transaction(async (sql) => {
      const mediaId = randomUUID();
      const updated = await markSignedInCloud(sql, { id: doc.id, pdfMediaId: mediaId, sha256: sha256Hex(pdf), signedAt: draft.issuedAt, isTest, now: deps.clock.now() });
      if (!updated) return false;
      await saveMedia(sql, deps.cipher, { clinicId: doc.clinicId, data: pdf, mimetype: "application/pdf", filename }, mediaId);
      await deps.deliver?.(sql, { documentId: doc.id, clinicId: doc.clinicId, kind: draft.kind, mediaId, filename, verificationCode: doc.verificationCode });
      return true;
    });
    if (done) stored.push(doc.id);
  }
  return stored;
}
