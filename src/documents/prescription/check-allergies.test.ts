import { describe, expect, it } from "vitest";
import { checkAllergies } from "./check-allergies.js";
import { parsePrescription } from "./parse-prescription.js";

const warn = (allergies: string[], prescription: string) =>
  checkAllergies(allergies, parsePrescription(prescription)).map((w) => ({ item: w.item, substance: w.substance, drugClass: w.drugClass }));

describe("checkAllergies", () => {
  it.each([
    ["warns of dipirona recorded as 'Alergias – dipirona'", ["Alergias – dipirona"], "Novalgina 1 g 6/6h se dor", [{ item: 0, substance: "dipirona", drugClass: undefined }]],
    ["reads metamizol as dipirona", ["alérgica a metamizol"], "dipirona 500 mg 1 cp 6/6h", [{ item: 0, substance: "dipirona", drugClass: undefined }]],
    ["warns of a penicillin when 'alérgico a penicilina' is recorded", ["alérgico a penicilina"], "amoxicilina 500 mg 1 cp 8/8h 7 dias", [{ item: 0, substance: "amoxicilina", drugClass: "penicilinas" }]],
    ["warns of a penicillin given by brand", ["Penicilina"], "Clavulin 875 mg 1 cp 12/12h 7 dias", [{ item: 0, substance: "amoxicilina", drugClass: "penicilinas" }]],
    ["warns of every NSAID when 'AINEs' is recorded", ["AINEs"], "ibuprofeno 600 mg 8/8h\nparacetamol 750 mg 6/6h", [{ item: 0, substance: "ibuprofeno", drugClass: "aines" }]],
    ["warns of sulfa in Bactrim", ["sulfa"], "Bactrim 1 cp 12/12h 7 dias", [{ item: 0, substance: "sulfametoxazol", drugClass: "sulfonamidas" }]],
    ["warns of another drug of the class of the recorded one", ["amoxicilina"], "ampicilina 500 mg 6/6h 7 dias", [{ item: 0, substance: "ampicilina", drugClass: "penicilinas" }]],
    ["says nothing when the patient denies allergies", ["Nega alergias medicamentosas"], "dipirona 1 g 6/6h", []],
    ["says nothing about an unrelated allergy", ["camarão", "dipirona"], "losartana 50 mg 1x ao dia", []],
    ["names the item that matches, not the first", ["AAS"], "paracetamol 750 mg 6/6h\nAAS 100 mg 1 cp ao dia", [{ item: 1, substance: "ácido acetilsalicílico", drugClass: undefined }]],
  ])("%s", (_name, allergies, prescription, expected) => {
    expect(warn(allergies, prescription)).toEqual(expected);
  });
});
