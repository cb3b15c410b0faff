// "meus documentos": the patient's signed documents, and any of them again.
// The list comes from the turn (src/bot/patient-documents.ts), loaded only
// when this message may need it (wantsDocuments).
import { type Effect, type FlowEvent, type StepResult, reply } from "../types.js";
import { menu } from "../choices.js";
import { documentLabel } from "./clinic-event-texts.js";
import { containsAny, menuNumber, normalize } from "../understand.js";
import type { MyDocumentsState, PatientState } from "./state.js";

export type { MyDocumentsState } from "./state.js";

export interface PatientDocumentItem {
  documentId: string;
  /** "Receita", "Atestado", "Solicitação de exames". */
  label: string;
  /** "23/11/2026" in the clinic's zone. */
  date: string;
  revoked: boolean;
}

export interface PatientDocumentsView {
  items: PatientDocumentItem[];
}


export const documentTexts = {
  none: "Você ainda não tem documentos emitidos por aqui. Quando o médico emitir uma receita, um atestado ou um pedido de exames, eles chegam neste chat.",
  list: (items: PatientDocumentItem[]) => [
    "Seus documentos:",
    ...items.map((item, i) => `*${i + 1}* ${item.label} de ${item.date}${item.revoked ? " (revogado)" : ""}`),
    "",
    "Responda com o número para receber o documento de novo, ou *menu* para voltar.",
  ].join("\n"),
  choose: (count: number) => `Responda com um número de 1 a ${count}, ou *menu* para voltar.`,
  sending: "Enviando o documento...",
  notFound: "Não encontrei esse documento.",
  caption: (label: string, code: string, revoked: boolean) =>
    `Sua ${label} (código ${code}).${revoked ? " Atenção: este documento foi revogado pela clínica." : ""}`,
} as const;

const WORDS = ["documentos", "meus documentos", "minhas receitas", "meus atestados"];

type Result = StepResult<PatientState>;
const to = (state: PatientState, ...effects: Effect[]): Result => ({ state, effects });

/** True when this message may show or pick a document, so the turn loads the list. */
export function wantsDocuments(stored: unknown, rawText: string | undefined): boolean {
  const text = normalize(rawText);
  const type = (stored as { type?: unknown } | null)?.type;
  return type === "myDocuments" || containsAny(text, WORDS) || (type === "menu" && menuNumber(text) === 3);
}

export function showDocuments(view: PatientDocumentsView | undefined): Result {
  const items = view?.items ?? [];
  if (items.length === 0) return to({ type: "menu" }, reply(documentTexts.none));
  return to({ type: "myDocuments", documentIds: items.map((item) => item.documentId) }, menu(documentTexts.list(items)));
}

export function myDocuments(state: MyDocumentsState, text: string, view: PatientDocumentsView | undefined): Result {
  if (containsAny(text, WORDS)) return showDocuments(view);
  const number = menuNumber(text);
  const documentId = number !== undefined ? state.documentIds[number - 1] : undefined;
  if (!documentId) return to(state, reply(documentTexts.choose(state.documentIds.length)));
  return to({ type: "menu" }, reply(documentTexts.sending), { kind: "resendDocument", documentId });
}

/** A document asked for again: the file with its code, or why not. */
export function documentEvent(state: PatientState, event: FlowEvent | undefined): Result | undefined {
  if (event?.type === "documentNotFound") return to(state, reply(documentTexts.notFound));
  if (event?.type !== "documentResent") return undefined;
  const { pdf } = event;
  return to(state, {
    kind: "sendMedia", media: "document", mediaId: pdf.mediaId, mimetype: "application/pdf", filename: pdf.filename,
    caption: documentTexts.caption(documentLabel[pdf.kind], pdf.verificationCode, event.revoked),
  });
}
