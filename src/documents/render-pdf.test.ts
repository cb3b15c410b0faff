import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { renderDocumentPdf, type RenderOptions } from "./render-pdf.js";
import { sampleCertificate, sampleExamRequest, samplePrescription } from "./test-fixtures.js";
import { pdftotext, runTool, writeTemp } from "./test-tools.js";
import { itNeeds, POPPLER } from "../../test/support/programs.js";

const withPoppler = itNeeds(...POPPLER);

const options: RenderOptions = { verificationCode: "K7M2Q9XA4T", verifyBaseUrl: "https://zelo.example/", testDocument: false };
const flat = (text: string) => text.replace(/\s+/g, " ");

describe("renderDocumentPdf", () => {
  it("renders the same bytes twice for the same input", async () => {
    const [first, second] = await Promise.all([renderDocumentPdf(sampleCertificate, options), renderDocumentPdf(sampleCertificate, options)]);
    expect(first.equals(second)).toBe(true);
  });

  withPoppler("writes Portuguese accents that pdftotext reads back", async () => {
    const text = flat(pdftotext(await renderDocumentPdf(sampleExamRequest, options)));
    for (const words of ["SOLICITAÇÃO DE EXAMES", "Clínica Saúde São João", "João Carlos da Conceição Araújo", "Indicação clínica"]) {
      expect(text).toContain(words);
    }
  });

  withPoppler("prints the prescription's items, patient address, doctor and signature line", async () => {
    const text = flat(pdftotext(await renderDocumentPdf(samplePrescription, options)));
    expect(text).toContain("RECEITUÁRIO");
    expect(text).toContain("Dipirona monoidratada 500 mg — comprimido");
    expect(text).toContain("a cada 6 (seis) horas");
    expect(text).toContain("Endereço: Avenida Paulista, 1.578");
    expect(text).toContain("CRM 123456/SP · RQE 45678 · Clínica Médica");
    expect(text).toContain("Assinado digitalmente por Dra. Ana Beatriz Souza — CRM 123456/SP");
  });

  withPoppler("dates the document in the clinic's zone and points the QR text at the verification URL", async () => {
    const text = flat(pdftotext(await renderDocumentPdf(sampleCertificate, options)));
    expect(text).toContain("São Paulo, 10 de março de 2026, às 10:30");
    expect(text).toContain("https://zelo.example/v/K7M2Q9XA4T");
    expect(text).toContain("K7M2Q9XA4T");
  });

  withPoppler("prints the days off in words and the CID with the patient's authorisation", async () => {
    const text = flat(pdftotext(await renderDocumentPdf(sampleCertificate, options)));
    expect(text).toContain("3 (três) dias de afastamento de suas atividades a partir de 10/03/2026");
    expect(text).toContain("CID-10: J11");
    expect(text).toContain("autorização expressa do(a) paciente");
  });

  withPoppler("carries the ITI health OIDs in the document information", async () => {
    const info = runTool("pdfinfo", ["-custom", writeTemp(await renderDocumentPdf(samplePrescription, options), "pdf")]);
    expect(info).toContain("2.16.76.1.12.1.1:Prescrição de medicamento");
    expect(info).toContain("2.16.76.1.4.2.2.1:123456");
    expect(info).toContain("2.16.76.1.4.2.2.2:SP");
    expect(info).toContain("2.16.76.1.4.2.2.3:Clínica Médica");
    const certificateInfo = runTool("pdfinfo", ["-custom", writeTemp(await renderDocumentPdf(sampleCertificate, options), "pdf")]);
    expect(certificateInfo).toContain("2.16.76.1.12.1.2:Atestado médico");
  });

  withPoppler("puts the test banner on every page of a test document, and none on a real one", async () => {
    const items = Array.from({ length: 14 }, (_, i) => ({ ...samplePrescription.items[0]!, genericName: `Medicamento ${i + 1}` }));
    const long = await renderDocumentPdf({ ...samplePrescription, items }, { ...options, testDocument: true });
    const pages = Number(/Pages:\s+(\d+)/.exec(runTool("pdfinfo", [writeTemp(long, "pdf")]))?.[1]);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page += 1) expect(pdftotext(long, page)).toContain("DOCUMENTO DE TESTE - SEM VALIDADE");
    expect(pdftotext(await renderDocumentPdf(samplePrescription, options))).not.toContain("DOCUMENTO DE TESTE");
  });

  it("refuses to render a draft with missing mandatory fields", async () => {
    const draft = { ...sampleCertificate, patient: { fullName: "Maria Silva" } };
    await expect(renderDocumentPdf(draft, options)).rejects.toThrow(AppError);
  });
});

describe("the access code beside the QR code", () => {
  withPoppler("prints the secret code a pharmacy or the ITI validator needs, next to the verification code", async () => {
    // The codes are letter-spaced, so pdftotext splits them; read without spaces.
    const text = pdftotext(await renderDocumentPdf(samplePrescription, { ...options, accessCode: "H4K7PZ" })).replace(/\s+/g, "");
    expect(text).toContain("Códigodeacesso:H4K7PZ");
    expect(flat(pdftotext(await renderDocumentPdf(samplePrescription, options)))).not.toContain("Código de acesso");
  });
});

describe("atestado wording", () => {
  withPoppler("names the consultation's date, and prints the hours of a certificate of attendance", async () => {
    const daysOff = flat(pdftotext(await renderDocumentPdf(sampleCertificate, options)));
    expect(daysOff).not.toContain("nesta data");
    expect(daysOff).toMatch(/foi atendido\(a\) por mim em \d{2}\/\d{2}\/\d{4}/);
    const attendance = { ...sampleCertificate, daysOff: 0, attendance: { date: "2026-03-10", from: "14:00", to: "15:00" } };
    const text = flat(pdftotext(await renderDocumentPdf(attendance, options)));
    expect(text).toContain("esteve em consulta médica comigo em 10/03/2026, das 14:00 às 15:00.");
    const hours = flat(pdftotext(await renderDocumentPdf({ ...attendance, attendance: { date: "2026-03-10", hours: 2 } }, options)));
    expect(hours).toContain("em 10/03/2026, por 2 (duas) horas.");
  });
});
