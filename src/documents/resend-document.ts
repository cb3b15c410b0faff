// "meus documentos": a patient asks for one of their signed documents again.
// The flow sends it (and says whether the clinic revoked it).
import type { SignedPdf } from "../chat-events/types.js";
import type { Sql } from "../db/database.js";
import { DOCUMENT_LABEL } from "./document-facts.js";
import { findSignedDocumentOfChat } from "./document-statements.js";

export async function findSignedDocument(
  sql: Sql, chat: { clinicId: string; chatKey: string }, documentId: string,
): Promise<{ pdf: SignedPdf; revoked: boolean } | undefined> {
  const doc = await findSignedDocumentOfChat(sql, chat, documentId);
  if (!doc) return undefined;
  const filename = `${DOCUMENT_LABEL[doc.kind].file}-${doc.verificationCode}.pdf`;
  return { pdf: { documentId, kind: doc.kind, mediaId: doc.pdfMediaId, filename, verificationCode: doc.verificationCode }, revoked: doc.revokedAt !== null };
}
