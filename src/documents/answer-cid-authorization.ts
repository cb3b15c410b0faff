// The patient answered whether the CID may go on their atestado. The answer
// (their own words, and when) is recorded on the request; the atestado is
// then issued with the CID only if they agreed, and the doctor told (a chat event).
import type { Sql } from "../db/database.js";
import type { DocumentRequest } from "./document-types.js";
import type { RecordsDeps } from "../records/deps.js";
import type { TurnPlace } from "../records/dictation-steps.js";
import { loadIssueFacts } from "./document-facts.js";
import { createDocument } from "./issue-document.js";

/** "recorded": the answer is kept and the atestado on its way; "notPending": nothing was waiting for it. */
export type CidAnswerOutcome = { kind: "recorded"; granted: boolean } | { kind: "notPending" };

/** `requestId` absent: the answer came as an aside ("autorizo CID") and goes to the chat's newest open question. */
export async function answerCidAuthorization(
  sql: Sql, deps: RecordsDeps, place: TurnPlace, answer: { requestId?: string; granted: boolean; text: string },
): Promise<CidAnswerOutcome> {
  const [request] = await sql.query<{ id: string; professionalId: string; patientId: string; doctorChatKey: string; cid10: string; requestSealed: string }>(
    `SELECT id, "professionalId", "patientId", "doctorChatKey", cid10, "requestSealed" FROM "CidAuthorizationRequest"
     WHERE ($1::text IS NULL OR id = $1) AND "clinicId" = $2 AND "patientChatKey" = $3 AND status = 'pending'
     ORDER BY "createdAt" DESC LIMIT 1 FOR UPDATE`,
    [answer.requestId ?? null, place.clinicId, place.chatKey],
  );
  if (!request) return { kind: "notPending" };
  await sql.query(
    `UPDATE "CidAuthorizationRequest" SET status = $2, "answerText" = $3, "answeredAt" = $4 WHERE id = $1`,
    [request.id, answer.granted ? "granted" : "refused", answer.text.slice(0, 500), place.now],
  );
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
