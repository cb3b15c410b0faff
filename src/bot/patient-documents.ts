// The patient's signed documents for "meus documentos", loaded only when the
// message may need them (most patient turns do not).
import type { Sql } from "../db/database.js";
import { DOCUMENT_TITLE } from "../documents/health-oids.js";
import type { DocumentKind } from "../documents/document-types.js";
import { wantsDocuments, type PatientDocumentsView } from "../flows/patient/documents.js";
import type { FlowInput } from "../flows/types.js";

const LABEL: Record<DocumentKind, string> = { prescription: "Receita", certificate: "Atestado", exam_request: "Solicitação de exames" };

export async function patientDocumentFacts(
  sql: Sql, clinicId: string, chatKey: string, storedState: unknown, input: FlowInput,
): Promise<PatientDocumentsView | undefined> {
  if (input.kind !== "text" || !wantsDocuments(storedState, input.text)) return undefined;
  const rows = await sql.query<{ id: string; kind: DocumentKind; signedAt: Date; revokedAt: Date | null; timeZone: string }>(
    `SELECT d.id, d.kind, d."signedAt", d."revokedAt", c."timeZone" FROM "Document" d
     JOIN "Patient" p ON p.id = d."patientId" JOIN "Clinic" c ON c.id = d."clinicId"
     WHERE d."clinicId" = $1 AND p.phone = $2 AND d.status = 'signed' ORDER BY d."signedAt" DESC, d."createdAt" DESC, d.id LIMIT 9`,
    [clinicId, chatKey],
  );
  return {
    items: rows.map((row) => ({
      documentId: row.id,
      label: LABEL[row.kind] ?? DOCUMENT_TITLE[row.kind],
      date: new Date(row.signedAt).toLocaleDateString("pt-BR", { timeZone: row.timeZone }),
      revoked: row.revokedAt !== null,
    })),
  };
}
