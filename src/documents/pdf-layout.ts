import QRCode from "qrcode";
import type { Doctor, Patient } from "./document-types.js";
import { formatCpf } from "./cpf.js";

// Drawing blocks shared by the three documents. Only the built-in Helvetica
// and Courier are used: they are not embedded (a signed atestado must stay
// under 70 KB for Atesta CFM) and their WinAnsi encoding covers Portuguese.

export type Pdf = PDFKit.PDFDocument;

export const COLOR = { ink: "#111111", muted: "#555555", accent: "#1F4E79", panel: "#F2F5F9", alert: "#B00020" };
export const MARGIN = { side: 56, top: 50, bottom: 48 };
export const TEST_BANNER_TEXT = "DOCUMENTO DE TESTE - SEM VALIDADE";

export const contentWidth = (doc: Pdf): number => doc.page.width - 2 * MARGIN.side;

export function drawHeader(doc: Pdf, doctor: Doctor): void {
  const width = contentWidth(doc);
  doc.font("Helvetica-Bold").fontSize(15).fillColor(COLOR.accent).text(doctor.clinicName, MARGIN.side, MARGIN.top, { width });
  doc.moveDown(0.25).font("Helvetica-Bold").fontSize(11.5).fillColor(COLOR.ink).text(doctor.name, { width });
  const registration = [
    `CRM ${doctor.crm}/${doctor.crmUf}`,
    doctor.rqe ? `RQE ${doctor.rqe}` : "",
    doctor.specialty ?? "",
  ].filter(Boolean).join("  ·  ");
  const contact = [doctor.phone ? `Tel. ${doctor.phone}` : "", doctor.email ?? ""].filter(Boolean).join("  ·  ");
  doc.moveDown(0.15).font("Helvetica").fontSize(9.5).fillColor(COLOR.muted);
  doc.text(registration, { width }).text(doctor.clinicAddress, { width }).text(contact, { width });
  const ruleY = doc.y + 8;
  doc.moveTo(MARGIN.side, ruleY).lineTo(MARGIN.side + width, ruleY).lineWidth(1.2).strokeColor(COLOR.accent).stroke();
  doc.y = ruleY + 18;
}

/**
 * pdfkit sets the PDF character spacing (Tc) for spaced text but never resets
 * it, so the following text would inherit it; q/Q around the text restores it.
 */
export function spacedText(doc: Pdf, draw: () => void): void {
  const y = doc.y;
  doc.save();
  draw();
  const after = doc.y;
  doc.restore();
  doc.y = Math.max(after, y);
}

export function drawTitle(doc: Pdf, title: string): void {
  spacedText(doc, () => doc.font("Helvetica-Bold").fontSize(16).fillColor(COLOR.ink)
    .text(title, MARGIN.side, doc.y, { width: contentWidth(doc), align: "center", characterSpacing: 1.5 }));
  doc.y += 14;
}

export function drawPatient(doc: Pdf, patient: Patient, withAddress: boolean): void {
  const width = contentWidth(doc);
  const lines = [
    patient.cpf ? `CPF ${formatCpf(patient.cpf)}` : patient.otherDocument ?? "",
    withAddress && patient.address ? `Endereço: ${patient.address}` : "",
  ].filter(Boolean);
  const top = doc.y;
  const height = 44 + lines.length * 13;
  doc.roundedRect(MARGIN.side, top, width, height, 4).fillColor(COLOR.panel).fill();
  const x = MARGIN.side + 12;
  spacedText(doc, () => doc.font("Helvetica-Bold").fontSize(7.5).fillColor(COLOR.muted).text("PACIENTE", x, top + 10, { characterSpacing: 1 }));
  doc.font("Helvetica-Bold").fontSize(12).fillColor(COLOR.ink).text(patient.fullName, x, top + 21, { width: width - 24 });
  doc.font("Helvetica").fontSize(9.5).fillColor(COLOR.ink);
  lines.forEach((line, i) => doc.text(line, x, top + 38 + i * 13, { width: width - 24 }));
  doc.y = top + height + 20;
}

/** A red band at the top of a page signed with a development certificate. */
export function drawTestBanner(doc: Pdf): void {
  const { x, y } = doc;
  doc.save();
  doc.rect(0, 14, doc.page.width, 24).fillColor(COLOR.alert).fill();
  doc.font("Helvetica-Bold").fontSize(12).fillColor("#FFFFFF")
    .text(TEST_BANNER_TEXT, 0, 21, { width: doc.page.width, align: "center", characterSpacing: 1, lineBreak: false });
  doc.rotate(-35, { origin: [doc.page.width / 2, doc.page.height / 2] }).fillOpacity(0.1)
    .font("Helvetica-Bold").fontSize(40).fillColor(COLOR.alert)
    .text("DOCUMENTO DE TESTE", 0, doc.page.height / 2 - 20, { width: doc.page.width, align: "center", lineBreak: false });
  doc.restore();
  doc.x = x;
  doc.y = y;
}

export type FooterInput = {
  placeAndDate: string;
  signatureLine: string;
  verifyUrl: string;
  verificationCode: string;
  /** The secret code a pharmacy types (or the validator reads) to fetch the signed file. */
  accessCode?: string;
};

const FOOTER_HEIGHT = 200;

/** Place/date, signature line and the verification QR, anchored at the page bottom. */
export function drawFooter(doc: Pdf, input: FooterInput): void {
  if (doc.y > doc.page.height - MARGIN.bottom - FOOTER_HEIGHT) doc.addPage();
  doc.page.margins.bottom = 0; // footer text sits below the flow margin; no page break
  const width = contentWidth(doc);
  const top = doc.page.height - MARGIN.bottom - FOOTER_HEIGHT;
  doc.font("Helvetica").fontSize(10.5).fillColor(COLOR.ink).text(input.placeAndDate, MARGIN.side, top, { width, align: "right" });
  const lineY = top + 52;
  const center = MARGIN.side + width / 2;
  doc.moveTo(center - 140, lineY).lineTo(center + 140, lineY).lineWidth(0.7).strokeColor(COLOR.ink).stroke();
  doc.font("Helvetica-Bold").fontSize(9.5).text(input.signatureLine, MARGIN.side, lineY + 6, { width, align: "center" });
  doc.font("Helvetica").fontSize(8).fillColor(COLOR.muted)
    .text("Assinatura digital ICP-Brasil (MP 2.200-2/2001) no padrão PAdES", MARGIN.side, lineY + 19, { width, align: "center" });
  drawVerification(doc, input, top + 104);
}

function drawVerification(doc: Pdf, input: FooterInput, top: number): void {
  const width = contentWidth(doc);
  doc.moveTo(MARGIN.side, top).lineTo(MARGIN.side + width, top).lineWidth(0.5).strokeColor("#C8CED6").stroke();
  const qrSize = 76;
  drawQrCode(doc, input.verifyUrl, MARGIN.side, top + 10, qrSize);
  const x = MARGIN.side + qrSize + 14;
  const textWidth = width - qrSize - 14;
  doc.font("Helvetica-Bold").fontSize(9).fillColor(COLOR.ink).text("Verificação de autenticidade", x, top + 14, { width: textWidth });
  doc.font("Helvetica").fontSize(8.5).fillColor(COLOR.muted)
    .text(`Leia o QR Code ou acesse ${input.verifyUrl}. A assinatura também pode ser conferida em validar.iti.gov.br.`, { width: textWidth });
  const codeY = doc.moveDown(0.5).y;
  doc.font("Helvetica").fontSize(8.5).fillColor(COLOR.ink).text("Código de verificação:", x, codeY + 2, { lineBreak: false });
  const codeX = x + doc.widthOfString("Código de verificação:") + 6;
  spacedText(doc, () => doc.font("Courier-Bold").fontSize(12).text(input.verificationCode, codeX, codeY, { characterSpacing: 1.5, lineBreak: false }));
  if (input.accessCode) {
    const accessY = codeY + 18;
    doc.font("Helvetica").fontSize(8.5).fillColor(COLOR.ink).text("Código de acesso:", x, accessY + 2, { lineBreak: false });
    const accessX = x + doc.widthOfString("Código de acesso:") + 6;
    spacedText(doc, () => doc.font("Courier-Bold").fontSize(12).text(input.accessCode!, accessX, accessY, { characterSpacing: 1.5, lineBreak: false }));
  }
}

/** Vector QR: crisp at any zoom and smaller than an embedded PNG. */
function drawQrCode(doc: Pdf, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  const cell = size / modules.size;
  for (let row = 0; row < modules.size; row += 1) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) { col += 1; continue; }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col += 1;
      doc.rect(x + start * cell, y + row * cell, (col - start) * cell, cell);
    }
  }
  doc.fillColor(COLOR.ink).fill();
}
