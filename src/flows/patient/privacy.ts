// The patient's LGPD rights in the chat: a copy of their data ("meus
// dados"), erasure ("apagar meus dados"), withdrawing consent ("revogar
// consentimento"). Each works from the privacy menu and by its words.
import { type Effect, type FlowInput, type StepResult, reply } from "../types.js";
import { menu } from "../choices.js";
import { menuNumber, normalize } from "../understand.js";
import { privacyTexts as p } from "./privacy-texts.js";
import type { PatientState } from "./state.js";
import { patientTexts as t } from "./texts.js";
import { startGivingData } from "./my-data.js";

type Result = StepResult<PatientState>;
const to = (state: PatientState, ...effects: Effect[]): Result => ({ state, effects });

export type PrivacyRequest = "export" | "erase" | "withdraw";

/** Recognises the three requests in free text, in any state after consent. */
export function privacyRequest(text: string): PrivacyRequest | undefined {
  const words = normalize(text);
  if (/\b(apagar|excluir|deletar|remover|apague|exclua)\b.*\bdados\b/.test(words)) return "erase";
  if (/\b(revogar|retirar|cancelar)\b.*\bconsentimento\b/.test(words)) return "withdraw";
  if (/^(meus dados|quero meus dados|copia dos meus dados|ver meus dados)$/.test(words)) return "export";
  return undefined;
}

export function startPrivacyRequest(request: PrivacyRequest): Result {
  switch (request) {
    case "export":
      return to({ type: "menu" }, { kind: "exportMyData" });
    case "erase":
      return to({ type: "confirmingErasure" }, menu(p.confirmErasure));
    case "withdraw":
      return to({ type: "confirmingWithdrawal" }, menu(p.confirmWithdrawal));
  }
}

export function privacyMenu(text: string): Result {
  if (menuNumber(text) === 4 || /\b(cpf|endereco)\b/.test(normalize(text))) return startGivingData();
  const request = ({ 1: "export", 2: "erase", 3: "withdraw" } as const)[menuNumber(text) ?? 0] ?? privacyRequest(text);
  if (request) return startPrivacyRequest(request);
  return to({ type: "privacy" }, reply(t.notUnderstood), menu(t.privacy));
}

function yesNo(text: string): 1 | 2 | undefined {
  const choice = menuNumber(text);
  if (choice === 1 || choice === 2) return choice;
  const words = normalize(text);
  if (/^(sim|confirm|revogar|quero)/.test(words)) return 1;
  if (/^(nao|voltar)/.test(words)) return 2;
  return undefined;
}

export function confirmingErasure(text: string): Result {
  const answer = yesNo(text);
  if (answer === 1) return to({ type: "menu" }, { kind: "requestErasure" });
  if (answer === 2) return to({ type: "menu" }, menu(t.menu));
  return to({ type: "confirmingErasure" }, reply(p.invalid));
}

export function confirmingWithdrawal(text: string): Result {
  const answer = yesNo(text);
  if (answer === 1) return to({ type: "consentDeclined" }, { kind: "withdrawConsent" });
  if (answer === 2) return to({ type: "menu" }, menu(t.menu));
  return to({ type: "confirmingWithdrawal" }, reply(p.invalid));
}

export function privacyEvent(input: FlowInput): Result | undefined {
  switch (input.event?.type) {
    case "dataExported":
      return to({ type: "menu" }, reply(p.exported));
    case "erasureRequested":
      return to({ type: "menu" }, reply(input.event.alreadyOpen ? p.erasureAlreadyOpen : p.erasureRequested));
    case "consentWithdrawn":
      return to({ type: "consentDeclined" }, reply(p.withdrawn));
    default:
      return undefined;
  }
}
