// "meus dados" as a PDF a patient can read: the same facts as the JSON file,
// in Portuguese, with instants in the clinic's zone ("29/11/2026 14:30").
import PDFDocument from "pdfkit";
import { COLOR, MARGIN, contentWidth, type Pdf } from "../documents/pdf-layout.js";
import { noteSummary } from "./export-notes.js";
import type { PatientExport } from "./export-patient-data.js";

const APPOINTMENT_STATUS: Record<string, string> = {
  booked: "agendada", confirmed: "confirmada", completed: "realizada", cancelled: "cancelada", no_show: "falta", rescheduled: "remarcada",
};
const DOCUMENT_KIND: Record<string, string> = { prescription: "Receita", certificate: "Atestado", exam_request: "Solicitação de exames" };
const DOCUMENT_STATUS: Record<string, string> = { signed: "assinado", signing: "em assinatura", failed: "não emitido" };
const PAYMENT_STATUS: Record<string, string> = {
  approved: "aprovado", pending: "pendente", in_process: "em análise", rejected: "recusado", cancelled: "cancelado",
  refunded: "estornado", expired: "expirado",
};

/** "2026-11-29T17:30:00Z" in America/Sao_Paulo → "29/11/2026 14:30". */
export function localDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("pt-BR", {
    timeZone, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")}/${part("month")}/${part("year")} ${part("hour")}:${part("minute")}`;
}

const money = (cents: number) => `R$ ${(cents / 100).toFixed(2).replace(".", ",")}`;

/** Deterministic for the same export: the creation date is the export's own instant. */
export async function renderExportPdf(data: PatientExport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4", margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
    info: { Title: "Seus dados (LGPD)", Author: data.clinic.name, CreationDate: new Date(data.generatedAt) },
    compress: true,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  drawExport(doc, data);
  doc.end();
  return done;
}

function drawExport(doc: Pdf, data: PatientExport): void {
  const when = (iso: string) => localDateTime(iso, data.clinic.timeZone);
  doc.font("Helvetica-Bold").fontSize(15).fillColor(COLOR.accent).text(data.clinic.name, { width: contentWidth(doc) });
  doc.font("Helvetica-Bold").fontSize(13).fillColor(COLOR.ink).text("Seus dados guardados pela clínica (LGPD)");
  doc.font("Helvetica").fontSize(9.5).fillColor(COLOR.muted)
    .text(`Gerado em ${when(data.generatedAt)} (horário da clínica). O arquivo JSON enviado junto traz os mesmos dados.`);
  doc.moveDown(0.8);

  const { patient } = data;
  section(doc, "Dados cadastrais", [
    `Nome: ${patient.name ?? "não informado"}`,
    `Telefone: ${patient.phone}`,
    `CPF: ${patient.cpf ?? "não informado"}`,
    `Cadastro desde: ${when(patient.createdAt)}`,
  ]);
  section(doc, "Consentimentos", data.consents.map((c) =>
    `${when(c.recordedAt)}: ${c.granted ? "concedido" : "recusado ou revogado"} (${c.purpose}, termo ${c.textVersion})`));
  section(doc, "Consultas", data.appointments.map((a) =>
    `${when(a.startsAt)}: ${a.procedure} com ${a.professional}, ${APPOINTMENT_STATUS[a.status] ?? a.status}`));
  section(doc, "Documentos emitidos", data.documents.map((d) =>
    `${d.signedAt ? when(d.signedAt) : "sem data"}: ${DOCUMENT_KIND[d.kind] ?? d.kind}, ${DOCUMENT_STATUS[d.status] ?? d.status}, código ${d.verificationCode}`));
  section(doc, "Prontuário", [
    ...data.clinicalNotes.map((n) => `${when(n.createdAt)}: ${noteSummary(n)}`),
    data.clinicalNotesPolicy,
  ]);
  section(doc, "Mensagens", [
    `Mensagens suas guardadas: ${data.messages.fromPatient}`,
    `Mensagens da clínica para você: ${data.messages.toPatient}`,
  ]);
  section(doc, "Pagamentos", data.payments.map((p) =>
    `${when(p.createdAt)}: ${p.procedure}, ${money(p.amountCents)}, ${PAYMENT_STATUS[p.status] ?? p.status}`));
  for (const d of data.dependants ?? []) {
    section(doc, `Dependente: ${d.patient.name ?? "sem nome"} (${d.relationship ?? "dependente"})`, [
      `Nascimento: ${d.birthDate ? d.birthDate.split("-").reverse().join("/") : "não informado"}; CPF: ${d.patient.cpf ?? "não informado"}`,
      ...d.appointments.map((a) => `${when(a.startsAt)}: ${a.procedure} com ${a.professional}, ${APPOINTMENT_STATUS[a.status] ?? a.status}`),
      ...d.documents.map((x) => `${x.signedAt ? when(x.signedAt) : "sem data"}: ${DOCUMENT_KIND[x.kind] ?? x.kind}, código ${x.verificationCode}`),
      ...d.clinicalNotes.map((n) => `${when(n.createdAt)}: nota clínica de ${n.professional}`),
    ]);
  }
}

function section(doc: Pdf, title: string, lines: string[]): void {
  const width = contentWidth(doc);
  doc.x = MARGIN.side;
  doc.font("Helvetica-Bold").fontSize(11.5).fillColor(COLOR.accent).text(title, { width });
  doc.moveDown(0.2).font("Helvetica").fontSize(10).fillColor(COLOR.ink);
  if (lines.length === 0) doc.fillColor(COLOR.muted).text("Nenhum registro.", { width });
  for (const line of lines) doc.text(`•  ${line}`, { width, indent: 0 });
  doc.moveDown(0.8);
}
