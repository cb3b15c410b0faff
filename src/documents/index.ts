// Public API of the documents module: rules, rendering, signing and
// verification of prescriptions, atestados and exam requests.
export type {
  CertificateDraft, ControlledDrug, ControlledDrugClass, Doctor, DocumentDraft, DocumentKind,
  ExamRequestDraft, Patient, PrescriptionDraft, PrescriptionItem,
} from "./document-types.js";
export { checkDocument, listMissingFields } from "./check-document.js";
export { controlledDrugsSeed } from "./controlled-drugs-seed.js";
export { renderDocumentPdf, type RenderOptions } from "./render-pdf.js";
export { DocumentSigner, type SignOptions } from "./document-signer.js";
export type { LoadOptions } from "./load-certificate.js";
export {
  generateDevelopmentCertificate, type DevelopmentCertificate, type DevelopmentCertificateInput,
} from "./dev-certificate.js";
export { verifyPdfSignature, type PdfSignatureCheck } from "./verify-pdf.js";
export { itiQrResponse, newVerificationCode, sha256Hex } from "./verification-code.js";
export { PADES_AD_RB_V1_3 } from "./signature-policy.js";
