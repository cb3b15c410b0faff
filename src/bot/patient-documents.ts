// The patient's signed documents for "meus documentos", loaded only when the
// message may need them (most patient turns do not).
import type { Sql } from "../db/database.js";
import { DOCUMENT_TITLE } from "../documents/health-oids.js";
import type { DocumentKind } from "../documents/document-types.js";
import { wantsDocuments, type PatientDocumentsView } from "../flows/patient/documents.js";
import type { FlowInput } from "../flows/types.js";
import { listSignedDocuments } from "./chat-facts-statements.js";

const LABEL: Record<DocumentKind, string> = { prescription: "Receita", certificate: "Atestado", exam_request: "Solicitação de exames" };

export async function patientDocumentFacts(
  sql: Sql, clinicId: string, chatKey: string, storedState: unknown, input: FlowInput,
): Promise<PatientDocumentsView | undefined> {
  if (input.kind !== "text" || !wantsDocuments(storedState, input.text)) return undefined;
  const rows = await listSignedDocuments(sql, clinicId, chatKey);
  return {
    items: rows.map((row) => ({
      documentId: row.id,
      // Document.kind holds only the kinds of document-types.ts.
      label: LABEL[row.kind as DocumentKind] ?? DOCUMENT_TITLE[row.kind as DocumentKind],
      date: new Date(row.signedAt).toLocaleDateString("pt-BR", { timeZone: row.timeZone }),
      revoked: row.revokedAt !== null,
    })),
  };
}
