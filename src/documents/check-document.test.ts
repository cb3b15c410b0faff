import { describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { checkDocument, listMissingFields } from "./check-document.js";
import { controlledDrugsSeed } from "./controlled-drugs-seed.js";
import type { PrescriptionDraft, PrescriptionItem } from "./document-types.js";
import { sampleCertificate, sampleExamRequest, samplePrescription } from "./test-fixtures.js";

function caught(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

const withItem = (item: Partial<PrescriptionItem>): PrescriptionDraft => ({
  ...samplePrescription,
  items: [{ genericName: "", strength: "500 mg", form: "cápsula", quantity: "21 cápsulas", instructions: "Tomar 1 cápsula a cada 8 horas.", ...item }],
});

describe("checkDocument", () => {
  it("accepts the complete sample prescription, atestado and exam request", () => {
    for (const draft of [samplePrescription, sampleCertificate, sampleExamRequest]) {
      expect(() => checkDocument(draft, controlledDrugsSeed)).not.toThrow();
    }
  });

  it("blocks a document whose patient has no CPF and names the CPF as missing", () => {
    const draft = { ...sampleCertificate, patient: { fullName: "Maria Silva" } };
    const error = caught(() => checkDocument(draft, controlledDrugsSeed));
    expect(error.code).toBe("document_incomplete");
    expect(error.message).toContain("CPF do paciente");
    expect(error.details?.missing).toEqual(["CPF do paciente (ou outro documento de identidade)"]);
  });

  it("accepts another identity document for a patient without CPF", () => {
    const draft = { ...sampleCertificate, patient: { fullName: "Maria Silva", otherDocument: "RG 12.345.678-9 SSP/SP" } };
    expect(listMissingFields(draft)).toEqual([]);
  });

  it("rejects a CPF whose check digits are wrong", () => {
    const draft = { ...sampleExamRequest, patient: { ...sampleExamRequest.patient, cpf: "529.982.247-26" } };
    expect(listMissingFields(draft)).toEqual(["CPF do paciente (número inválido)"]);
  });

  it("asks for the patient's address on prescriptions only", () => {
    const patient = { fullName: "Maria Silva", cpf: "52998224725" };
    expect(listMissingFields({ ...samplePrescription, patient })).toEqual(["endereço do paciente"]);
    expect(listMissingFields({ ...sampleExamRequest, patient })).toEqual([]);
  });

  it("names each missing part of a prescription item and of the doctor", () => {
    const draft = withItem({ genericName: "Dipirona", instructions: " " });
    const doctor = { ...draft.doctor, rqe: undefined, phone: undefined, email: undefined };
    expect(listMissingFields({ ...draft, doctor })).toEqual([
      "RQE da especialidade", "telefone ou e-mail do consultório", "modo de usar do item 1",
    ]);
  });

  it("requires the patient's authorisation before a CID is printed", () => {
    expect(listMissingFields({ ...sampleCertificate, cidAuthorized: false })).toEqual(["autorização do paciente para o CID"]);
    expect(listMissingFields({ ...sampleCertificate, cid10: undefined, cidAuthorized: false })).toEqual([]);
  });

  it("refuses Amoxicilina 500 mg as an antimicrobial that needs SNCR", () => {
    const error = caught(() => checkDocument(withItem({ genericName: "Amoxicilina" }), controlledDrugsSeed));
    expect(error.code).toBe("document_blocked");
    expect(error.message).toMatch(/amoxicilina \(RDC 471\/2021\).*SNCR/);
  });

  it.each([
    ["Amoxicilina 500 mg", "amoxicilina"],
    ["amoxicilina + clavulanato de potássio", "amoxicilina"],
    ["CODEINA", "codeína"],
    ["Paracetamol + Codeína", "codeína"],
    ["Clonazepam", "clonazepam"],
    ["Ácido valproico", "ácido valproico"],
    ["Isotretinoína", "isotretinoína"],
  ])("finds %s in the controlled list as %s", (genericName, listed) => {
    const error = caught(() => checkDocument(withItem({ genericName }), controlledDrugsSeed));
    expect((error.details?.drugs as { name: string }[]).map((d) => d.name)).toContain(listed);
  });

  it("says a notification-class drug can never be issued here", () => {
    const error = caught(() => checkDocument(withItem({ genericName: "Zolpidem" }), controlledDrugsSeed));
    expect(error.message).toContain("Notificação de Receita");
  });

  it.each(["Levotiroxina", "Dipirona monoidratada", "Loratadina"])("lets %s through", (genericName) => {
    expect(() => checkDocument(withItem({ genericName }), controlledDrugsSeed)).not.toThrow();
  });

  it("uses the list it is given rather than the seed", () => {
    expect(() => checkDocument(withItem({ genericName: "Amoxicilina" }), [])).not.toThrow();
    const custom = [{ name: "loratadina", class: "special_control" as const, list: "C1", rule: "sncr_only" as const }];
    expect(caught(() => checkDocument(withItem({ genericName: "Loratadina" }), custom)).code).toBe("document_blocked");
  });
});
