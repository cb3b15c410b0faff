// Recognises a drug by substance, synonym or brand, with typos. Pure: the
// built-in data (formulary-data.ts) plus the entries admins added
// (FormularyEntry), merged by buildFormulary.
import { BRANDS, CLASS_WORDS, SUBSTANCES, type DrugClass } from "./formulary-data.js";

export type { DrugClass } from "./formulary-data.js";

/** "Codeína 30 mg" becomes "codeina 30 mg": no accents, case or punctuation. */
export function normalizeDrugText(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
}

export interface FormularyName {
  /** As it is printed: "Rivotril", "metamizol", "clonazepam". */
  name: string;
  /** DCB names of the active ingredients. */
  substances: readonly string[];
  kind: "substance" | "synonym" | "brand";
}

/** An admin's addition or override; `active: false` hides a built-in name. */
export interface FormularyEntryRow {
  name: string;
  substances: readonly string[];
  active: boolean;
}

export interface Formulary {
  byKey: ReadonlyMap<string, FormularyName>;
  classesOf: ReadonlyMap<string, readonly DrugClass[]>;
}

export interface DrugMatch {
  entry: FormularyName;
  /** "typo" when the written name is within the allowed edit distance, not equal. */
  match: "exact" | "typo";
}

function builtInNames(): FormularyName[] {
  return [
    ...SUBSTANCES.flatMap((substance) => [
      { name: substance.name, substances: [substance.name], kind: "substance" as const },
      ...(substance.synonyms ?? []).map((synonym) => ({ name: synonym, substances: [substance.name], kind: "synonym" as const })),
    ]),
    ...BRANDS.map(([brand, substances]) => ({ name: brand, substances, kind: "brand" as const })),
  ];
}

export function buildFormulary(extra: readonly FormularyEntryRow[] = []): Formulary {
  const byKey = new Map<string, FormularyName>();
  for (const name of builtInNames()) if (!byKey.has(normalizeDrugText(name.name))) byKey.set(normalizeDrugText(name.name), name);
  for (const row of extra) {
    const key = normalizeDrugText(row.name);
    if (!row.active) byKey.delete(key);
    else byKey.set(key, { name: row.name, substances: row.substances, kind: row.substances.length === 1 && normalizeDrugText(row.substances[0]!) === key ? "substance" : "brand" });
  }
  const classesOf = new Map(SUBSTANCES.map((substance) => [substance.name, substance.classes ?? []] as const));
  return { byKey, classesOf };
}

export const builtInFormulary: Formulary = buildFormulary();

/** Edits allowed for a name of this length: none up to 4 letters, 1 up to 8, then 2. */
export function allowedTypos(length: number): number {
  return length <= 4 ? 0 : length <= 8 ? 1 : 2;
}

/** Optimal string alignment distance (a swap of two neighbours counts once), capped at max + 1. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prev2[j - 2]! + 1);
      row.push(value);
    }
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * The entry a written name stands for: equal after normalising, or the one
 * closest within allowedTypos ("Clonazepan" -> clonazepam). Two different
 * drugs equally close make it unknown rather than a guess.
 */
export function lookupDrug(formulary: Formulary, written: string): DrugMatch | undefined {
  const key = normalizeDrugText(written);
  if (key === "") return undefined;
  const exact = formulary.byKey.get(key);
  if (exact) return { entry: exact, match: "exact" };
  const allowed = allowedTypos(key.length);
  if (allowed === 0) return undefined;
  let best: FormularyName[] = [];
  let bestDistance = allowed + 1;
  for (const [candidate, entry] of formulary.byKey) {
    if (allowedTypos(candidate.length) === 0) continue;
    const distance = editDistance(key, candidate, Math.min(allowed, allowedTypos(candidate.length)));
    if (distance > Math.min(allowed, allowedTypos(candidate.length)) || distance > bestDistance) continue;
    if (distance < bestDistance) best = [];
    bestDistance = distance;
    best.push(entry);
  }
  const distinct = new Set(best.map((entry) => entry.substances.join("+")));
  return best.length > 0 && distinct.size === 1 ? { entry: best[0]!, match: "typo" } : undefined;
}

// Words of a prescription line that are never a drug, so a typo match cannot start on them.
const NOT_DRUGS = new Set([
  "comprimido", "comprimidos", "capsula", "capsulas", "gotas", "xarope", "solucao", "suspensao", "creme", "pomada",
  "tomar", "horas", "noite", "manha", "jejum", "febre", "usar", "aplicar", "continuo", "necessario", "oral",
  "injetavel", "ampola", "ampolas", "frasco", "caixa", "semanas", "durante", "sodica", "sodico", "potassica",
  "potassico", "monoidratada", "cloridrato", "maleato", "besilato", "succinato", "revestido", "liberacao", "prolongada",
]);

/**
 * Every drug named anywhere in a text, longest names first ("buscopan
 * composto" before "buscopan"), then single words within typo distance.
 */
export function findDrugsInText(formulary: Formulary, text: string): (DrugMatch & { written: string })[] {
  const words = normalizeDrugText(text).split(" ").filter(Boolean);
  const used = new Array<boolean>(words.length).fill(false);
  const found: (DrugMatch & { written: string; start: number })[] = [];
  for (let size = 4; size >= 1; size--) {
    for (let start = 0; start + size <= words.length; start++) {
      if (used.slice(start, start + size).some(Boolean)) continue;
      const written = words.slice(start, start + size).join(" ");
      const exact = formulary.byKey.get(written);
      const match = exact ? { entry: exact, match: "exact" as const } : size === 1 && isTypoCandidate(written) ? lookupDrug(formulary, written) : undefined;
      if (!match) continue;
      used.fill(true, start, start + size);
      found.push({ ...match, written, start });
    }
  }
  return found.sort((a, b) => a.start - b.start).map(({ start: _start, ...rest }) => rest);
}

const isTypoCandidate = (word: string) => word.length >= 5 && /^[a-z]+$/.test(word) && !NOT_DRUGS.has(word);

/** The classes of a substance, for allergy checks. */
export function classesOf(formulary: Formulary, substance: string): readonly DrugClass[] {
  return formulary.classesOf.get(substance) ?? [];
}

/** Class words of an allergy record, normalised: "anti inflamatorios" -> ["aines"]. */
export const classWords: ReadonlyMap<string, readonly DrugClass[]> = new Map(CLASS_WORDS);

/** "clonazepam" -> "Clonazepam"; a brand keeps what the doctor wrote: "Clonazepam (Rivotril)". */
export function displayName(entry: FormularyName, written: string): string {
  const substances = capitalise(entry.substances.join(" + "));
  return entry.kind === "substance" ? substances : `${substances} (${written.trim()})`;
}

export const capitalise = (text: string) => (text ? text[0]!.toLocaleUpperCase("pt-BR") + text.slice(1) : text);
