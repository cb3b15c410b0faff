import PDFDocument from "pdfkit";
import { AppError } from "../errors.js";
import { listMissingFields } from "./check-document.js";
import type { DocumentDraft } from "./document-types.js";
import { drawCertificateBody, drawExamRequestBody, drawPrescriptionBody } from "./document-bodies.js";
import { formatIssuePlaceAndDate } from "./format-pt-br.js";
import { CRM_OID, DOCUMENT_TITLE, DOCUMENT_TYPE_OID } from "./health-oids.js";
import { MARGIN, drawFooter, drawHeader, drawPatient, drawTestBanner, drawTitle, type Pdf } from "./pdf-layout.js";

export type RenderOptions = {
  verificationCode: string;
  /** Public base of the verification endpoint; the QR points at `<base>/v/<code>`. */
  verifyBaseUrl: string;
  /**
   * The secret code the ITI validator sends as `_secretCode` to fetch the
   * signed file; printed beside the QR code, where pharmacies look for it.
   */
  accessCode?: string;
  /** True when the signer is a development certificate (DocumentSigner.isDevelopment). */
  testDocument: boolean;
};

/** Written into the info dictionary of test documents; DocumentSigner checks it. */
export const TEST_DOCUMENT_INFO_MARK = "/ZeloTestDocument ";

/**
 * Renders an unsigned A4 PDF. Output is byte-for-byte deterministic for the
 * same input: the creation date is the issue instant and pdfkit derives the
 * file ID from the info dictionary.
 */
export async function renderDocumentPdf(draft: DocumentDraft, options: RenderOptions): Promise<Buffer> {
  const missing = listMissingFields(draft);
  if (missing.length > 0) {
    throw new AppError("document_incomplete", `Faltam dados obrigatórios: ${missing.join(", ")}.`, { missing });
  }
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
    info: documentInfo(draft, options.testDocument),
    pdfVersion: "1.7",
    compress: true,
  });
  const done = collect(doc);
  if (options.testDocument) {
    drawTestBanner(doc);
    doc.on("pageAdded", () => drawTestBanner(doc));
  }
  drawPage(doc, draft, options);
  doc.end();
  return done;
}

function drawPage(doc: Pdf, draft: DocumentDraft, options: RenderOptions): void {
  drawHeader(doc, draft.doctor);
  drawTitle(doc, DOCUMENT_TITLE[draft.kind]);
  drawPatient(doc, draft.patient, draft.kind === "prescription");
  if (draft.kind === "prescription") drawPrescriptionBody(doc, draft);
  if (draft.kind === "certificate") drawCertificateBody(doc, draft);
  if (draft.kind === "exam_request") drawExamRequestBody(doc, draft);
  const { doctor } = draft;
  drawFooter(doc, {
    placeAndDate: formatIssuePlaceAndDate(doctor.city, draft.issuedAt, draft.timeZone),
    signatureLine: `Assinado digitalmente por ${doctor.name} — CRM ${doctor.crm}/${doctor.crmUf}`,
    verifyUrl: `${options.verifyBaseUrl.replace(/\/+$/, "")}/v/${options.verificationCode}`,
    verificationCode: options.verificationCode,
    ...(options.accessCode ? { accessCode: options.accessCode } : {}),
  });
}

function documentInfo(draft: DocumentDraft, testDocument: boolean): PDFKit.DocumentInfo {
  const type = DOCUMENT_TYPE_OID[draft.kind];
  const { doctor } = draft;
  const info: Record<string, string | Date> = {
    Title: `${type.label} - ${draft.patient.fullName}`,
    Author: doctor.name,
    Subject: type.label,
    Creator: "Zelo",
    Producer: "Zelo",
    CreationDate: draft.issuedAt,
    ModDate: draft.issuedAt,
    [type.oid]: type.label,
    [CRM_OID.number]: doctor.crm,
    [CRM_OID.uf]: doctor.crmUf,
    ...(doctor.specialty ? { [CRM_OID.specialty]: doctor.specialty } : {}),
    ...(testDocument ? { ZeloTestDocument: "true" } : {}),
  };
  return info as PDFKit.DocumentInfo;
}

function collect(doc: Pdf): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}
