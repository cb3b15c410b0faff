// Agreement and titles in what a patient reads about their documents: "A
// Dra. Ana Souza vai emitir seu atestado de 2 dias", never "Dr(a). Dra. Ana
// Souza ... 2 dia(s)"; the pharmacy's code only on a prescription.
import { describe, expect, it } from "vitest";
import { clinicEventTexts as c } from "./clinic-event-texts.js";
import { myDataTexts, professionalSubject } from "./my-data-texts.js";
import { CONSENT_TEXT_VERSION, patientTexts } from "./texts.js";

describe("document words for the patient", () => {
  it.each([
    ["Dra. Ana Souza", "A Dra. Ana Souza"],
    ["Dr. João Lima", "O Dr. João Lima"],
    ["Ana Souza", "Ana Souza"],
  ])("names %s as %s at the start of a sentence", (name, subject) => expect(professionalSubject(name)).toBe(subject));

  it("asks for the CID with the doctor's own title and the days agreeing", () => {
    expect(c.cidQuestion("Dra. Ana Souza", "J11", 2)).toMatch(/^A Dra\. Ana Souza vai emitir seu atestado de 2 dias e pediu/);
    expect(c.cidQuestion("Dr. João Lima", "J11", 1)).toMatch(/^O Dr\. João Lima vai emitir seu atestado de 1 dia e pediu/);
  });

  it("names the document in the caption, and the pharmacy only for a prescription", () => {
    expect(c.documentCaption("certificate", "Dra. Ana Souza", "ABC", "123456")).toBe(
      "Seu atestado, assinado digitalmente por Dra. Ana Souza. Código de verificação: ABC. Código de acesso: 123456.");
    expect(c.documentCaption("prescription", "Dra. Ana Souza", "ABC", "123456")).toContain("Código de acesso para a farmácia: 123456.");
  });

  it("says why the data is asked, with the document and the doctor", () => {
    expect(myDataTexts.requested("Dra. Ana Souza", ["cpf", "address"], "prescription")).toBe(
      "A Dra. Ana Souza precisa do seu CPF e do seu endereço para emitir sua receita, como a lei exige no documento.");
  });
});

describe("the consent text (CFM 2.454/2026)", () => {
  it("tells the patient that AI transcribes and organises consultations and that a doctor reviews everything, under a new version", () => {
    expect(patientTexts.consent("Clínica Demo")).toContain("A clínica usa inteligência artificial para transcrever e organizar as consultas; um médico revisa e confirma tudo");
    expect(CONSENT_TEXT_VERSION).toBe("2026-11-v2");
  });
});
