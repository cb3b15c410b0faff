// The readable Portuguese draft a doctor confirms in the chat.
import type { ClinicalNote, Medication, NoteItem } from "../../ai/clinical-note.js";

const line = (item: NoteItem) => `- ${item.text}`;

export function medicationLine(m: Medication): string {
  const head = [m.name, m.strength, m.form].filter(Boolean).join(" ");
  const use = [m.dose, m.route, m.frequency, m.duration].filter(Boolean).join(", ");
  return use ? `${head} — ${use}` : head;
}

export function noteSections(note: ClinicalNote): string[] {
  const sections: [string, string[]][] = [
    ["Queixa principal", note.chiefComplaint ? [note.chiefComplaint.text] : []],
    ["História", note.history.map(line)],
    ["Exame físico", note.examination.map(line)],
    ["Avaliação", note.assessment.map((d) => `- ${d.diagnosis}${d.cid10 ? ` (CID ${d.cid10})` : ""}`)],
    ["Conduta", note.plan.map(line)],
    ["Medicamentos", note.medications.map((m) => `- ${medicationLine(m)}`)],
    ["Alergias", note.allergies.map(line)],
    ["Exames solicitados", note.examsRequested.map(line)],
    ["Retorno", note.followUp ? [note.followUp.text] : []],
  ];
  return sections.filter(([, lines]) => lines.length > 0).map(([title, lines]) => `*${title}*\n${lines.join("\n")}`);
}

export function draftMessage(input: { patientName: string; version: number; note: ClinicalNote; dropped: number }): string {
  const sections = noteSections(input.note);
  const parts = [
    `Rascunho da nota de *${input.patientName}* (versão ${input.version}):`,
    ...(sections.length > 0 ? sections : ["(nada estruturado: confira o áudio)"]),
  ];
  if (input.dropped > 0) {
    parts.push(input.dropped === 1
      ? "_1 item sugerido pela IA sem base no que você ditou foi removido._"
      : `_${input.dropped} itens sugeridos pela IA sem base no que você ditou foram removidos._`);
  }
  parts.push("*1* Salvar\n*2* Corrigir\n*3* Descartar\n*4* Salvar como adendo à última nota (ou *é um adendo*)");
  return parts.join("\n\n");
}
