// The doctor's cloud signature approval, handed to its use cases inside the
// turn's transaction; each outcome goes back to the doctor's flow as an event.
import { approveSignatureCode, endSignatureFromChat, requestSignatureApproval } from "../../documents/psc/approve-from-chat.js";
import type { CloudSignDeps } from "../../documents/psc/sign-cloud.js";
import { event, type EffectHandlers, type TurnScope } from "./scope.js";

type SignatureKind = "requestSignatureApproval" | "approveSignatureCode" | "endSignatureSession";

function depsOf(scope: TurnScope): CloudSignDeps {
  const deps = scope.services?.signatures;
  if (!deps) throw new Error("cloud signing services are not configured");
  return deps;
}

const placeOf = (scope: TurnScope) => ({ clinicId: scope.clinicId, chatKey: scope.chatKey });

export const signatureEffects: EffectHandlers<SignatureKind> = {
  requestSignatureApproval: async (sql, effect, scope) =>
    event({ type: "signatureApproval", outcome: await requestSignatureApproval(sql, depsOf(scope), placeOf(scope), effect.professionalId) }),
  approveSignatureCode: async (sql, effect, scope) =>
    event({ type: "signatureApproval", outcome: await approveSignatureCode(sql, depsOf(scope), placeOf(scope), effect.professionalId, effect.code) }),
  endSignatureSession: async (sql, effect) => event({ type: "signatureApproval", outcome: await endSignatureFromChat(sql, effect.professionalId) }),
};
