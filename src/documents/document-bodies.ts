import type { CertificateDraft, ExamRequestDraft, PrescriptionDraft } from "./document-types.js";
import { formatCpf } from "./cpf.js";
import { formatCalendarDate, formatLocalDate, numberInWords } from "./format-pt-br.js";
import { COLOR, MARGIN, contentWidth, type Pdf } from "./pdf-layout.js";

// The part that differs between the three documents. Sentences here are the
// document's legal wording; review them together.

export function drawPrescriptionBody(doc: Pdf, draft: PrescriptionDraft): void {
  const width = contentWidth(doc);
  const quantityWidth = 150;
  draft.items.forEach((item, index) => {
    const top = doc.y;
    doc.font("Helvetica-Bold").fontSize(11).fillColor(COLOR.ink)
      .text(`${index + 1}.  ${item.genericName} ${item.strength} — ${item.form}`, MARGIN.side, top, { width: width - quantityWidth - 10 });
    const afterName = doc.y;
    doc.font("Helvetica-Bold").fontSize(10.5)
      .text(item.quantity, MARGIN.side + width - quantityWidth, top + 0.5, { width: quantityWidth, align: "right" });
    doc.font("Helvetica").fontSize(10.5).fillColor("#333333")
      .text(item.instructions, MARGIN.side + 18, Math.max(afterName, doc.y) + 3, { width: width - 18, lineGap: 1.5 });
    doc.y += 14;
  });
}

export function drawCertificateBody(doc: Pdf, draft: CertificateDraft): void {
  const { patient, daysOff } = draft;
  const identity = patient.cpf ? `inscrito(a) no CPF sob o nº ${formatCpf(patient.cpf)}` : `portador(a) do documento ${patient.otherDocument ?? ""}`;
  const days = `${daysOff} (${numberInWords(daysOff)}) ${daysOff === 1 ? "dia" : "dias"}`;
  // The consultation's own date, not "nesta data": an atestado signed in the evening names the morning's visit.
  const seen = formatLocalDate(draft.issuedAt, draft.timeZone);
  const text = draft.attendance
    ? `Atesto, para os devidos fins, que ${patient.fullName}, ${identity}, esteve em consulta médica comigo em ${formatCalendarDate(draft.attendance.date)}, ${attendanceHours(draft.attendance)}.`
    : `Atesto, para os devidos fins, que ${patient.fullName}, ${identity}, foi atendido(a) por mim em ${seen} e necessita de ${days} de afastamento de suas atividades a partir de ${formatCalendarDate(draft.startDate)}.`;
  doc.font("Helvetica").fontSize(11.5).fillColor(COLOR.ink)
    .text(text, MARGIN.side, doc.y + 6, { width: contentWidth(doc), align: "justify", lineGap: 5 });
  if (draft.cid10 && draft.cidAuthorized) {
    doc.moveDown(1).font("Helvetica-Bold").fontSize(11.5).text(`CID-10: ${draft.cid10}`, MARGIN.side);
    doc.moveDown(0.3).font("Helvetica-Oblique").fontSize(9.5).fillColor(COLOR.muted)
      .text("O código CID-10 consta deste atestado por solicitação e com autorização expressa do(a) paciente.", { width: contentWidth(doc) });
  }
}

/** "das 14:00 às 15:00"; "por 2 (duas) horas". */
export function attendanceHours(attendance: NonNullable<CertificateDraft["attendance"]>): string {
  if (attendance.from && attendance.to) return `das ${attendance.from} às ${attendance.to}`;
  const hours = attendance.hours ?? 0;
  const words = hours === 1 ? "uma" : hours === 2 ? "duas" : numberInWords(hours);
  return `por ${hours} (${words}) ${hours === 1 ? "hora" : "horas"}`;
}

export function drawExamRequestBody(doc: Pdf, draft: ExamRequestDraft): void {
  const width = contentWidth(doc);
  doc.font("Helvetica").fontSize(11).fillColor(COLOR.ink).text("Solicito os exames abaixo:", MARGIN.side, doc.y);
  doc.moveDown(0.6);
  for (const exam of draft.exams.filter((e) => e.trim() !== "")) {
    const y = doc.y;
    doc.font("Helvetica-Bold").fontSize(11).text("•", MARGIN.side + 6, y);
    doc.font("Helvetica").fontSize(11).text(exam, MARGIN.side + 20, y, { width: width - 20 });
    doc.moveDown(0.35);
  }
  if (draft.clinicalIndication) {
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(10.5).text("Indicação clínica: ", MARGIN.side, doc.y, { continued: true, width })
      .font("Helvetica").text(draft.clinicalIndication);
  }
}
