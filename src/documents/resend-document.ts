// "meus documentos": a patient asks for one of their signed documents again.
// The flow sends it (and says whether the clinic revoked it).
import type { SignedPdf } from "../chat-events/types.js";
import type { Sql } from "../db/database.js";
import { DOCUMENT_LABEL } from "./document-facts.js";
import type { DocumentKind } from "./document-types.js";

export async function findSignedDocument(
  sql: Sql, chat: { clinicId: string; chatKey: string }, documentId: string,
): Promise<{ pdf: SignedPdf; revoked: boolean } | undefined> {
  const [doc] = await sql.query<{ kind: DocumentKind; pdfMediaId: string; verificationCode: string; revokedAt: Date | null }>(
    `SELECT d.kind, d."pdfMediaId", d."verificationCode", d."revokedAt" FROM "Document" d JOIN "Patient" p ON p.id = d."patientId"
     WHERE d.id = $1 AND d."clinicId" = $2 AND p.phone = $3 AND d.status = 'signed' AND d."pdfMediaId" IS NOT NULL`,
    [documentId, chat.clinicId, chat.chatKey],
  );
  if (!doc) return undefined;
  const filename = `${DOCUMENT_LABEL[doc.kind].file}-${doc.verificationCode}.pdf`;
  return { pdf: { documentId, kind: doc.kind, mediaId: doc.pdfMediaId, filename, verificationCode: doc.verificationCode }, revoked: doc.revokedAt !== null };
}
