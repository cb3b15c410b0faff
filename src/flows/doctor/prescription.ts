// "receita <itens>" in the doctor's chat: the typed items are read by the
// deterministic parser, shown numbered with the computed quantity, unknown
// drugs, misspellings and allergy warnings; one item is corrected by its
// number ("corrigir 2 amoxicilina 875 mg 12/12h 7 dias"), not all retyped.
import { blockedMessage } from "../../documents/check-document.js";
import type { ControlledDrug } from "../../documents/document-types.js";
import { findControlledDrugs } from "../../documents/find-controlled-drugs.js";
import { checkAllergies } from "../../documents/prescription/check-allergies.js";
import { buildFormulary, builtInFormulary, type Formulary } from "../../documents/prescription/formulary.js";
import { parsePrescription } from "../../documents/prescription/parse-prescription.js";
import type { ParsedItem } from "../../documents/prescription/prescription-item.js";
import { type DocumentRequest, type Effect, type StepResult, reply } from "../types.js";
import { menuNumber, saysAny } from "../understand.js";
import type { DoctorContext, DoctorState, LastNoteView, PrescriptionDraftState, SelectedPatient } from "./state.js";
import { doctorTexts as t } from "./texts.js";

type Result = StepResult<DoctorState>;
const to = (state: DoctorState, ...effects: Effect[]): Result => ({ state, effects });

/** The built-in formulary with the admins' entries merged, so a brand they added is read as its substance here as when issuing. */
const formularyOf = (ctx: DoctorContext | undefined): Formulary =>
  ctx?.formularyEntries && ctx.formularyEntries.length > 0 ? buildFormulary(ctx.formularyEntries) : builtInFormulary;

/** "receita" alone offers the last note's medications; "receita <itens>" reads the items typed. */
export function startPrescription(text: string | undefined, selected: SelectedPatient, ctx: DoctorContext): Result {
  const allergies = ctx.lastNote?.allergies ?? [];
  if (text) return typedPrescription(text, selected, allergies, ctx);
  const items = itemsFromNote(ctx.lastNote, formularyOf(ctx));
  if (items.length === 0) return to({ type: "typingPrescription", selected, allergies }, reply(t.documentNeedsNote));
  return review(items, allergies, selected, ctx);
}

export function typedPrescription(raw: string, selected: SelectedPatient, allergies: string[] = [], ctx?: DoctorContext): Result {
  const items = parsePrescription(raw, formularyOf(ctx));
  if (items.length === 0 || items.some((item) => item.writtenName === "")) {
    return to({ type: "typingPrescription", selected, allergies }, reply(t.prescriptionFormat));
  }
  return review(items, allergies, selected, ctx);
}

/**
 * Medications of the last confirmed note, read by the same parser as typed
 * items ("Dipirona 500 mg comprimido um comprimido de 6 em 6 horas por 3 dias").
 */
function itemsFromNote(note: LastNoteView | undefined, formulary: Formulary): ParsedItem[] {
  return (note?.medications ?? []).flatMap((m) => {
    const line = [m.name, m.strength, m.form, m.dose, m.route, m.frequency, m.duration].filter(Boolean).join(" ");
    return parsePrescription(line.replace(/[\n;]/g, " "), formulary).slice(0, 1);
  });
}

function review(items: ParsedItem[], allergies: string[], selected: SelectedPatient, ctx: DoctorContext | undefined): Result {
  const state: DoctorState = { type: "reviewingPrescription", items, allergies, selected };
  return to(state, reply(describePrescription(items, allergies, selected.name, ctx?.controlledDrugs, formularyOf(ctx))));
}

/** `controlled` and `formulary`: the clinic's controlled-drug table and names, so the preview warns before "1 Emitir" refuses. */
export function describePrescription(
  items: ParsedItem[], allergies: string[], patient: string, controlled: readonly ControlledDrug[] = [], formulary: Formulary = builtInFormulary,
): string {
  const warnings = checkAllergies(allergies, items, formulary);
  const lines = [t.prescriptionTitle(patient)];
  items.forEach((item, index) => {
    lines.push(t.prescriptionItem(index + 1, item), `   ${item.posology}`);
    const missing = missingFields(item);
    if (missing.length > 0) lines.push(`   ${t.itemMissing(missing)}`);
    if (item.unknownDrug) lines.push(`   ${t.unknownDrug(item.writtenName)}`);
    if (item.match === "typo") lines.push(`   ${t.typoDrug(item.writtenName, item.substances.join(" + "))}`);
    if (item.doseAssumed && item.dose) lines.push(`   ${t.doseAssumed}`);
  });
  for (const warning of warnings) lines.push(t.allergyWarning(warning.allergy, warning.item + 1, warning.substance, warning.drugClass));
  const blocked = findControlledDrugs(items.map(toRequestItem), controlled, formulary);
  if (blocked.length > 0) lines.push(`⛔ ${blockedMessage(blocked)} ${t.removeBlocked}`);
  const needsConfirmation = warnings.length > 0 || items.some((item) => item.unknownDrug || item.match === "typo");
  // A blocked item cannot be issued however the doctor confirms: only correcting or removing it is offered.
  const actions = blocked.length > 0 ? t.prescriptionActionsBlocked : needsConfirmation ? t.prescriptionActionsConfirm : t.prescriptionActions(items.length);
  return [...lines, "", actions].join("\n");
}

/** The details CFM asks of each item that the doctor has not written. */
export function missingFields(item: ParsedItem): string[] {
  const posology = item.frequency || item.timing || item.asNeeded || item.continuous || item.extra;
  return [
    ...(item.strength ? [] : ["concentração"]),
    ...(item.form ? [] : ["forma farmacêutica"]),
    ...(item.quantity ? [] : ["quantidade"]),
    ...(posology ? [] : ["posologia"]),
  ];
}

export function answerPrescription(state: Extract<DoctorState, PrescriptionDraftState>, raw: string, text: string, ctx: DoctorContext): Result | undefined {
  const selected = state.selected;
  if (!selected) return to({ type: "idle" }, reply(t.noPatientChosen));
  const { items } = state;
  const correction = /^\s*(?:corrigir|corrige|correcao|trocar|item)\s+(\d{1,2})\b[\s:.,-]*([\s\S]*)$/i.exec(raw.normalize("NFC"));
  if (correction && /^(?:corrigir|corrige|correcao|trocar|item)\b/.test(text)) return correct(state, Number(correction[1]) - 1, correction[2]!.trim(), ctx);
  const removal = /^(?:remover|excluir|tirar|apagar)\s+(?:o\s+)?(?:item\s+)?(\d{1,2})$/.exec(text);
  if (removal) return remove(state, Number(removal[1]) - 1, ctx);
  const addition = /^\s*(?:incluir|adicionar|acrescentar)\s+([\s\S]+)$/i.exec(raw);
  if (addition && /^(?:incluir|adicionar|acrescentar)\b/.test(text)) return withItems(state, [...items, ...parsePrescription(addition[1]!, formularyOf(ctx))], ctx);
  if (state.type === "choosingItemToCorrect") {
    const number = menuNumber(text);
    if (number !== undefined) return correct(state, number - 1, "", ctx);
    return to(state, reply(t.chooseItem(items.length)));
  }
  if (state.type === "correctingItem") return correct(state, state.index, raw.trim(), ctx);
  return answerReview(state, text, ctx);
}

function answerReview(state: Extract<PrescriptionDraftState, { type: "reviewingPrescription" }> & { selected?: SelectedPatient }, text: string, ctx: DoctorContext): Result | undefined {
  const selected = state.selected!;
  const choice = menuNumber(text);
  const confirmed = saysAny(text, ["confirmo", "emitir mesmo assim", "confirmar mesmo assim"]);
  if (choice === 1 || confirmed || saysAny(text, ["emitir", "sim", "confirmar", "ok"])) {
    const missing = state.items.flatMap((item, index) => missingFields(item).map((field) => `${field} do item ${index + 1}`));
    if (missing.length > 0) return to(state, reply(t.prescriptionIncomplete(missing)));
    // Issuing would refuse it anyway; refused here, the draft stays for the doctor to fix the one item.
    const blocked = findControlledDrugs(state.items.map(toRequestItem), ctx.controlledDrugs ?? [], formularyOf(ctx));
    if (blocked.length > 0) return to(state, reply(`⛔ ${blockedMessage(blocked)} ${t.removeBlocked}`));
    const needsConfirmation = checkAllergies(state.allergies, state.items, formularyOf(ctx)).length > 0 || state.items.some((item) => item.unknownDrug || item.match === "typo");
    if (needsConfirmation && !confirmed) return to(state, reply(t.confirmWarnings));
    const request: DocumentRequest = { kind: "prescription", items: state.items.map(toRequestItem) };
    return to({ type: "idle", selected }, { kind: "issueDocument", professionalId: ctx.professional.id, patientId: selected.patientId, request });
  }
  if (choice === 2 || saysAny(text, ["corrigir", "correcao"])) {
    if (state.items.length === 1) return correct(state, 0, "", ctx);
    return to({ type: "choosingItemToCorrect", items: state.items, allergies: state.allergies, selected }, reply(t.chooseItem(state.items.length)));
  }
  if (choice === 3 || saysAny(text, ["descartar"])) return to({ type: "idle", selected }, reply(t.cancelled));
  return undefined;
}

function correct(state: Extract<DoctorState, PrescriptionDraftState>, index: number, text: string, ctx: DoctorContext): Result {
  const { items, allergies, selected } = state;
  if (index < 0 || index >= items.length) return to(state, reply(t.chooseItem(items.length)));
  if (text === "") return to({ type: "correctingItem", items, allergies, index, selected }, reply(t.askItemCorrection(index + 1, items[index]!)));
  const replacement = parsePrescription(text, formularyOf(ctx));
  if (replacement.length === 0 || replacement.some((item) => item.writtenName === "")) {
    return to({ type: "correctingItem", items, allergies, index, selected }, reply(t.itemNotUnderstood(index + 1)));
  }
  return withItems(state, [...items.slice(0, index), ...replacement, ...items.slice(index + 1)], ctx);
}

function remove(state: Extract<DoctorState, PrescriptionDraftState>, index: number, ctx: DoctorContext): Result {
  if (index < 0 || index >= state.items.length) return to(state, reply(t.chooseItem(state.items.length)));
  const items = state.items.filter((_, i) => i !== index);
  if (items.length === 0) return to({ type: "typingPrescription", selected: state.selected, allergies: state.allergies }, reply(t.prescriptionFormat));
  return withItems(state, items, ctx);
}

function withItems(state: Extract<DoctorState, PrescriptionDraftState>, items: ParsedItem[], ctx: DoctorContext): Result {
  return review(items, state.allergies, state.selected!, ctx);
}

/** The item as the document stores and prints it: the posology is the instructions line. */
export function toRequestItem(item: ParsedItem): Extract<DocumentRequest, { kind: "prescription" }>["items"][number] {
  return { genericName: item.genericName, strength: item.strength, form: item.form, quantity: item.quantity, instructions: item.posology };
}
