// "meus documentos": a patient asks for one of their signed documents again.
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";
import { sendPdf, type ChatTarget } from "../records/notify.js";
import { DOCUMENT_LABEL } from "./document-facts.js";
import type { DocumentKind } from "./document-types.js";

export async function resendDocument(sql: Sql, cipher: Cipher, target: ChatTarget, now: Date, documentId: string): Promise<string[]> {
  const [doc] = await sql.query<{ kind: DocumentKind; pdfMediaId: string; verificationCode: string; revokedAt: Date | null }>(
    `SELECT d.kind, d."pdfMediaId", d."verificationCode", d."revokedAt" FROM "Document" d JOIN "Patient" p ON p.id = d."patientId"
     WHERE d.id = $1 AND d."clinicId" = $2 AND p.phone = $3 AND d.status = 'signed' AND d."pdfMediaId" IS NOT NULL`,
    [documentId, target.clinicId, target.chatKey],
  );
  if (!doc) return ["Não encontrei esse documento."];
  const label = DOCUMENT_LABEL[doc.kind];
  const note = doc.revokedAt ? " Atenção: este documento foi revogado pela clínica." : "";
  await sendPdf(sql, cipher, target, { mediaId: doc.pdfMediaId, filename: `${label.file}-${doc.verificationCode}.pdf`, caption: `Sua ${label.name} (código ${doc.verificationCode}).${note}` }, now);
  return [];
}
