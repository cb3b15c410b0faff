// Reads a prescription as Brazilian doctors type it: "dipirona 1 g 6/6h se
// dor por 3 dias", "amoxicilina 500mg 1 cp 8/8h 7 dias", "Rivotril 2 mg, 1
// comprimido à noite". Pure and deterministic, no model. Every part it
// recognises is taken out of the line; what is left stays, word for word, in
// `extra` and is printed after the posology, so nothing the doctor wrote is
// lost and nothing is invented.
import { builtInFormulary, capitalise, displayName, findDrugsInText, lookupDrug, type Formulary } from "./formulary.js";
import { completeItem } from "./posology.js";
import type { Dose, Frequency, ParsedItem } from "./prescription-item.js";
import {
  COMBINATION_PARTNERS, FORM_WORDS, NOT_A_DRUG_START, NUMBER_WORDS, ROUTE_WORDS, TIMING_WORDS, UNIT_WORDS, fold,
} from "./vocabulary.js";

export function parsePrescription(text: string, formulary: Formulary = builtInFormulary): ParsedItem[] {
  return splitItems(text, formulary).map((segment) => parseItem(segment, formulary)).filter((item) => item.writtenName !== "" || item.extra !== "");
}

const LIST_MARKER = /^\s*(?:\d{1,2}\s*[).:-]\s+|[-•*]\s*)/;

/**
 * Items are separated by lines, ";", "," or " e ", but only where a drug
 * starts: "dor e febre", "+ clavulanato" and "; 10 comprimidos; tomar ..."
 * stay in one item. After a comma or " e " the next words must be a drug the
 * formulary knows or a name followed by a strength ("e xyzol 10 mg").
 */
export function splitItems(text: string, formulary: Formulary = builtInFormulary): string[] {
  const parts = text.split(/(\n|;|,|\s+e\s+)/);
  const items: string[] = [];
  let current = parts[0] ?? "";
  for (let i = 1; i < parts.length; i += 2) {
    const separator = parts[i]!;
    const next = parts[i + 1] ?? "";
    if (startsDrug(next, separator.trim() === "" || separator === "\n" || separator === ";" ? "strong" : "weak", formulary)) {
      items.push(current);
      current = next;
    } else {
      current += separator + next;
    }
  }
  items.push(current);
  return items.map((item) => item.replace(LIST_MARKER, "").trim()).filter((item) => item !== "");
}

function startsDrug(segment: string, separator: "strong" | "weak", formulary: Formulary): boolean {
  const words = fold(segment.replace(LIST_MARKER, "")).trim().split(/\s+/);
  const first = (words[0] ?? "").replace(/[.,:;]+$/, "");
  if (!/^[a-z][a-z-]*$/.test(first) || NOT_A_DRUG_START.has(first)) return false;
  if (COMBINATION_PARTNERS.has(first) || COMBINATION_PARTNERS.has(`${first} ${words[1] ?? ""}`)) return false;
  if (separator === "strong") return true;
  if (lookupDrug(formulary, first) || lookupDrug(formulary, words.slice(0, 2).join(" "))) return true;
  return /^[a-z][a-z\s-]{1,40}?\s\d+(?:[.,]\d+)?\s*(?:mg|g|mcg|ui|ml|%)(?![a-z])/.test(fold(segment).trim());
}

/** The segment with the spans already read masked out. */
class Reader {
  readonly folded: string;
  private readonly used: boolean[];
  constructor(readonly original: string) {
    this.folded = fold(original);
    this.used = new Array<boolean>(original.length).fill(false);
  }

  /** First match of `pattern` (a folded-text regex source) that touches no span read before. */
  take(pattern: string): RegExpExecArray | undefined {
    const regex = new RegExp(`(?<![a-z0-9])(?:${pattern})(?![a-z0-9])`, "g");
    for (const match of this.folded.matchAll(regex)) {
      const end = match.index + match[0].length;
      if (this.used.slice(match.index, end).some(Boolean)) continue;
      this.used.fill(true, match.index, end);
      return match as RegExpExecArray;
    }
    return undefined;
  }

  slice(match: RegExpExecArray): string {
    return this.original.slice(match.index, match.index + match[0].length);
  }

  /** What no rule read, with list punctuation and filler verbs dropped. */
  rest(): string {
    const kept = this.original.split("").map((c, i) => (this.used[i] ? "\u0000" : c)).join("");
    return kept.split("\u0000").map((part) => part.replace(/^[\s,;.:()+-]+|[\s,;.:()+-]+$/g, "").replace(/\s+/g, " "))
      .filter((part) => part !== "" && !/^(?:tomar|usar|aplicar|de|e|por|durante|uso|x|ao dia|dia)$/i.test(part))
      .join(", ");
  }
}

const NUMBER = `\\d+(?:[.,]\\d+)?`;
const STRENGTH_UNIT = "mg|g|mcg|ug|ui|%";
const STRENGTH = `${NUMBER}\\s*(?:${STRENGTH_UNIT})(?:\\s*/\\s*(?:${NUMBER}\\s*)?(?:ml|g|gotas?|gts?|doses?|jatos?))?`;
const UNIT_PATTERN = UNIT_WORDS.map(([pattern]) => `${pattern}`).join("|");

export function parseItem(segment: string, formulary: Formulary = builtInFormulary): ParsedItem {
  const reader = new Reader(segment);
  const name = readName(reader, formulary);
  const strength = reader.take(`${STRENGTH}(?:\\s*\\+\\s*${STRENGTH})*`);
  const route = firstOf(reader, ROUTE_WORDS);
  const quantity = readWrittenQuantity(reader);
  const frequency = readFrequency(reader);
  const durationDays = readDuration(reader);
  const asNeeded = readAsNeeded(reader);
  const continuous = reader.take("uso continuo|continuo") !== undefined;
  const timing = firstOf(reader, TIMING_WORDS);
  const doses = readDoses(reader);
  const form = firstOf(reader, FORM_WORDS);
  return completeItem({
    ...name,
    strength: strength ? formatStrength(reader.slice(strength)) : "",
    form: form ?? "",
    dose: doses.dose,
    frequency, timing, asNeeded, continuous, durationDays, route,
    writtenQuantity: quantity ?? doses.quantity,
    extra: reader.rest(),
  });
}

type NameParts = Pick<ParsedItem, "writtenName" | "genericName" | "substances" | "match" | "unknownDrug">;

/** Leading words up to a number, a form, a unit or a posology word; "+", "/" and "de" join words of one name. */
function readName(reader: Reader, formulary: Formulary): NameParts {
  const leading = /^\s*(?:tomar\s+|usar\s+)?/.exec(reader.folded)![0].length;
  const words: { start: number; end: number }[] = [];
  const wordPattern = /\S+/g;
  wordPattern.lastIndex = leading;
  for (let match = wordPattern.exec(reader.folded); match; match = wordPattern.exec(reader.folded)) {
    const word = match[0].replace(/[,;:.]+$/, "");
    const joiner = word === "+" || word === "/" || word === "de" || word === "e";
    if (!joiner && (!/^[a-z][a-z0-9-]*$/.test(word) || isNameStop(word))) break;
    words.push({ start: match.index, end: match.index + word.length });
    if (word !== match[0]) break;
  }
  while (words.length > 0 && /^(?:\+|\/|de|e)$/.test(reader.folded.slice(words.at(-1)!.start, words.at(-1)!.end))) words.pop();
  if (words.length === 0) return { writtenName: "", genericName: "", substances: [], match: "unknown", unknownDrug: true };
  const start = words[0]!.start;
  const end = words.at(-1)!.end;
  reader.take(escapeRegex(reader.folded.slice(start, end)));
  return resolveName(reader.original.slice(start, end).trim(), formulary);
}

const NAME_STOPS = new RegExp(`^(?:${[...FORM_WORDS.map(([p]) => p), UNIT_PATTERN, ROUTE_WORDS.map(([p]) => p).join("|")].join("|")})$`);
const isNameStop = (word: string) => NOT_A_DRUG_START.has(word) || NAME_STOPS.test(word) || /^(?:bid|tid|qid|sos|s\/n|q\d+h|\d.*)$/.test(word);

function resolveName(written: string, formulary: Formulary): NameParts {
  const whole = lookupDrug(formulary, written);
  if (whole) {
    return {
      writtenName: written, genericName: displayName(whole.entry, written), substances: [...whole.entry.substances],
      match: whole.match, unknownDrug: false,
    };
  }
  const parts = findDrugsInText(formulary, written);
  if (parts.length === 0) return { writtenName: written, genericName: capitalise(written), substances: [], match: "unknown", unknownDrug: true };
  const substances = [...new Set(parts.flatMap((part) => part.entry.substances))];
  const exact = parts.every((part) => part.match === "exact");
  return { writtenName: written, genericName: capitalise(written), substances, match: exact ? "exact" : "typo", unknownDrug: false };
}

function firstOf(reader: Reader, words: readonly (readonly [string, string])[]): string | undefined {
  for (const [pattern, printed] of words) if (reader.take(pattern)) return printed;
  return undefined;
}

const HOURS = "(?:h|hs|hrs?|horas?)";

function readFrequency(reader: Reader): Frequency | undefined {
  const interval = reader.take(`(\\d{1,2})\\s*/\\s*\\1\\s*${HOURS}?`)
    ?? reader.take(`(?:de\\s+)?(\\d{1,2})\\s*em\\s*\\1\\s*${HOURS}`)
    ?? reader.take(`(?:a\\s+)?cada\\s+(\\d{1,2})\\s*${HOURS}`)
    ?? reader.take(`q(\\d{1,2})h`);
  if (interval) return { kind: "interval", hours: Number(interval[1]) };
  const perDay = reader.take(`(\\d|uma|um|duas|dois|tres|quatro)\\s*(?:x|vez|vezes)\\s*(?:/|ao|por|a|no)?\\s*dia`);
  if (perDay) return { kind: "perDay", times: NUMBER_WORDS[perDay[1]!] ?? Number(perDay[1]) };
  const latin = reader.take("bid|tid|qid|[234]x");
  if (latin) return { kind: "perDay", times: { bid: 2, tid: 3, qid: 4 }[latin[0]] ?? Number(latin[0][0]) };
  if (reader.take("dose unica|em dose unica")) return { kind: "once" };
  return undefined;
}

function readDuration(reader: Reader): number | undefined {
  const match = reader.take(`(?:por|durante|x)\\s*(\\d{1,3})\\s*(dias?|d|semanas?|sem|meses|mes)`)
    ?? reader.take(`(\\d{1,3})\\s*(dias)`);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2]!;
  return unit.startsWith("sem") ? amount * 7 : unit.startsWith("mes") ? amount * 30 : amount;
}

const SYMPTOM = "[a-z]+(?:\\s+de\\s+(?:ar|cabeca|garganta|estomago))?";

function readAsNeeded(reader: Reader): string | undefined {
  if (reader.take("se necessario|se precisar|s/n|sos|quando necessario|a criterio")) return "se necessário";
  const symptom = reader.take(`(?:se|em caso de|caso haja|caso tenha)\\s+(?!necessario)${SYMPTOM}(?:\\s+(?:ou|e)\\s+${SYMPTOM})*`);
  return symptom ? reader.slice(symptom).toLocaleLowerCase("pt-BR").replace(/\s+/g, " ") : undefined;
}

/** "1 cp" is a dose; "21 cápsulas" or more than 4 units of a counted form is the quantity to dispense. */
function readDoses(reader: Reader): { dose?: Dose; quantity?: string } {
  let dose: Dose | undefined;
  let quantity: string | undefined;
  for (let match = takeDose(reader); match; match = takeDose(reader)) {
    const amount = readAmount(match[1]!);
    const unit = UNIT_WORDS.find(([pattern]) => new RegExp(`^(?:${pattern})$`).test(match![2]!))![1];
    const counted = ["comprimido", "capsula", "dragea", "sache", "envelope", "ampola", "supositorio", "adesivo"].includes(unit);
    if (counted && amount > 4 && !quantity) quantity = reader.slice(match);
    else if (!dose) dose = { amount, unit };
  }
  return { dose, quantity };
}

const takeDose = (reader: Reader) => reader.take(`(${NUMBER}|\\d+/\\d+|${Object.keys(NUMBER_WORDS).join("|")})\\s*(${UNIT_PATTERN})`);

function readAmount(text: string): number {
  if (text in NUMBER_WORDS) return NUMBER_WORDS[text]!;
  const fraction = /^(\d+)\/(\d+)$/.exec(text);
  if (fraction) return Number(fraction[1]) / Number(fraction[2]);
  return Number(text.replace(",", "."));
}

/** "1 caixa", "2 frascos", "qtd: 20", "(30 comprimidos)" as the doctor wrote them. */
function readWrittenQuantity(reader: Reader): string | undefined {
  const packs = reader.take(`(?:${NUMBER_WORDS_PATTERN}|\\d{1,3})\\s*(?:caixas?|cx|frascos?|fr|tubos?|bisnagas?|cartelas?|blisters?|canetas?|refis?)`);
  if (packs) return reader.slice(packs).replace(/\bcx\b/i, "caixa").replace(/\bfr\b/i, "frasco");
  const labelled = reader.take(`(?:qtd|quantidade)\\s*[:=]?\\s*(\\d{1,4}(?:\\s*(?:${UNIT_PATTERN}))?)`);
  return labelled ? reader.slice(labelled).replace(/^(?:qtd|quantidade)\s*[:=]?\s*/i, "") : undefined;
}

const NUMBER_WORDS_PATTERN = "um|uma|dois|duas|tres";

/** "500mg" -> "500 mg", "15mg/5ml" -> "15 mg/5 mL", "100ui/ml" -> "100 UI/mL". */
export function formatStrength(text: string): string {
  return text
    .replace(/(\d)\s*([a-zA-Zµ%])/g, "$1 $2")
    .replace(/\s*\/\s*/g, "/")
    .replace(/\s*\+\s*/g, " + ")
    .replace(/\b(?:ml|ML|Ml)\b/g, "mL")
    .replace(/\b(?:ui|Ui|uI)\b/g, "UI")
    .replace(/\b(MG|Mg)\b/g, "mg")
    .replace(/\s+/g, " ")
    .trim();
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
