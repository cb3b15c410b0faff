// The doctor wants the CID-10 code on an atestado: the patient decides, in
// writing. src/documents/issue-document.ts raises the question as a chat
// event, and clinic-events.ts asks it; the answer is recorded with the
// patient's own words.
import type { CidAnswerOutcome } from "../../documents/answer-cid-authorization.js";
import { type Effect, type StepResult, reply } from "../types.js";
import { containsAny, menuNumber, saysAny } from "../understand.js";
import type { CidAuthorizationState, PatientState } from "./state.js";


export const cidAuthorizationTexts = {
  notPending: "Esse pedido de autorização não está mais pendente.",
  thanks: (granted: boolean) => granted
    ? "Obrigado! Registrei sua autorização. Seu atestado com o CID chega aqui em instantes."
    : "Tudo bem, registrei que você não autoriza. Seu atestado sai sem o CID e chega aqui em instantes.",
  again: (cid: string) => `Para o atestado: você autoriza incluir o código da doença (CID ${cid})?\n*1* Autorizo incluir o CID\n*2* Não autorizo (o atestado sai sem o CID)`,
} as const;

type Result = StepResult<PatientState>;
const to = (state: PatientState, ...effects: Effect[]): Result => ({ state, effects });

export function answeringCid(state: CidAuthorizationState, text: string, rawText: string): Result {
  const number = menuNumber(text);
  const refused = number === 2 || containsAny(text, ["nao", "recuso"]);
  const granted = !refused && (number === 1 || saysAny(text, ["sim", "autorizo", "pode", "ok", "s"]));
  if (!refused && !granted) return to(state, reply(cidAuthorizationTexts.again(state.cid10)));
  const label = granted ? "Autorizo incluir o CID" : "Não autorizo incluir o CID";
  return to({ type: "menu" }, {
    kind: "answerCidAuthorization", requestId: state.requestId, granted,
    text: `${rawText.trim()} (${label} ${state.cid10} no atestado)`,
  });
}

/**
 * "autorizo CID" / "não autorizo CID" typed in the middle of something else
 * (the question came aside, clinic-events.ts): answers the chat's open
 * question and leaves the patient where they were.
 */
export function cidAside(state: PatientState, text: string, rawText: string): Result | undefined {
  // Both words, so "não sei o que é CID" is no answer.
  if (state.type === "answeringCid" || !containsAny(text, ["cid"]) || !containsAny(text, ["autorizo", "recuso"])) return undefined;
  const refused = containsAny(text, ["nao", "recuso"]);
  const label = refused ? "Não autorizo incluir o CID" : "Autorizo incluir o CID";
  return to(state, { kind: "answerCidAuthorization", granted: !refused, text: `${rawText.trim()} (${label} no atestado)` });
}

/** The answer was recorded (or found nothing waiting for it). */
export function cidAnswered(state: PatientState, outcome: CidAnswerOutcome): Result {
  return to(state, reply(outcome.kind === "recorded" ? cidAuthorizationTexts.thanks(outcome.granted) : cidAuthorizationTexts.notPending));
}
