import type { ControlledDrug, PrescriptionItem } from "./document-types.js";

/** "Codeína 30 mg" becomes "codeina 30 mg": no accents, case or punctuation. */
export function normalizeDrugText(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
}

/**
 * The controlled drugs named in prescription items. A name matches as whole
 * words anywhere in the item, so "Amoxicilina 500 mg" and "amoxicilina +
 * clavulanato de potássio" both hit "amoxicilina", while "Levotiroxina" would
 * not hit a listed "tiroxina".
 */
export function findControlledDrugs(items: PrescriptionItem[], drugs: readonly ControlledDrug[]): ControlledDrug[] {
  const texts = items.map((item) => ` ${normalizeDrugText(`${item.genericName} ${item.strength} ${item.form}`)} `);
  return drugs.filter((drug) => {
    const name = ` ${normalizeDrugText(drug.name)} `;
    return name.trim() !== "" && texts.some((text) => text.includes(name));
  });
}
