// The patient answered whether the CID may go on their atestado. The answer
// (their own words, and when) is recorded on the request; the atestado is
// then issued with the CID only if they agreed, and the doctor told (a chat event).
import type { Sql } from "../db/database.js";
import type { DocumentRequest } from "./document-types.js";
import type { RecordsDeps } from "../records/deps.js";
import type { TurnPlace } from "../records/dictation-steps.js";
import { loadIssueFacts } from "./document-facts.js";
import { lockPendingCidRequest, recordCidAnswerRow } from "./document-statements.js";
import { createDocument } from "./issue-document.js";

/** "recorded": the answer is kept and the atestado on its way; "notPending": nothing was waiting for it. */
export type CidAnswerOutcome = { kind: "recorded"; granted: boolean } | { kind: "notPending" };

/** `requestId` absent: the answer came as an aside ("autorizo CID") and goes to the chat's newest open question. */
export async function answerCidAuthorization(
  sql: Sql, deps: RecordsDeps, place: TurnPlace, answer: { requestId?: string; granted: boolean; text: string },
): Promise<CidAnswerOutcome> {
  const request = await lockPendingCidRequest(sql, place, answer.requestId ?? null);
  if (!request) return { kind: "notPending" };
  await recordCidAnswerRow(sql, request.id, answer.granted ? "granted" : "refused", answer.text.slice(0, 500), place.now);
  const facts = await loadIssueFacts(sql, deps.cipher, request.professionalId, request.patientId);
  if (!facts) return { kind: "notPending" };
  const certificate = JSON.parse(await deps.sealer.open(request.requestSealed)) as DocumentRequest;
  await createDocument(sql, deps, {
    facts, request: certificate, issuedAt: place.now, doctorChatKey: request.doctorChatKey,
    cid: { cid10: request.cid10, authorized: answer.granted },
  });
  await deps.events.toDoctor(sql, { clinicId: place.clinicId, chatKey: request.doctorChatKey },
    { type: "cidAnswered", requestId: request.id, cid10: request.cid10, granted: answer.granted, patientName: facts.patient.name ?? facts.patient.phone },
    request.id, place.now);
  return { kind: "recorded", granted: answer.granted };
}
