// Reads a doctor's typed command. Pure; the raw text keeps case and dots
// for codes ("CID J11.1") and lists ("hemograma, glicemia").
import { normalize } from "../understand.js";

/** A day as typed: "30/11" (year to infer), or relative to the clinic's today. */
export type TypedDay = { day: number; month: number; year?: number } | { offset: number };

export type DoctorCommand =
  | { kind: "agenda"; when: string }
  | { kind: "patient"; query: string }
  /** `text`: the items typed after "receita", as the doctor wrote them. */
  | { kind: "prescription"; text?: string }
  | { kind: "certificate"; daysOff?: number; startsOn?: TypedDay; withCid: boolean; cid10?: string }
  /** "atestado de comparecimento hoje das 14h às 15h", "atestado 2 horas". */
  | { kind: "attendance"; on?: TypedDay; from?: string; to?: string; hours?: number }
  | { kind: "exams"; exams: string[] }
  /** "adendo <texto>"; empty text: "adendo" alone (saves the open draft as an addendum, or asks for the text). */
  | { kind: "addendum"; text: string };

export function parseCommand(raw: string | undefined): DoctorCommand | undefined {
  const text = normalize(raw);
  const original = (raw ?? "").trim();
  const agenda = /^agenda\b(.*)$/.exec(text);
  if (agenda) return { kind: "agenda", when: (agenda[1] ?? "").replace(/^\s*(de|do|da|para)\s+/, "").trim() };
  const patient = /^paciente\s+(.+)$/i.exec(original);
  if (patient?.[1]) return { kind: "patient", query: patient[1].trim() };
  const prescription = /^\s*receita\b[\s:,-]*([\s\S]*)$/i.exec(original.normalize("NFC"));
  if (prescription && /^receita\b/.test(text)) {
    const items = (prescription[1] ?? "").trim();
    return items ? { kind: "prescription", text: items } : { kind: "prescription" };
  }
  if (/^atestado\b/.test(text)) return certificate(text, original);
  const addendum = /^\s*adendo\b[\s:,-]*([\s\S]*)$/i.exec(original.normalize("NFC"));
  if (addendum && /^adendo\b/.test(text)) return { kind: "addendum", text: (addendum[1] ?? "").trim() };
  const exams = /^(?:pedido de )?exames?\b[\s:]*(.*)$/is.exec(original.normalize("NFC"));
  if (exams && /^(pedido de )?exames?\b/.test(text)) return { kind: "exams", exams: splitList(exams[1] ?? "") };
  return undefined;
}

const COUNT_WORDS: Record<string, number> = { um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, dez: 10, quinze: 15 };
const COUNT = `(\\d{1,3}|${Object.keys(COUNT_WORDS).join("|")})`;
const count = (word: string) => COUNT_WORDS[word] ?? Number(word);

/**
 * "atestado 2 dias", "atestado 3 dias a partir de 30/11", "atestado 1 dia com
 * CID J11"; "atestado de comparecimento hoje das 14h às 15h" and "atestado 2
 * horas" are attendance certificates.
 */
export function certificate(text: string, original: string): DoctorCommand {
  const hours = new RegExp(`\\b${COUNT}\\s*(?:h|horas?)\\b`).exec(text)?.[1];
  const span = /\bdas?\s+(\d{1,2})(?:[:h](\d{2}))?\s*h?\s+(?:as|a|ate)\s+(\d{1,2})(?:[:h](\d{2}))?\s*h?\b/.exec(text);
  const on = typedDay(text);
  if (/\bcomparecimento\b/.test(text) || span || (hours && !/\bdias?\b/.test(text))) {
    return {
      kind: "attendance",
      ...(on ? { on } : {}),
      ...(span ? { from: clock(span[1]!, span[2]), to: clock(span[3]!, span[4]) } : {}),
      ...(hours && !span ? { hours: count(hours) } : {}),
    };
  }
  const days = new RegExp(`\\b${COUNT}\\s*dias?\\b`).exec(text)?.[1];
  const code = /\bcid[\s:-]*([A-Za-z]\d{2}(?:\.?\d)?)\b/i.exec(original)?.[1];
  return {
    kind: "certificate",
    daysOff: days ? count(days) : undefined,
    ...(on ? { startsOn: on } : {}),
    withCid: /\bcid\b/.test(text),
    ...(code ? { cid10: formatCid(code) } : {}),
  };
}

const clock = (hour: string, minute: string | undefined) => `${hour.padStart(2, "0")}:${minute ?? "00"}`;

/** "a partir de 30/11", "desde amanhã", "hoje", "em 02/12/2026". */
function typedDay(text: string): TypedDay | undefined {
  const date = /\b(?:a partir d[eo]|desde|em|no dia|dia|de)?\s*(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?\b/.exec(text);
  if (date) {
    const year = date[3] ? Number(date[3].length === 2 ? `20${date[3]}` : date[3]) : undefined;
    return { day: Number(date[1]), month: Number(date[2]), ...(year ? { year } : {}) };
  }
  if (/\bamanha\b/.test(text)) return { offset: 1 };
  if (/\bontem\b/.test(text)) return { offset: -1 };
  if (/\bhoje\b/.test(text)) return { offset: 0 };
  return undefined;
}

/** "j111" -> "J11.1"; "J11" stays. */
export function formatCid(code: string): string {
  const compact = code.toUpperCase().replace(/\./g, "");
  return compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
}

function splitList(text: string): string[] {
  return text
    .split(/[,;\n]|\s+e\s+/)
    .map((item) => item.trim().replace(/\.$/, ""))
    .filter((item) => item.length > 1);
}
