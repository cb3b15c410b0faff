import type { DocumentKind } from "./document-types.js";

// Custom keys of the PDF document information dictionary that the ITI
// "Validar" portal reads to recognise a health document and its author
// (ITI developer guide: document type 2.16.76.1.12.1.x, CRM 2.16.76.1.4.2.2.x).

export const DOCUMENT_TYPE_OID: Record<DocumentKind, { oid: string; label: string }> = {
  prescription: { oid: "2.16.76.1.12.1.1", label: "Prescrição de medicamento" },
  certificate: { oid: "2.16.76.1.12.1.2", label: "Atestado médico" },
  exam_request: { oid: "2.16.76.1.12.1.3", label: "Solicitação de exame" },
};

export const CRM_OID = {
  number: "2.16.76.1.4.2.2.1",
  uf: "2.16.76.1.4.2.2.2",
  specialty: "2.16.76.1.4.2.2.3",
} as const;

export const DOCUMENT_TITLE: Record<DocumentKind, string> = {
  prescription: "RECEITUÁRIO",
  certificate: "ATESTADO MÉDICO",
  exam_request: "SOLICITAÇÃO DE EXAMES",
};
