import type { ControlledDrug, PrescriptionItem } from "./document-types.js";
import { builtInFormulary, findDrugsInText, normalizeDrugText, type Formulary } from "./prescription/formulary.js";

export { normalizeDrugText } from "./prescription/formulary.js";

/** A listed drug found in an item, and the name the doctor wrote when it was a brand or a misspelling. */
export type ControlledMatch = ControlledDrug & { writtenAs?: string };

/**
 * The controlled drugs named in prescription items. A listed name matches as
 * whole words anywhere in the item, so "Amoxicilina 500 mg" and "amoxicilina
 * + clavulanato de potássio" both hit "amoxicilina", while "Levotiroxina"
 * would not hit a listed "tiroxina". Brands, synonyms and misspellings are
 * resolved through the formulary first: "Rivotril" and "Clonazepan" hit
 * clonazepam, "Clavulin" hits amoxicilina, "Tylex" hits codeína.
 */
export function findControlledDrugs(
  items: PrescriptionItem[], drugs: readonly ControlledDrug[], formulary: Formulary = builtInFormulary,
): ControlledMatch[] {
  const texts = items.map((item) => `${item.genericName} ${item.strength} ${item.form}`);
  const resolved = texts.flatMap((text) => findDrugsInText(formulary, text)).flatMap((found) =>
    found.entry.substances.map((substance) => ({ text: ` ${normalizeDrugText(substance)} `, writtenAs: found.entry.kind === "substance" && found.match === "exact" ? undefined : found.written })));
  const written = texts.map((text) => ({ text: ` ${normalizeDrugText(text)} `, writtenAs: undefined }));
  const matches: ControlledMatch[] = [];
  for (const drug of drugs) {
    const name = ` ${normalizeDrugText(drug.name)} `;
    if (name.trim() === "") continue;
    const hit = written.find((entry) => entry.text.includes(name)) ?? resolved.find((entry) => entry.text.includes(name));
    if (hit) matches.push(hit.writtenAs ? { ...drug, writtenAs: writtenOriginal(texts, hit.writtenAs) } : drug);
  }
  return matches;
}

/** The doctor's own spelling of a normalised word ("rivotril" -> "Rivotril"). */
function writtenOriginal(texts: string[], normalized: string): string {
  for (const text of texts) {
    const word = text.split(/\s+/).find((candidate) => normalizeDrugText(candidate) === normalized);
    if (word) return word;
  }
  return normalized;
}
