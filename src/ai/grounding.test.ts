import { describe, expect, it } from "vitest";
import { emptyNote, type ClinicalNote, type Medication } from "./clinical-note.js";
import { groundNote, normalizeSpoken } from "./grounding.js";

const TRANSCRIPT =
  "Paciente com dor de garganta há três dias, febre de 38 graus. Orofaringe hiperemiada. " +
  "Hipótese: faringite viral, CID J02.9. Prescrevo dipirona 500 mg, um comprimido de 6 em 6 horas por 3 dias. " +
  "Alérgica a penicilina. Retorno em 7 dias.";

const med = (overrides: Partial<Medication>): Medication => ({
  name: "dipirona", strength: "500 mg", form: null, dose: "um comprimido", route: null,
  frequency: "de 6 em 6 horas", duration: "por 3 dias", evidence: "dipirona 500 mg, um comprimido", ...overrides,
});

const note = (overrides: Partial<ClinicalNote>): ClinicalNote => ({ ...emptyNote(), ...overrides });

describe("normalizeSpoken", () => {
  it.each([
    ["Hipótese: FARINGITE!", "hipotese faringite"],
    ["6/6h", "6 6h"],
    ["  Dipirona   500mg ", "dipirona 500mg"],
  ])("reads %j as %j", (input, expected) => expect(normalizeSpoken(input)).toBe(expected));
});

describe("groundNote", () => {
  const cases: { name: string; input: ClinicalNote; kept: Partial<ClinicalNote>; dropped: number }[] = [
    {
      name: "keeps an item whose evidence is in the transcript, whatever the accents and case",
      input: note({ chiefComplaint: { text: "Dor de garganta", evidence: "DOR DE GARGANTA há tres dias" } }),
      kept: { chiefComplaint: { text: "Dor de garganta", evidence: "DOR DE GARGANTA há tres dias" } }, dropped: 0,
    },
    {
      name: "drops an item whose evidence the doctor never said",
      input: note({ examination: [{ text: "Ausculta normal", evidence: "ausculta pulmonar sem alterações" }] }),
      kept: { examination: [] }, dropped: 1,
    },
    {
      name: "drops an item with empty evidence",
      input: note({ plan: [{ text: "Repouso", evidence: "  " }] }),
      kept: { plan: [] }, dropped: 1,
    },
    {
      name: "does not take a word for a piece of a longer word",
      input: note({ history: [{ text: "Febre", evidence: "febr" }] }),
      kept: { history: [] }, dropped: 1,
    },
    {
      name: "keeps a medication the doctor named",
      input: note({ medications: [med({})] }),
      kept: { medications: [med({})] }, dropped: 0,
    },
    {
      name: "drops an invented medication even when its evidence quotes the transcript",
      input: note({ medications: [med({ name: "amoxicilina", evidence: "Prescrevo dipirona 500 mg" })] }),
      kept: { medications: [] }, dropped: 1,
    },
    {
      name: "blanks a medication detail that was not said and counts it",
      input: note({ medications: [med({ route: "via oral" })] }),
      kept: { medications: [med({ route: null })] }, dropped: 1,
    },
    {
      name: "matches strengths written with or without a space",
      input: note({ medications: [med({ strength: "500mg" })] }),
      kept: { medications: [med({ strength: "500mg" })] }, dropped: 0,
    },
    {
      name: "keeps a CID-10 code that was dictated",
      input: note({ assessment: [{ diagnosis: "Faringite viral", cid10: "J02.9", evidence: "faringite viral" }] }),
      kept: { assessment: [{ diagnosis: "Faringite viral", cid10: "J02.9", evidence: "faringite viral" }] }, dropped: 0,
    },
    {
      name: "removes a CID-10 code the model added on its own",
      input: note({ assessment: [{ diagnosis: "Faringite viral", cid10: "J06.9", evidence: "faringite viral" }] }),
      kept: { assessment: [{ diagnosis: "Faringite viral", cid10: null, evidence: "faringite viral" }] }, dropped: 1,
    },
    {
      name: "drops an allergy nobody mentioned and keeps the one that was",
      input: note({ allergies: [{ text: "Penicilina", evidence: "Alérgica a penicilina" }, { text: "Dipirona", evidence: "alérgica a dipirona" }] }),
      kept: { allergies: [{ text: "Penicilina", evidence: "Alérgica a penicilina" }] }, dropped: 1,
    },
  ];
  for (const { name, input, kept, dropped } of cases) {
    it(name, () => {
      const result = groundNote(input, TRANSCRIPT);
      expect(result.note).toEqual(note(kept));
      expect(result.dropped).toBe(dropped);
    });
  }

  it("keeps what the doctor said in words as the note writes it short: '500 miligramas' is '500 mg'", () => {
    const spoken = "Prescrevo amoxicilina quinhentos miligramas, uma cápsula de oito em oito horas por sete dias. Losartana 50 miligramas.";
    const amoxicilina = med({
      name: "amoxicilina", strength: "500 mg", form: "cápsula", dose: "1 cápsula", frequency: "8/8h", duration: "7 dias",
      evidence: "amoxicilina quinhentos miligramas",
    });
    const losartana = med({ name: "losartana", strength: "50mg", dose: null, frequency: null, duration: null, evidence: "Losartana 50 miligramas" });
    expect(groundNote(note({ medications: [amoxicilina, losartana] }), spoken)).toEqual({ note: note({ medications: [amoxicilina, losartana] }), dropped: 0 });
  });

  it.each([
    ["500 g", "dipirona 500 miligramas"],
    ["500 mg", "dipirona 50 miligramas"],
    ["12/12h", "de 8 em 8 horas"],
    ["10 dias", "por 1 dia"],
  ])("still blanks %j when the doctor said %j", (strength, said) => {
    const result = groundNote(note({ medications: [med({ strength, dose: null, frequency: null, duration: null, evidence: "dipirona" })] }), `dipirona ${said}`);
    expect(result.note.medications[0]!.strength).toBeNull();
    expect(result.dropped).toBe(1);
  });

  it("accepts evidence taken from a correction the doctor typed", () => {
    const result = groundNote(note({ followUp: { text: "Retorno em 10 dias", evidence: "retorno em 10 dias" } }), `${TRANSCRIPT}\nCorrigindo: retorno em 10 dias`);
    expect(result).toEqual({ note: note({ followUp: { text: "Retorno em 10 dias", evidence: "retorno em 10 dias" } }), dropped: 0 });
  });
});
