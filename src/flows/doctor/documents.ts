// Receita, atestado and exames from the doctor's chat: a draft shown back,
// then issued on "1". Checks of mandatory content and controlled drugs run
// when issuing (src/documents/issue-document.ts), against the stored data.
import { type DocumentRequest, type Effect, type StepResult, reply } from "../types.js";
import { menuNumber, saysAny } from "../understand.js";
import { parsePrescriptionLine, type DoctorCommand } from "./commands.js";
import type { DoctorContext, DoctorState, LastNoteView, SelectedPatient } from "./state.js";
import { dayLabel, doctorTexts as t } from "./texts.js";

type Result = StepResult<DoctorState>;
const to = (state: DoctorState, ...effects: Effect[]): Result => ({ state, effects });

export function startDocument(command: DoctorCommand, selected: SelectedPatient, ctx: DoctorContext): Result {
  const keep = { selected };
  switch (command.kind) {
    case "prescription": {
      const items = itemsFromNote(ctx.lastNote);
      if (items.length === 0) return to({ type: "typingPrescription", ...keep }, reply(t.documentNeedsNote));
      return review({ kind: "prescription", items }, selected);
    }
    case "certificate": {
      if (!command.daysOff || command.daysOff > 365) return to({ type: "idle", ...keep }, reply(t.certificateFormat));
      const cid10 = command.withCid ? command.cid10 ?? ctx.lastNote?.cid10 : undefined;
      if (command.withCid && !cid10) return to({ type: "idle", ...keep }, reply(t.certificateCidUnknown));
      return review({ kind: "certificate", daysOff: command.daysOff, startDate: ctx.today, ...(cid10 ? { cid10 } : {}) }, selected);
    }
    case "exams":
      if (command.exams.length === 0) return to({ type: "idle", ...keep }, reply(t.examsFormat));
      return review({ kind: "exam_request", exams: command.exams }, selected);
    default:
      return to({ type: "idle", ...keep }, reply(t.notUnderstood));
  }
}

export function typedPrescription(raw: string, selected: SelectedPatient): Result {
  const lines = raw.split("\n").map((line) => line.trim()).filter(Boolean);
  const items = lines.map(parsePrescriptionLine);
  if (items.length === 0 || items.some((item) => item === undefined)) {
    return to({ type: "typingPrescription", selected }, reply(t.prescriptionFormat));
  }
  return review({ kind: "prescription", items: items as NonNullable<(typeof items)[number]>[] }, selected);
}

export function reviewingDocument(
  state: Extract<DoctorState, { type: "reviewingDocument" }>, text: string, ctx: DoctorContext,
): Result | undefined {
  const selected = state.selected;
  if (!selected) return to({ type: "idle" }, reply(t.noPatientChosen));
  const choice = menuNumber(text);
  if (choice === 1 || saysAny(text, ["emitir", "sim", "confirmar", "ok"])) {
    return to(
      { type: "idle", selected },
      { kind: "issueDocument", professionalId: ctx.professional.id, patientId: selected.patientId, request: state.request },
    );
  }
  if (choice === 2 || saysAny(text, ["corrigir"])) {
    if (state.request.kind === "prescription") return to({ type: "typingPrescription", selected }, reply(t.prescriptionFormat));
    return to({ type: "idle", selected }, reply(t.documentCorrect));
  }
  if (choice === 3 || saysAny(text, ["cancelar", "descartar"])) return to({ type: "idle", selected }, reply(t.cancelled));
  return undefined;
}

function review(request: DocumentRequest, selected: SelectedPatient): Result {
  return to({ type: "reviewingDocument", request, selected }, reply(`${describeRequest(request, selected.name)}\n\n${t.documentActions}`));
}

export function describeRequest(request: DocumentRequest, patient: string): string {
  switch (request.kind) {
    case "prescription":
      return [`*Receita* para ${patient}:`, ...request.items.map((item, i) =>
        `${i + 1}. ${item.genericName} ${item.strength} ${item.form} — ${item.quantity}\n   ${item.instructions}`)].join("\n");
    case "certificate":
      return [
        `*Atestado* para ${patient}: ${request.daysOff} dia(s) de afastamento a partir de ${dayLabel(request.startDate)}.`,
        ...(request.cid10 ? [`Com CID ${request.cid10}: vou pedir a autorização do paciente por escrito antes de emitir.`] : []),
      ].join("\n");
    case "exam_request":
      return [`*Solicitação de exames* para ${patient}:`, ...request.exams.map((exam) => `- ${exam}`)].join("\n");
  }
}

/**
 * Medications of the last confirmed note as prescription items. A detail the
 * doctor did not dictate stays empty, and the check before signing names it.
 */
function itemsFromNote(note: LastNoteView | undefined) {
  return (note?.medications ?? []).map((m) => ({
    genericName: m.name,
    strength: m.strength ?? "",
    form: m.form ?? "",
    quantity: m.duration ? `quantidade suficiente ${m.duration.startsWith("por ") ? m.duration : `para ${m.duration}`}` : "",
    instructions: [m.dose, m.route, m.frequency, m.duration].filter(Boolean).join(", "),
  }));
}
