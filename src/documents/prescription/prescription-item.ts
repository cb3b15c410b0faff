// What the parser reads from one prescription item, before and after the
// posology is rendered. JSON-safe: the doctor's chat keeps it in its state.

export type Frequency =
  | { kind: "interval"; hours: number }
  | { kind: "perDay"; times: number }
  | { kind: "once" };

export interface Dose {
  amount: number;
  /** A key of UNITS: "comprimido", "gota", "ml", "g"... */
  unit: string;
}

export interface ParsedItem {
  /** The drug as typed: "Rivotril", "Clonazepan", "amoxicilina + clavulanato". Empty when no name was found. */
  writtenName: string;
  /** Printed name: DCB, with the brand or synonym typed in parentheses ("Clonazepam (Rivotril)"). */
  genericName: string;
  /** DCB names of the active ingredients; empty for an unknown drug. */
  substances: string[];
  /** "typo": recognised within edit distance, so the doctor confirms the reading. */
  match: "exact" | "typo" | "unknown";
  unknownDrug: boolean;
  strength: string;
  form: string;
  dose?: Dose;
  /** True when the dose was not written and one unit of the strength was read ("amoxicilina 500 mg 8/8h"). */
  doseAssumed?: boolean;
  frequency?: Frequency;
  /** "à noite", "em jejum"... */
  timing?: string;
  /** "se dor ou febre", "se necessário". */
  asNeeded?: string;
  continuous: boolean;
  durationDays?: number;
  route?: string;
  /** Written by the doctor ("1 caixa", "21 cápsulas") or computed (see posology.ts). */
  quantity: string;
  quantityComputed: boolean;
  /** What the parser did not understand, kept word for word. */
  extra: string;
  /** The line printed on the prescription, no abbreviations. */
  posology: string;
}
