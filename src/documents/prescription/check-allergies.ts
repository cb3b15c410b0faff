// Warns when a prescribed drug matches a recorded allergy: by substance
// ("dipirona"), synonym or brand ("metamizol", "Novalgina" are dipirona) and
// class where the formulary knows it (amoxicilina is a penicillin, ibuprofeno
// an NSAID). Pure; allergies are the free text of the patient's notes.
import { builtInFormulary, classWords, classesOf, findDrugsInText, normalizeDrugText, type DrugClass, type Formulary } from "./formulary.js";

export interface AllergyWarning {
  /** 0-based position of the item. */
  item: number;
  /** The allergy as recorded: "Alergias – dipirona". */
  allergy: string;
  /** The substance of the item that matched. */
  substance: string;
  /** The class shared, when the match is by class ("penicilinas"). */
  drugClass?: DrugClass;
}

const NO_ALLERGY = /\b(?:nega|negou|nenhuma|sem alergias?|nao tem|nao possui|desconhece)\b/;

interface AllergyReading {
  text: string;
  substances: Set<string>;
  classes: Set<DrugClass>;
}

function readAllergy(text: string, formulary: Formulary): AllergyReading | undefined {
  const normalized = ` ${normalizeDrugText(text)} `;
  if (NO_ALLERGY.test(normalized)) return undefined;
  const substances = new Set(findDrugsInText(formulary, text).flatMap((found) => found.entry.substances));
  const classes = new Set<DrugClass>();
  for (const [word, named] of classWords) if (normalized.includes(` ${word} `)) named.forEach((c) => classes.add(c));
  // An allergy to one drug warns of the drugs of its class too: amoxicilina -> ampicilina.
  for (const substance of substances) classesOf(formulary, substance).forEach((c) => classes.add(c));
  return substances.size + classes.size > 0 ? { text: text.trim(), substances, classes } : undefined;
}

export function checkAllergies(
  allergies: readonly string[], items: readonly { substances: readonly string[] }[], formulary: Formulary = builtInFormulary,
): AllergyWarning[] {
  const readings = allergies.map((text) => readAllergy(text, formulary)).filter((r): r is AllergyReading => r !== undefined);
  const warnings: AllergyWarning[] = [];
  items.forEach((item, index) => {
    for (const substance of item.substances) {
      for (const reading of readings) {
        if (reading.substances.has(substance)) {
          warnings.push({ item: index, allergy: reading.text, substance });
          continue;
        }
        const shared = classesOf(formulary, substance).find((c) => reading.classes.has(c));
        if (shared) warnings.push({ item: index, allergy: reading.text, substance, drugClass: shared });
      }
    }
  });
  return warnings;
}
