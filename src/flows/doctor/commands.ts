// Reads a doctor's typed command. Pure; the raw text keeps case and dots
// for codes ("CID J11.1") and lists ("hemograma, glicemia").
import { normalize } from "../understand.js";

export type DoctorCommand =
  | { kind: "agenda"; when: string }
  | { kind: "patient"; query: string }
  | { kind: "prescription" }
  | { kind: "certificate"; daysOff?: number; withCid: boolean; cid10?: string }
  | { kind: "exams"; exams: string[] };

export function parseCommand(raw: string | undefined): DoctorCommand | undefined {
  const text = normalize(raw);
  const original = (raw ?? "").trim();
  const agenda = /^agenda\b(.*)$/.exec(text);
  if (agenda) return { kind: "agenda", when: (agenda[1] ?? "").replace(/^\s*(de|do|da|para)\s+/, "").trim() };
  const patient = /^paciente\s+(.+)$/i.exec(original);
  if (patient?.[1]) return { kind: "patient", query: patient[1].trim() };
  if (/^receita\b/.test(text)) return { kind: "prescription" };
  if (/^atestado\b/.test(text)) return certificate(text, original);
  const exams = /^(?:pedido de )?exames?\b[\s:]*(.*)$/is.exec(original.normalize("NFC"));
  if (exams && /^(pedido de )?exames?\b/.test(text)) return { kind: "exams", exams: splitList(exams[1] ?? "") };
  return undefined;
}

function certificate(text: string, original: string): DoctorCommand {
  const days = /\b(\d{1,2})\s*dias?\b/.exec(text)?.[1] ?? (/\bum dia\b/.test(text) ? "1" : undefined);
  const code = /\bcid[\s:-]*([A-Za-z]\d{2}(?:\.?\d)?)\b/i.exec(original)?.[1];
  return {
    kind: "certificate",
    daysOff: days ? Number(days) : undefined,
    withCid: /\bcid\b/.test(text),
    ...(code ? { cid10: formatCid(code) } : {}),
  };
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

/**
 * One prescription line: "Dipirona 500 mg comprimido; 10 comprimidos; tomar 1
 * comprimido de 6 em 6 horas se dor". The first part holds name, strength
 * (a number with a unit) and form.
 */
export function parsePrescriptionLine(line: string) {
  const [head = "", quantity = "", ...rest] = line.split(";").map((part) => part.trim());
  const match = /^(.+?)\s+(\d+(?:[.,]\d+)?\s*(?:mg|g|mcg|µg|ml|mL|UI|%)(?:\s*\/\s*\d*\s*(?:ml|mL|g|dose|gota))?)\s*(.*)$/i.exec(head);
  const instructions = rest.join("; ").trim();
  if (!match || !quantity || !instructions) return undefined;
  return {
    genericName: match[1]!.trim(),
    strength: match[2]!.replace(/\s+/g, " ").trim(),
    form: match[3]!.trim(),
    quantity,
    instructions,
  };
}
