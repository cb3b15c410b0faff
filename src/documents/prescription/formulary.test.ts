import { describe, expect, it } from "vitest";
import { checkDocument } from "../check-document.js";
import { controlledDrugsSeed } from "../controlled-drugs-seed.js";
import { findControlledDrugs } from "../find-controlled-drugs.js";
import { sampleDoctor, samplePatient } from "../test-fixtures.js";
import type { PrescriptionDraft, PrescriptionItem } from "../document-types.js";
import { BRANDS, SUBSTANCES } from "./formulary-data.js";
import { buildFormulary, builtInFormulary, displayName, editDistance, findDrugsInText, lookupDrug } from "./formulary.js";

const item = (genericName: string): PrescriptionItem => ({ genericName, strength: "2 mg", form: "comprimido", quantity: "30 comprimidos", instructions: "Tomar 1 comprimido à noite." });
const draft = (genericName: string): PrescriptionDraft => ({
  kind: "prescription", doctor: sampleDoctor, patient: samplePatient, issuedAt: new Date("2026-11-23T12:00:00Z"), timeZone: "America/Sao_Paulo", items: [item(genericName)],
});
function refusal(genericName: string): string {
  try {
    checkDocument(draft(genericName), controlledDrugsSeed);
  } catch (error) {
    return (error as Error).message;
  }
  return "issued";
}

describe("formulary lookup", () => {
  it.each([
    ["Rivotril", "clonazepam", "exact"],
    ["rivotril", "clonazepam", "exact"],
    ["Clonazepan", "clonazepam", "typo"],
    ["Rivotirl", "clonazepam", "typo"],
    ["metamizol", "dipirona", "exact"],
    ["Novalgina", "dipirona", "exact"],
    ["acetaminofeno", "paracetamol", "exact"],
    ["Amoxicilna", "amoxicilina", "typo"],
    ["losartan", "losartana", "exact"],
    ["AAS", "ácido acetilsalicílico", "exact"],
  ])("reads %s as %s (%s)", (written, substance, match) => {
    const found = lookupDrug(builtInFormulary, written);
    expect(found?.entry.substances).toContain(substance);
    expect(found?.match).toBe(match);
  });

  it.each(["Xyzol", "AAX", "febre", "Zumbalax"])("does not guess a drug for %s", (written) => {
    expect(lookupDrug(builtInFormulary, written)).toBeUndefined();
  });

  it("allows no typo in short names, one up to 8 letters and two beyond", () => {
    expect(lookupDrug(builtInFormulary, "Azy")).toBeUndefined();
    expect(lookupDrug(builtInFormulary, "Amoxl")?.entry.name).toBe("Amoxil");
    expect(editDistance("clonazepan", "clonazepam")).toBe(1);
    expect(editDistance("rivotirl", "rivotril")).toBe(1);
  });

  it("prints the substance and keeps the brand the doctor wrote", () => {
    expect(displayName(lookupDrug(builtInFormulary, "Rivotril")!.entry, "Rivotril")).toBe("Clonazepam (Rivotril)");
    expect(displayName(lookupDrug(builtInFormulary, "Clavulin")!.entry, "Clavulin")).toBe("Amoxicilina + clavulanato de potássio (Clavulin)");
    expect(displayName(lookupDrug(builtInFormulary, "dipirona")!.entry, "dipirona")).toBe("Dipirona");
  });

  it("finds brands and multi-word names inside a line", () => {
    const found = findDrugsInText(builtInFormulary, "Buscopan Composto 1 cp e Carbonato de lítio 300 mg");
    expect(found.map((f) => f.entry.name)).toEqual(["Buscopan Composto", "carbonato de lítio"]);
  });

  it("adds an admin's brand and hides a built-in one turned off", () => {
    const formulary = buildFormulary([{ name: "Clonotril", substances: ["clonazepam"], active: true }, { name: "Amoxil", substances: ["amoxicilina"], active: false }]);
    expect(lookupDrug(formulary, "Clonotril")?.entry.substances).toEqual(["clonazepam"]);
    expect(lookupDrug(formulary, "Amoxil")).toBeUndefined();
  });

  it("maps every brand to a substance the formulary knows", () => {
    const known = new Set(SUBSTANCES.map((substance) => substance.name));
    expect(BRANDS.flatMap(([, substances]) => substances).filter((substance) => !known.has(substance))).toEqual([]);
  });

  it("knows every substance of the controlled seed by name", () => {
    const missing = controlledDrugsSeed.filter((drug) => !lookupDrug(builtInFormulary, drug.name));
    expect(missing.map((drug) => drug.name)).toEqual([]);
  });
});

describe("controlled drugs written as brands or misspelt", () => {
  it.each([
    ["Rivotril", /clonazepam \(B1\), escrito como Rivotril, exige Notificação de Receita/],
    ["Clonazepan", /clonazepam \(B1\), escrito como Clonazepan,/],
    ["Mirtazapina", /mirtazapina \(C1\) exige receita de controle especial/],
    ["Remeron", /mirtazapina \(C1\), escrito como Remeron,/],
    ["Amoxil", /amoxicilina \(RDC 471\/2021\), escrito como Amoxil,.*SNCR/],
    ["Clavulin", /amoxicilina \(RDC 471\/2021\), escrito como Clavulin,/],
    ["Clonazepam (Rivotril)", /clonazepam \(B1\)/],
    ["Tylex", /codeína \(A2\), escrito como Tylex,/],
    ["Venvanse", /lisdexanfetamina \(A3\)/],
    ["Ozempic", /semaglutida \(retenção GLP-1\)/],
  ])("refuses %s naming the substance and its list", (written, reason) => {
    expect(refusal(written)).toMatch(/^Não posso emitir esta receita: /);
    expect(refusal(written)).toMatch(reason);
  });

  it.each(["Losartana", "Dipirona (Novalgina)", "Paracetamol (Tylenol)", "Ibuprofeno", "Cloridrato de metformina", "Levotiroxina"])("lets %s through", (written) => {
    expect(findControlledDrugs([item(written)], controlledDrugsSeed)).toEqual([]);
  });

  it("resolves a brand an admin added", () => {
    const formulary = buildFormulary([{ name: "Calmazep", substances: ["clonazepam"], active: true }]);
    expect(findControlledDrugs([item("Calmazep")], controlledDrugsSeed, formulary).map((drug) => drug.name)).toEqual(["clonazepam"]);
  });
});
