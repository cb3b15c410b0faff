// A doctor confirmed a document in the chat. The rules run here, on the
// stored data, before anything is signed: mandatory content (the message
// names what is missing) and the controlled-drug table (refused with the
// reason). Then either the patient is asked to authorise the CID (a chat
// event their flow asks), or a
// Document row is written and the signing job enqueued, in the turn's transaction.
import { randomUUID } from "node:crypto";
import type { IssueOutcome } from "../chat-events/types.js";
import type { Sql } from "../db/database.js";
import { isAppError } from "../errors.js";
import type { DocumentRequest } from "./document-types.js";
import type { RecordsDeps } from "../records/deps.js";
import type { TurnPlace } from "../records/dictation-steps.js";
import { checkDocument } from "./check-document.js";
import { buildDraft, loadControlledDrugs, loadIssueFacts, type IssueFacts } from "./document-facts.js";
import { insertCidRequest, insertSigningDocument, supersedePendingCidRequests } from "./document-statements.js";
import { loadFormulary } from "./prescription/load-formulary.js";
import { hasUsableCertificate } from "./signers.js";
import { newVerificationCode } from "./verification-code.js";
import { missingPatientData, openPatientDataRequest } from "./patient-data.js";

export const SIGN_JOB = "document-sign";

export interface IssueDocumentInput {
  professionalId: string;
  patientId: string;
  request: DocumentRequest;
}

export type { IssueOutcome };

export async function issueDocument(sql: Sql, deps: RecordsDeps, place: TurnPlace, input: IssueDocumentInput): Promise<IssueOutcome> {
  const facts = await loadIssueFacts(sql, deps.cipher, input.professionalId, input.patientId);
  if (!facts) return { kind: "patientGone" };
  const cid10 = input.request.kind === "certificate" ? input.request.cid10 : undefined;
  const patientData = missingPatientData(facts, input.request.kind);
  try {
    // Checked without the CID first: its authorisation is what we are about to ask for; and with the
    // patient's missing data stood in for, so that only what the chat cannot collect is refused here.
    const standIn = patientData.length > 0 ? withStandIns(facts) : facts;
    checkDocument(buildDraft(standIn, input.request, place.now, { authorized: false }), await loadControlledDrugs(sql), await loadFormulary(sql));
  } catch (error) {
    if (isAppError(error) && (error.code === "document_incomplete" || error.code === "document_blocked")) return { kind: "refused", message: error.message };
    throw error;
  }
  if (!(await hasUsableCertificate(sql, input.professionalId, deps.settings.production, place.now))) return { kind: "noCertificate" };
  if (patientData.length > 0) {
    const requestId = await openPatientDataRequest(sql, deps, place, facts, input.request, patientData);
    return { kind: "patientDataMissing", requestId, fields: patientData, patientName: facts.patient.name ?? facts.patient.phone };
  }
  if (cid10 && input.request.kind === "certificate") {
    const asked = await askCidAuthorization(sql, deps, place, facts, input.request, cid10);
    return { kind: asked ? "cidAsked" : "cidNoConsent", cid10 };
  }
  await createDocument(sql, deps, { facts, request: input.request, issuedAt: place.now, doctorChatKey: place.chatKey, cid: { authorized: false } });
  return { kind: "issuing" };
}

/** A valid CPF and an address in place of the missing ones, only to check the rest of the document. */
function withStandIns(facts: IssueFacts): IssueFacts {
  return { ...facts, patient: { ...facts.patient, cpf: "52998224725", otherDocument: null, address: "(endereço a informar)" } };
}

export async function createDocument(
  sql: Sql, deps: RecordsDeps,
  input: { facts: IssueFacts; request: DocumentRequest; issuedAt: Date; doctorChatKey: string; cid: { cid10?: string; authorized: boolean } },
): Promise<string> {
  const draft = buildDraft(input.facts, input.request, input.issuedAt, input.cid);
  const id = randomUUID();
  await insertSigningDocument(sql, {
    id, clinicId: input.facts.clinic.id, professionalId: input.facts.professional.id, patientId: input.facts.patient.id, kind: draft.kind,
    contentSealed: await deps.sealer.seal(JSON.stringify(draft)), verificationCode: newVerificationCode(), secretCode: newVerificationCode(6),
    requestedByChat: input.doctorChatKey, now: input.issuedAt,
  });
  await deps.enqueue(sql, SIGN_JOB, { documentId: id });
  return id;
}

/** False, with nothing recorded, when the patient withdrew consent: the question cannot be asked in the chat. */
async function askCidAuthorization(
  sql: Sql, deps: RecordsDeps, place: TurnPlace, facts: IssueFacts, request: Extract<DocumentRequest, { kind: "certificate" }>, cid10: string,
): Promise<boolean> {
  const requestId = randomUUID();
  const patientChat = { clinicId: facts.clinic.id, chatKey: facts.patient.phone };
  const question = { type: "cidAuthorizationRequested", requestId, cid10, daysOff: request.daysOff, professionalName: facts.professional.name } as const;
  if (!(await deps.events.toPatient(sql, patientChat, question, requestId, place.now))) return false;
  await supersedePendingCidRequests(sql, facts.clinic.id, facts.patient.phone, place.now);
  await insertCidRequest(sql, {
    id: requestId, clinicId: facts.clinic.id, patientId: facts.patient.id, professionalId: facts.professional.id,
    patientChatKey: facts.patient.phone, doctorChatKey: place.chatKey, cid10, requestSealed: await deps.sealer.seal(JSON.stringify(request)), now: place.now,
  });
  return true;
}
