// The patient answered whether the CID may go on their atestado. The answer
// (their own words, and when) is recorded on the request; the atestado is
// then issued with the CID only if they agreed.
import type { Sql } from "../db/database.js";
import type { DocumentRequest } from "../flows/types.js";
import type { RecordsDeps } from "../records/deps.js";
import type { TurnPlace } from "../records/dictation-steps.js";
import { queueText } from "../bot/chat-writes.js";
import { loadIssueFacts } from "./document-facts.js";
import { createDocument } from "./issue-document.js";

export const cidTexts = {
  notPending: "Esse pedido de autorização não está mais pendente.",
  thanks: (granted: boolean) => granted
    ? "Obrigado! Registrei sua autorização. Seu atestado com o CID chega aqui em instantes."
    : "Tudo bem, registrei que você não autoriza. Seu atestado sai sem o CID e chega aqui em instantes.",
  doctor: (granted: boolean, cid: string) => granted
    ? `O paciente autorizou por escrito incluir o CID ${cid}. Emitindo o atestado com o CID.`
    : `O paciente não autorizou incluir o CID ${cid}. Emitindo o atestado sem o CID.`,
} as const;

export async function answerCidAuthorization(
  sql: Sql, deps: RecordsDeps, place: TurnPlace, answer: { requestId: string; granted: boolean; text: string },
): Promise<string[]> {
  const [request] = await sql.query<{ id: string; professionalId: string; patientId: string; doctorChatKey: string; cid10: string; requestSealed: string }>(
    `SELECT id, "professionalId", "patientId", "doctorChatKey", cid10, "requestSealed" FROM "CidAuthorizationRequest"
     WHERE id = $1 AND "clinicId" = $2 AND "patientChatKey" = $3 AND status = 'pending' FOR UPDATE`,
    [answer.requestId, place.clinicId, place.chatKey],
  );
  if (!request) return [cidTexts.notPending];
  await sql.query(
    `UPDATE "CidAuthorizationRequest" SET status = $2, "answerText" = $3, "answeredAt" = $4 WHERE id = $1`,
    [request.id, answer.granted ? "granted" : "refused", answer.text.slice(0, 500), place.now],
  );
  const facts = await loadIssueFacts(sql, request.professionalId, request.patientId);
  if (!facts) return [cidTexts.notPending];
  const certificate = JSON.parse(await deps.sealer.open(request.requestSealed)) as DocumentRequest;
  await createDocument(sql, deps, {
    facts, request: certificate, issuedAt: place.now, doctorChatKey: request.doctorChatKey,
    cid: { cid10: request.cid10, authorized: answer.granted },
  });
  await queueText(sql, deps.cipher, { clinicId: place.clinicId, chatKey: request.doctorChatKey }, cidTexts.doctor(answer.granted, request.cid10), place.now);
  return [cidTexts.thanks(answer.granted)];
}
