import { describe, expect, it } from "vitest";
import { itNeeds, POPPLER } from "../../test/support/programs.js";
import { pdftotext } from "../documents/test-tools.js";
import type { PatientExport } from "./export-patient-data.js";
import { localDateTime, renderExportPdf } from "./render-export-pdf.js";

const withPoppler = itNeeds(...POPPLER);
const flat = (text: string) => text.replace(/\s+/g, " ");

const sample: PatientExport = {
  generatedAt: "2026-11-29T17:30:00.000Z",
  clinic: { name: "Clínica Boa Saúde", timeZone: "America/Sao_Paulo" },
  patient: { name: "Helena Conceição Prado", phone: "+5511972000001", cpf: null, createdAt: "2026-11-23T12:00:00.000Z" },
  consents: [
    { purpose: "atendimento", textVersion: "2026-11-v1", granted: true, recordedAt: "2026-11-23T12:00:00.000Z" },
    { purpose: "atendimento", textVersion: "2026-11-v1", granted: false, recordedAt: "2026-11-28T02:10:00.000Z" },
  ],
  appointments: [{ startsAt: "2026-11-24T13:00:00.000Z", status: "completed", procedure: "Consulta", professional: "Dra. Ana Lima" }],
  documents: [{ kind: "exam_request", status: "signed", signedAt: "2026-11-24T13:40:00.000Z", verificationCode: "K7M2Q9XA4T" }],
  clinicalNotes: [{
    createdAt: "2026-11-24T13:35:00.000Z", professional: "Dra. Ana Lima", aiAssisted: true,
    versions: [
      { version: 1, kind: "note", createdAt: "2026-11-24T13:35:00.000Z", professional: "Dra. Ana Lima", aiAssisted: true, aiModel: "gpt-4o-2024-08-06",
        aiStructuredAt: "2026-11-24T13:34:00.000Z", reviewedBy: "Dra. Ana Lima", reviewedAt: "2026-11-24T13:35:00.000Z" },
      { version: 2, kind: "addendum", createdAt: "2026-11-25T13:00:00.000Z", professional: "Dra. Ana Lima", aiAssisted: false, aiModel: null,
        aiStructuredAt: null, reviewedBy: "Dra. Ana Lima", reviewedAt: "2026-11-25T13:00:00.000Z" },
    ],
  }],
  clinicalNotesPolicy: "As notas clínicas estão listadas; o conteúdo completo do prontuário pode ser pedido à clínica.",
  messages: { fromPatient: 7, toPatient: 9 },
  payments: [{ createdAt: "2026-11-23T12:05:00.000Z", amountCents: 25000, status: "approved", procedure: "Consulta" }],
};

describe("the 'meus dados' PDF", () => {
  it.each([
    ["2026-11-29T17:30:00Z", "America/Sao_Paulo", "29/11/2026 14:30"],
    ["2026-11-28T02:10:00Z", "America/Sao_Paulo", "27/11/2026 23:10"],
    ["2026-11-28T02:10:00Z", "America/Manaus", "27/11/2026 22:10"],
  ])("writes %s in %s as %s", (iso, zone, expected) => {
    expect(localDateTime(iso, zone)).toBe(expected);
  });

  it("renders the same bytes twice for the same export", async () => {
    const [first, second] = await Promise.all([renderExportPdf(sample), renderExportPdf(sample)]);
    expect(first.equals(second)).toBe(true);
  });

  withPoppler("reads in Portuguese, every section with its facts in the clinic's time", async () => {
    const text = flat(pdftotext(await renderExportPdf(sample)));
    for (const expected of [
      "Helena Conceição Prado", "Gerado em 29/11/2026 14:30",
      "Dados cadastrais", "Consentimentos", "27/11/2026 23:10: recusado ou revogado",
      "Consultas", "24/11/2026 10:00: Consulta com Dra. Ana Lima, realizada",
      "Documentos emitidos", "Solicitação de exames, assinado, código K7M2Q9XA4T",
      "24/11/2026 10:35: nota clínica de Dra. Ana Lima (organizada com IA, modelo gpt-4o-2024-08-06, revisada e confirmada por Dra. Ana Lima), 1 adendo",
      "Mensagens suas guardadas: 7", "Pagamentos", "R$ 250,00, aprovado",
    ]) expect(text).toContain(expected);
  });
});
