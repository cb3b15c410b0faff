// Keeps only what the doctor said. An item stays when its evidence quote is
// found in what was dictated (transcript and corrections), compared without
// accents, case or punctuation; a medication also needs its name there, and
// each of its details (strength, dose, ...) that is not there is blanked.
// Everything removed is counted, so the doctor can be told.
import type { ClinicalNote, Diagnosis, Medication, NoteItem } from "./clinical-note.js";

export interface GroundedNote {
  note: ClinicalNote;
  /** Items and medication details removed for lack of evidence. */
  dropped: number;
}

/** "Dipirona 500mg, 6/6h!" -> "dipirona 500mg 6 6h" */
export function normalizeSpoken(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^\p{Letter}\p{Number}]+/gu, " ")
    .trim();
}

/** Letters and digits only: "J11.1" and "j 11 1" both read "j111". */
const compact = (text: string): string => normalizeSpoken(text).replace(/ /g, "");

/**
 * Words a doctor says for what the model writes short: "500 miligramas" is
 * the "500 mg" of the note, "um comprimido de 6 em 6 horas" its "1 comprimido
 * 6/6h". Only spellings of the same unit or number meet; "500 gramas" never
 * grounds "500 mg".
 */
const SPOKEN: Record<string, string> = {
  miligrama: "mg", miligramas: "mg", mgs: "mg", grama: "g", gramas: "g", gr: "g",
  micrograma: "mcg", microgramas: "mcg", ug: "mcg", mililitro: "ml", mililitros: "ml",
  comprimidos: "comprimido", cp: "comprimido", cps: "comprimido", comp: "comprimido",
  capsulas: "capsula", cap: "capsula", caps: "capsula", gota: "gotas", gts: "gotas", gt: "gotas",
  hora: "h", horas: "h", hs: "h", dias: "dia", semanas: "semana",
  um: "1", uma: "1", dois: "2", duas: "2", tres: "3", quatro: "4", cinco: "5", seis: "6", sete: "7", oito: "8",
  dez: "10", doze: "12", quinze: "15", vinte: "20", trinta: "30", cem: "100", duzentos: "200", quinhentos: "500",
};
/** Joining words that come and go between spoken and written forms ("de 6 em 6 horas" / "6/6h"). */
const FILLER = new Set(["de", "em", "por"]);

/** "Um comprimido de 6 em 6 horas, 500 miligramas" -> "1comprimido66h500mg" */
export function canonicalSpoken(text: string): string {
  return normalizeSpoken(text)
    .replace(/(\d)(\p{Letter})/gu, "$1 $2")
    .replace(/(\p{Letter})(\d)/gu, "$1 $2")
    .split(" ")
    .filter((word) => !FILLER.has(word))
    .map((word) => SPOKEN[word] ?? word)
    .join("");
}

class Source {
  private readonly spaced: string;
  private readonly squeezed: string;
  private readonly canonical: string;

  constructor(said: string) {
    this.spaced = ` ${normalizeSpoken(said)} `;
    this.squeezed = compact(said);
    this.canonical = canonicalSpoken(said);
  }

  /** Whole words: "dor" is not found in "dorflex". */
  has(quote: string | null | undefined): boolean {
    const wanted = normalizeSpoken(quote ?? "");
    return wanted !== "" && this.spaced.includes(` ${wanted} `);
  }

  /** Numbers and units may be spaced, punctuated or spoken differently ("500mg" / "500 mg" / "500 miligramas"). */
  hasLoosely(quote: string): boolean {
    const wanted = compact(quote);
    if (wanted === "") return false;
    return this.has(quote) || this.squeezed.includes(wanted) || this.canonical.includes(canonicalSpoken(quote));
  }
}

export function groundNote(note: ClinicalNote, said: string): GroundedNote {
  const source = new Source(said);
  let dropped = 0;
  const keep = <T extends { evidence: string }>(items: T[], extra: (item: T) => boolean = () => true): T[] =>
    items.filter((item) => {
      const ok = source.has(item.evidence) && extra(item);
      if (!ok) dropped += 1;
      return ok;
    });
  const one = (item: NoteItem | null): NoteItem | null => (item ? keep([item])[0] ?? null : null);
  const medications = keep(note.medications, (m) => source.hasLoosely(m.name)).map((m) => {
    const { medication, blanked } = blankUnsaid(m, source);
    dropped += blanked;
    return medication;
  });
  const assessment = keep(note.assessment).map((d): Diagnosis => {
    if (d.cid10 && !source.hasLoosely(d.cid10)) {
      dropped += 1;
      return { ...d, cid10: null };
    }
    return d;
  });
  return {
    note: {
      chiefComplaint: one(note.chiefComplaint),
      history: keep(note.history),
      examination: keep(note.examination),
      assessment,
      plan: keep(note.plan),
      medications,
      allergies: keep(note.allergies),
      examsRequested: keep(note.examsRequested),
      followUp: one(note.followUp),
    },
    dropped,
  };
}

const DETAILS = ["strength", "form", "dose", "route", "frequency", "duration"] as const;

function blankUnsaid(medication: Medication, source: Source): { medication: Medication; blanked: number } {
  const result = { ...medication };
  let blanked = 0;
  for (const key of DETAILS) {
    const value = result[key];
    if (value && !source.hasLoosely(value)) {
      result[key] = null;
      blanked += 1;
    }
  }
  return { medication: result, blanked };
}
