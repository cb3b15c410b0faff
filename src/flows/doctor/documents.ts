// Receita, atestado and exames from the doctor's chat: a draft shown back,
// then issued on "1". Checks of mandatory content and controlled drugs run
// when issuing (src/documents/issue-document.ts), against the stored data.
import { type DocumentRequest, type Effect, type StepResult, reply } from "../types.js";
import { menuNumber, saysAny } from "../understand.js";
import type { DoctorCommand, TypedDay } from "./commands.js";
import { startPrescription } from "./prescription.js";
import type { DoctorContext, DoctorState, SelectedPatient } from "./state.js";
import { dayLabel, doctorTexts as t } from "./texts.js";

type Result = StepResult<DoctorState>;
const to = (state: DoctorState, ...effects: Effect[]): Result => ({ state, effects });

export function startDocument(command: DoctorCommand, selected: SelectedPatient, ctx: DoctorContext): Result {
  const keep = { selected };
  switch (command.kind) {
    case "prescription":
      return startPrescription(command.text, selected, ctx);
    case "certificate": {
      if (!command.daysOff || command.daysOff > 365) return to({ type: "idle", ...keep }, reply(t.certificateFormat));
      const startDate = command.startsOn ? resolveDay(command.startsOn, ctx.today) : ctx.today;
      if (!startDate) return to({ type: "idle", ...keep }, reply(t.certificateDateInvalid));
      const cid10 = command.withCid ? command.cid10 ?? ctx.lastNote?.cid10 : undefined;
      if (command.withCid && !cid10) return to({ type: "idle", ...keep }, reply(t.certificateCidUnknown));
      return review({ kind: "certificate", daysOff: command.daysOff, startDate, ...(cid10 ? { cid10 } : {}) }, selected);
    }
    case "attendance": {
      const date = resolveDay(command.on ?? { offset: 0 }, ctx.today);
      if (!date) return to({ type: "idle", ...keep }, reply(t.certificateDateInvalid));
      const span = command.from && command.to && command.from < command.to ? { from: command.from, to: command.to } : undefined;
      const hours = command.hours && command.hours <= 12 ? { hours: command.hours } : undefined;
      if (!span && !hours) return to({ type: "idle", ...keep }, reply(t.attendanceFormat));
      return review({ kind: "certificate", daysOff: 0, startDate: date, attendance: { date, ...(span ?? hours) } }, selected);
    }
    case "exams":
      if (command.exams.length === 0) return to({ type: "idle", ...keep }, reply(t.examsFormat));
      return review({ kind: "exam_request", exams: command.exams }, selected);
    default:
      return to({ type: "idle", ...keep }, reply(t.notUnderstood));
  }
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
      if (request.attendance) {
        const { date, from, to, hours } = request.attendance;
        const when = from && to ? `das ${from} às ${to}` : `por ${hours} ${hours === 1 ? "hora" : "horas"}`;
        return `*Atestado de comparecimento* para ${patient}: ${dayLabel(date)}, ${when}.`;
      }
      return [
        `*Atestado* para ${patient}: ${request.daysOff} ${request.daysOff === 1 ? "dia" : "dias"} de afastamento a partir de ${dayLabel(request.startDate)}.`,
        ...(request.cid10 ? [`Com CID ${request.cid10}: vou pedir a autorização do paciente por escrito antes de emitir.`] : []),
      ].join("\n");
    case "exam_request":
      return [`*Solicitação de exames* para ${patient}:`, ...request.exams.map((exam) => `- ${exam}`)].join("\n");
  }
}

/**
 * "30/11" -> the 30/11 closest to today (so in January "30/12" is last
 * December); an impossible date ("31/02") -> undefined.
 */
export function resolveDay(typed: TypedDay, today: string): string | undefined {
  const [year, month, day] = today.split("-").map(Number) as [number, number, number];
  const base = Date.UTC(year, month - 1, day);
  if ("offset" in typed) return new Date(base + typed.offset * 86_400_000).toISOString().slice(0, 10);
  const candidates = (typed.year ? [typed.year] : [year - 1, year, year + 1])
    .map((y) => Date.UTC(y, typed.month - 1, typed.day))
    .filter((ms) => new Date(ms).getUTCDate() === typed.day && new Date(ms).getUTCMonth() === typed.month - 1);
  const closest = candidates.sort((a, b) => Math.abs(a - base) - Math.abs(b - base))[0];
  return closest === undefined ? undefined : new Date(closest).toISOString().slice(0, 10);
}
