import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeDrugText } from "./formulary.js";
import { formatStrength, parsePrescription, splitItems } from "./parse-prescription.js";
import type { ParsedItem } from "./prescription-item.js";

type Expected = Partial<ParsedItem>;
const every6h = { kind: "interval", hours: 6 } as const;
const every8h = { kind: "interval", hours: 8 } as const;
const every12h = { kind: "interval", hours: 12 } as const;
const daily = (times: number) => ({ kind: "perDay", times }) as const;
const cp = (amount = 1) => ({ amount, unit: "comprimido" });
const caps = (amount = 1) => ({ amount, unit: "capsula" });

// Lines as doctors type them in a chat, each with the items it must yield.
const LINES: [string, Expected[]][] = [
  ["paracetamol 750 mg, 1 comprimido de 6 em 6 horas se dor ou febre, por 3 dias", [{ genericName: "Paracetamol", strength: "750 mg", form: "comprimido", dose: cp(), frequency: every6h, asNeeded: "se dor ou febre", durationDays: 3, quantity: "12 comprimidos", posology: "Tomar 1 comprimido de 6 em 6 horas, se dor ou febre, por 3 dias." }]],
  ["dipirona 1 g 6/6h se dor por 3 dias", [{ genericName: "Dipirona", strength: "1 g", form: "", frequency: every6h, asNeeded: "se dor", durationDays: 3, quantity: "", posology: "Tomar 1 g de 6 em 6 horas, se dor, por 3 dias." }]],
  ["amoxicilina 500mg 1 cp 8/8h 7 dias", [{ genericName: "Amoxicilina", strength: "500 mg", form: "comprimido", dose: cp(), frequency: every8h, durationDays: 7, quantity: "21 comprimidos" }]],
  ["losartana 50 mg 1x ao dia uso contínuo", [{ genericName: "Losartana", strength: "50 mg", frequency: daily(1), continuous: true, posology: "Tomar 50 mg 1 vez ao dia, uso contínuo." }]],
  ["losartana 50 mg 1 cp 1x/dia uso continuo", [{ genericName: "Losartana", dose: cp(), frequency: daily(1), continuous: true, quantity: "30 comprimidos", quantityComputed: true }]],
  ["Rivotril 2 mg, 1 comprimido à noite", [{ genericName: "Clonazepam (Rivotril)", substances: ["clonazepam"], strength: "2 mg", dose: cp(), timing: "à noite", posology: "Tomar 1 comprimido à noite." }]],
  ["Mirtazapina 30 mg 1 cp ao deitar por 30 dias", [{ genericName: "Mirtazapina", strength: "30 mg", dose: cp(), timing: "ao deitar", durationDays: 30, quantity: "30 comprimidos" }]],
  ["Clonazepan 0,5 mg 1/2 cp ao deitar", [{ genericName: "Clonazepam", writtenName: "Clonazepan", match: "typo", strength: "0,5 mg", dose: cp(0.5), posology: "Tomar 1/2 comprimido ao deitar." }]],
  ["Amoxil 500 mg 1 cápsula de 8 em 8 horas por 7 dias", [{ genericName: "Amoxicilina (Amoxil)", form: "cápsula", dose: caps(), frequency: every8h, quantity: "21 cápsulas" }]],
  ["Clavulin 875 mg 1 cp 12/12h por 7d", [{ genericName: "Amoxicilina + clavulanato de potássio (Clavulin)", dose: cp(), frequency: every12h, durationDays: 7, quantity: "14 comprimidos" }]],
  ["amoxicilina + clavulanato 875 mg + 125 mg 1 cp 12/12h 7 dias", [{ genericName: "Amoxicilina + clavulanato", substances: ["amoxicilina", "clavulanato de potássio"], strength: "875 mg + 125 mg", quantity: "14 comprimidos" }]],
  ["ibuprofeno 600mg 1 cp 8/8h se dor x 5 dias", [{ genericName: "Ibuprofeno", strength: "600 mg", asNeeded: "se dor", durationDays: 5, quantity: "15 comprimidos" }]],
  ["Dipirona 500 mg comprimido; 10 comprimidos; tomar 1 comprimido de 6 em 6 horas se dor", [{ genericName: "Dipirona", form: "comprimido", quantity: "10 comprimidos", quantityComputed: false, dose: cp(), frequency: every6h, asNeeded: "se dor" }]],
  ["Amoxicilina 500 mg cápsula; 21 cápsulas; tomar 1 cápsula de 8 em 8 horas por 7 dias", [{ genericName: "Amoxicilina", form: "cápsula", quantity: "21 cápsulas", durationDays: 7 }]],
  ["dipirona gotas 500mg/ml 40 gts 6/6h se febre", [{ strength: "500 mg/mL", form: "gotas", dose: { amount: 40, unit: "gota" }, asNeeded: "se febre", quantity: "", posology: "Tomar 40 gotas de 6 em 6 horas, se febre." }]],
  ["omeprazol 20 mg 1 cp em jejum por 30 dias", [{ genericName: "Omeprazol", timing: "em jejum", quantity: "30 comprimidos" }]],
  ["azitromicina 500 mg 1 cp 1x ao dia por 3 dias", [{ genericName: "Azitromicina", frequency: daily(1), quantity: "3 comprimidos" }]],
  ["Zitromax 500mg 1cp/dia 5 dias", [{ genericName: "Azitromicina (Zitromax)", dose: cp(), durationDays: 5 }]],
  ["cefalexina 500 mg 1 caps 6/6h por 10 dias", [{ genericName: "Cefalexina", dose: caps(), quantity: "40 cápsulas" }]],
  ["Keflex 500mg 1 cp de 6/6 h por 7 dias", [{ genericName: "Cefalexina (Keflex)", frequency: every6h, quantity: "28 comprimidos" }]],
  ["prednisona 20 mg 2 cp pela manhã por 5 dias", [{ genericName: "Prednisona", dose: cp(2), timing: "pela manhã", quantity: "10 comprimidos" }]],
  ["metformina 850 mg 1 cp 2x ao dia após as refeições uso contínuo", [{ genericName: "Metformina", frequency: daily(2), timing: "após as refeições", continuous: true, quantity: "60 comprimidos" }]],
  ["sinvastatina 20 mg 1 cp à noite uso contínuo", [{ timing: "à noite", continuous: true, quantity: "30 comprimidos" }]],
  ["levotiroxina 50 mcg 1 cp em jejum uso contínuo", [{ strength: "50 mcg", timing: "em jejum", quantity: "30 comprimidos" }]],
  ["ondansetrona 8 mg 1 cp 8/8h se náusea", [{ genericName: "Ondansetrona", asNeeded: "se náusea", quantity: "" }]],
  ["dipirona 1g 1 cp 6/6h SOS", [{ asNeeded: "se necessário", frequency: every6h }]],
  ["paracetamol 500 mg 1 cp 6/6h s/n por 2 dias", [{ asNeeded: "se necessário", durationDays: 2, quantity: "8 comprimidos" }]],
  ["loratadina 10mg 1 cp 1x/dia por 7d", [{ genericName: "Loratadina", frequency: daily(1), quantity: "7 comprimidos" }]],
  ["nimesulida 100 mg 1 cp 12/12h por 5 dias", [{ frequency: every12h, quantity: "10 comprimidos" }]],
  ["ciprofloxacino 500 mg 1 cp bid 7 dias", [{ frequency: daily(2), quantity: "14 comprimidos" }]],
  ["cetoprofeno 100 mg 1 cp tid por 3 dias", [{ frequency: daily(3), quantity: "9 comprimidos" }]],
  ["amoxicilina 250mg/5ml suspensão 5 ml de 8 em 8 horas por 10 dias", [{ strength: "250 mg/5 mL", form: "suspensão oral", dose: { amount: 5, unit: "ml" }, quantity: "", posology: "Tomar 5 mL de 8 em 8 horas, por 10 dias." }]],
  ["ivermectina 6 mg 2 cp dose única", [{ frequency: { kind: "once" }, quantity: "2 comprimidos", posology: "Tomar 2 comprimidos em dose única." }]],
  ["albendazol 400 mg 1 cp dose unica", [{ quantity: "1 comprimido" }]],
  ["diclofenaco 50 mg 1 cp VO 8/8h por 5 dias", [{ route: "via oral", posology: "Tomar 1 comprimido por via oral de 8 em 8 horas, por 5 dias." }]],
  ["Dexametasona 4 mg/ml 1 ampola IM dose única", [{ route: "via intramuscular", dose: { amount: 1, unit: "ampola" }, quantity: "1 ampola", posology: "Aplicar 1 ampola por via intramuscular em dose única." }]],
  ["cetoconazol creme aplicar 2x ao dia por 14 dias", [{ genericName: "Cetoconazol", form: "creme", frequency: daily(2), durationDays: 14, quantity: "", posology: "Aplicar 2 vezes ao dia, por 14 dias." }]],
  ["salbutamol 100 mcg 2 jatos 6/6h se falta de ar", [{ dose: { amount: 2, unit: "jato" }, asNeeded: "se falta de ar", posology: "Aplicar 2 jatos de 6 em 6 horas, se falta de ar." }]],
  ["Tylenol 750 1 cp de 8 em 8 horas", [{ genericName: "Paracetamol (Tylenol)", frequency: every8h }]],
  ["Novalgina 1 g 1 cp 6/6h se dor ou febre por 2 dias", [{ genericName: "Dipirona (Novalgina)", quantity: "8 comprimidos" }]],
  ["Alivium 600 mg 1 cp 8/8h se dor", [{ genericName: "Ibuprofeno (Alivium)", asNeeded: "se dor" }]],
  ["AAS 100 mg 1 cp ao dia após o almoço uso contínuo", [{ genericName: "Ácido acetilsalicílico (AAS)", timing: "após o almoço", continuous: true }]],
  ["sertralina 50 mg 1 cp pela manhã por 30 dias", [{ genericName: "Sertralina", quantity: "30 comprimidos" }]],
  ["fluconazol 150 mg 1 cáps dose única", [{ form: "cápsula", quantity: "1 cápsula" }]],
  ["dipirona 500 mg 1 cp a cada 6 horas se dor por 3 dias", [{ frequency: every6h, quantity: "12 comprimidos" }]],
  ["amoxicilina 500 mg 21 caps 1 cap 8/8h por 7 dias", [{ quantity: "21 cápsulas", quantityComputed: false, dose: caps() }]],
  ["omeprazol 20mg 1 cx 1 cp em jejum", [{ quantity: "1 caixa", timing: "em jejum" }]],
  ["Xyzoplex 10 mg 1 cp ao dia", [{ genericName: "Xyzoplex", unknownDrug: true, match: "unknown" }]],
  // Several drugs on one line
  ["dipirona 1 g 6/6h se dor e ibuprofeno 600 mg 8/8h por 3 dias", [{ genericName: "Dipirona", asNeeded: "se dor" }, { genericName: "Ibuprofeno", durationDays: 3 }]],
  ["losartana 50 mg 1 cp 1x ao dia; hidroclorotiazida 25 mg 1 cp pela manhã", [{ genericName: "Losartana" }, { genericName: "Hidroclorotiazida", timing: "pela manhã" }]],
  ["paracetamol 750 mg 1 cp 6/6h se dor ou febre, dipirona 1 g 6/6h se febre", [{ genericName: "Paracetamol", asNeeded: "se dor ou febre" }, { genericName: "Dipirona", asNeeded: "se febre" }]],
  ["1) amoxicilina 500 mg 1 cp 8/8h 7 dias\n2) ibuprofeno 400 mg 1 cp 8/8h se dor 3 dias\n3) dipirona 500 mg 1 cp 6/6h se febre", [{ genericName: "Amoxicilina" }, { genericName: "Ibuprofeno", durationDays: 3 }, { genericName: "Dipirona" }]],
  ["sulfametoxazol e trimetoprima 800 mg + 160 mg 1 cp 12/12h 7 dias", [{ genericName: "Sulfametoxazol e trimetoprima", substances: ["sulfametoxazol", "trimetoprima"], quantity: "14 comprimidos" }]],
];

describe("parsePrescription", () => {
  it.each(LINES)("reads %j", (line, expected) => {
    const items = parsePrescription(line);
    expect(items).toHaveLength(expected.length);
    expected.forEach((fields, index) => expect(items[index]).toMatchObject(fields));
  });

  it("has at least 40 real-world lines in its table", () => expect(LINES.length).toBeGreaterThanOrEqual(40));

  it("keeps what it did not understand, word for word, in the posology", () => {
    const [item] = parsePrescription("amoxicilina 500 mg 1 cp 8/8h 7 dias, não interromper");
    expect(item).toMatchObject({ extra: "não interromper", posology: "Tomar 1 comprimido de 8 em 8 horas, por 7 dias, não interromper." });
  });

  it("does not split 'dor e febre' or '+ clavulanato' into drugs", () => {
    expect(splitItems("dipirona 1 g 6/6h se dor e febre")).toHaveLength(1);
    expect(splitItems("amoxicilina + clavulanato 875 mg 12/12h")).toHaveLength(1);
  });

  it("writes strengths the Brazilian way", () => {
    expect(formatStrength("15mg/5ml")).toBe("15 mg/5 mL");
    expect(formatStrength("100ui/ml")).toBe("100 UI/mL");
  });

  it("never prints a drug name that is not in the text", () => {
    const words = fc.constantFrom("dipirona", "Rivotril", "500", "mg", "cp", "8/8h", "e", ",", ";", "\n", "se", "dor", "por", "7", "dias", "xpto", "+", "clavulanato", "Clonazepan", "uso", "contínuo", "gts", "1", "x");
    fc.assert(fc.property(fc.array(fc.oneof(words, fc.string({ maxLength: 8 })), { maxLength: 20 }), (parts) => {
      const text = parts.join(" ");
      const folded = ` ${normalizeDrugText(text)} `;
      for (const item of parsePrescription(text)) {
        if (item.writtenName === "") {
          expect(item.genericName).toBe("");
          continue;
        }
        expect(folded).toContain(` ${normalizeDrugText(item.writtenName)} `);
        if (item.match === "unknown") expect(normalizeDrugText(item.genericName)).toBe(normalizeDrugText(item.writtenName));
        else expect(item.substances.length).toBeGreaterThan(0);
        const printed = normalizeDrugText(item.genericName);
        const allowed = normalizeDrugText(`${item.substances.join(" ")} ${item.writtenName}`).split(" ");
        expect(printed.split(" ").filter((word) => word !== "" && !allowed.includes(word))).toEqual([]);
      }
    }), { numRuns: 500 });
  });
});
