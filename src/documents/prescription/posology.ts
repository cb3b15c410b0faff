// The quantity to dispense and the posology line the PDF prints.
//
// Quantity, when the doctor did not write one (only for forms counted one by
// one: comprimido, cápsula, drágea, sachê, envelope, ampola, supositório, adesivo):
// - doses a day x days x units a dose, rounded up: 1 cp 6/6h for 3 days = 12;
//   "à noite", "ao deitar", "pela manhã", "em jejum" alone count as once a day;
// - as needed ("se dor", "SOS") with a duration: the most the posology allows
//   over it (6/6h se dor por 3 dias = 12); without a duration: left empty;
// - continuous use ("uso contínuo"): 30 days' worth, shown as computed;
// - dose única: the units of one dose;
// - drops, mL, creams: left empty (bottle sizes vary), for the doctor to write.
// An empty quantity is shown in the preview and refused before signing.
import type { Dose, Frequency, ParsedItem } from "./prescription-item.js";
import { TOPICAL_FORMS, UNITS, fold } from "./vocabulary.js";

export const CONTINUOUS_DAYS = 30;

type ItemInput = Omit<ParsedItem, "quantity" | "quantityComputed" | "posology" | "doseAssumed"> & { writtenQuantity?: string };

export function completeItem(input: ItemInput): ParsedItem {
  const { writtenQuantity, ...rest } = input;
  const formUnit = unitOfForm(rest.form);
  const form = rest.form || (rest.dose ? UNITS[rest.dose.unit]?.form ?? "" : "");
  // "amoxicilina 500 mg cápsula 8/8h": one unit of the written strength per dose.
  const assumed = !rest.dose && formUnit !== undefined && rest.strength !== "" && (rest.frequency !== undefined || rest.timing !== undefined);
  const dose = rest.dose ?? (assumed ? { amount: 1, unit: formUnit! } : undefined);
  const item = { ...rest, form, dose, ...(assumed ? { doseAssumed: true } : {}) };
  const computed = writtenQuantity ? undefined : computeQuantity(item);
  const quantity = writtenQuantity ? tidyQuantity(writtenQuantity) : computed ?? "";
  return { ...item, quantity, quantityComputed: computed !== undefined, posology: renderPosology(item) };
}

function unitOfForm(form: string): string | undefined {
  return Object.entries(UNITS).find(([, unit]) => unit.countable && unit.form !== undefined && form.startsWith(unit.form))?.[0];
}

export function dosesPerDay(frequency: Frequency | undefined, timing: string | undefined): number | undefined {
  if (frequency?.kind === "interval") return frequency.hours > 0 ? Math.ceil(24 / frequency.hours) : undefined;
  if (frequency?.kind === "perDay") return frequency.times;
  if (!frequency && timing && timing !== "após as refeições" && timing !== "antes das refeições") return 1;
  return undefined;
}

export function computeQuantity(item: Pick<ParsedItem, "dose" | "frequency" | "timing" | "continuous" | "durationDays">): string | undefined {
  const unit = item.dose ? UNITS[item.dose.unit] : undefined;
  if (!item.dose || !unit?.countable) return undefined;
  if (item.frequency?.kind === "once") return units(Math.ceil(item.dose.amount), item.dose.unit);
  const perDay = dosesPerDay(item.frequency, item.timing);
  const days = item.durationDays ?? (item.continuous ? CONTINUOUS_DAYS : undefined);
  if (perDay === undefined || days === undefined) return undefined;
  return units(Math.ceil(item.dose.amount * perDay * days), item.dose.unit);
}

/** 12 comprimido -> "12 comprimidos"; 1 -> "1 comprimido". */
export function units(amount: number, unitKey: string): string {
  const unit = UNITS[unitKey];
  if (!unit) return `${formatAmount(amount)} ${unitKey}`;
  return `${formatAmount(amount)} ${amount > 1 ? unit.plural : unit.singular}`;
}

const formatAmount = (amount: number) => (amount === 0.5 ? "1/2" : amount === 0.25 ? "1/4" : String(amount).replace(".", ","));

/** "21 caps" -> "21 cápsulas"; "1 cx" stays readable. */
function tidyQuantity(text: string): string {
  const match = /^(\d+)\s*(.+)$/.exec(text.trim());
  if (!match) return text.trim();
  const written = fold(match[2]!);
  const key = Object.keys(UNITS).find((k) => UNITS[k]!.countable && (written === k || written === fold(UNITS[k]!.plural)));
  const abbreviation: Record<string, string> = { cp: "comprimido", cps: "comprimido", comp: "comprimido", comps: "comprimido", caps: "capsula", cap: "capsula" };
  const unit = key ?? abbreviation[written];
  return unit ? units(Number(match[1]), unit) : `${match[1]} ${match[2]}`;
}

function verb(item: Pick<ParsedItem, "form" | "route" | "dose">): string {
  if (TOPICAL_FORMS.has(item.form) || item.route === "uso tópico") return "Aplicar";
  if (item.form === "colírio") return "Pingar";
  if (["via intramuscular", "via endovenosa", "via subcutânea"].includes(item.route ?? "") || item.dose?.unit === "ampola" || item.form === "solução injetável") return "Aplicar";
  if (item.dose?.unit === "jato" || item.form === "spray") return "Aplicar";
  if (item.dose?.unit === "supositorio" || item.dose?.unit === "adesivo") return "Aplicar";
  return "Tomar";
}

export function frequencyText(frequency: Frequency | undefined): string | undefined {
  if (!frequency) return undefined;
  if (frequency.kind === "interval") return `de ${frequency.hours} em ${frequency.hours} horas`;
  if (frequency.kind === "perDay") return frequency.times === 1 ? "1 vez ao dia" : `${frequency.times} vezes ao dia`;
  return "em dose única";
}

/** "Tomar 1 comprimido por via oral, de 6 em 6 horas, se dor ou febre, por 3 dias." */
export function renderPosology(item: Omit<ParsedItem, "quantity" | "quantityComputed" | "posology">): string {
  // "dipirona 1 g 6/6h" with no form: the written strength is the dose.
  const dose = item.dose ? units(item.dose.amount, item.dose.unit) : item.form === "" && item.strength !== "" ? item.strength : undefined;
  const route = item.route === "uso tópico" || !item.route ? undefined : `por ${item.route}`;
  const head = [verb(item), dose, route, frequencyText(item.frequency), item.timing].filter(Boolean).join(" ");
  const duration = item.durationDays !== undefined ? `por ${item.durationDays} ${item.durationDays === 1 ? "dia" : "dias"}` : undefined;
  const parts = [head, item.asNeeded, duration, item.continuous ? "uso contínuo" : undefined, item.extra || undefined];
  const line = parts.filter((part): part is string => part !== undefined && part !== "").join(", ");
  return `${line}.`.replace(/\.\.$/, ".");
}

export type { Dose };
