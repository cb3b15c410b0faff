// Signing with the doctor's cloud certificate, as the doctor sees it: asked
// to approve in the PSC's app (VIDaaS) or to type the app's code (BirdID and
// the others), "assinar" to ask again, "sair da assinatura" to end the
// session. The code is handed to the PSC in the same turn through an effect;
// the state only remembers that a code was asked for, never the code.
import type { DoctorChatEvent } from "../../chat-events/types.js";
import type { SignatureApprovalOutcome } from "../../documents/psc/approve-from-chat.js";
import { type Effect, type StepResult, reply } from "../types.js";
import type { DoctorContext, DoctorState } from "./state.js";
import { signatureTexts as t } from "./signature-texts.js";

type Result = StepResult<DoctorState>;
const to = (state: DoctorState, ...effects: Effect[]): Result => ({ state, effects });
const withoutCode = (state: DoctorState): DoctorState => ({ ...state, signatureCode: undefined });

// App codes are 6 digits today (BirdID); a menu answer is 1 or 2, so it is never taken for a code.
const CODE = /^\d{4,10}$/;

/** The doctor's text, when it is about cloud signing; undefined otherwise. */
export function answerSignature(state: DoctorState, raw: string, text: string, ctx: DoctorContext): Result | undefined {
  const professionalId = ctx.professional.id;
  if (text === "sair da assinatura" || text === "encerrar assinatura") return to(withoutCode(state), { kind: "endSignatureSession", professionalId });
  if (text === "assinar" || text === "assinar documentos") return to(withoutCode(state), { kind: "requestSignatureApproval", professionalId });
  const code = raw.replace(/[\s.-]/g, "");
  if (state.signatureCode && CODE.test(code)) return to(withoutCode(state), { kind: "approveSignatureCode", professionalId, code });
  return undefined;
}

type SignatureEvent = Extract<DoctorChatEvent, { type: "signatureApprovalNeeded" | "signatureApproved" | "signatureFailed" }>;

/** What the signing jobs tell the doctor's chat. */
export function onSignatureEvent(state: DoctorState, event: SignatureEvent): Result {
  switch (event.type) {
    case "signatureApprovalNeeded":
      return event.approval === "push"
        ? to(state, reply(t.approvePush(event.provider, event.waiting)))
        : to({ ...state, signatureCode: { provider: event.provider } }, reply(t.typeCode(event.provider, event.waiting)));
    case "signatureApproved":
      return to(state, reply(t.approved(event.sessionHours, event.waiting)));
    case "signatureFailed":
      return to(withoutCode(state), reply(t.failed(event.failure)));
  }
}

/** The outcome of the doctor's own "assinar", code or "sair da assinatura". */
export function onSignatureApproval(state: DoctorState, outcome: SignatureApprovalOutcome): Result {
  switch (outcome.kind) {
    case "notLinked":
      return to(state, reply(t.notLinked));
    case "nothingWaiting":
      return to(state, reply(t.nothingWaiting));
    case "resuming":
      return to(state, reply(t.resuming(outcome.waiting)));
    case "pushSent":
      return to(state, reply(t.approvePush(outcome.provider, outcome.waiting)));
    case "codeAsked":
      return to({ ...state, signatureCode: { provider: outcome.provider } }, reply(t.typeCode(outcome.provider, outcome.waiting)));
    case "approved":
      return to(state, reply(outcome.waiting > 0 ? t.approved(outcome.sessionHours, outcome.waiting) : t.approvedNothingWaiting(outcome.sessionHours)));
    case "failed":
      // A wrong code is asked again (the doctor types the app's next code); nothing is retried with the old one.
      return outcome.failure === "wrong_code"
        ? to({ ...state, signatureCode: { provider: outcome.provider } }, reply(t.wrongCode(outcome.provider)))
        : to(state, reply(t.failed(outcome.failure)));
    case "ended":
      return to(state, reply(t.ended));
  }
}
