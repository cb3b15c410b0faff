// Completes a document waiting for the patient's data (patient-data.ts):
// the doctor types it, or the patient is asked in their own chat and
// answers, maybe a day later. Once nothing is missing the document is
// issued as if just confirmed (the rules, the CID question, the signing job).
import type { Sql } from "../db/database.js";
import type { PatientDataRequestRow } from "../db/rows.js";
import type { RecordsDeps } from "../records/deps.js";
import type { TurnPlace } from "../records/dictation-steps.js";
import { loadIssueFacts } from "./document-facts.js";
import {
  findChatHolder, findDependant, findPatientOfClinic, lockPatientDataRequest, markPatientDataAsked, markPatientDataIssued,
} from "./document-statements.js";
import type { DocumentRequest } from "./document-types.js";
import { issueDocument, type IssueOutcome } from "./issue-document.js";
import { missingPatientData, savePatientData, type PatientData, type PatientDataField } from "./patient-data.js";

export type SupplyOutcome = IssueOutcome | { kind: "stillMissing"; fields: PatientDataField[] } | { kind: "notOpen" };

const isWaiting = (row: PatientDataRequestRow | undefined): row is PatientDataRequestRow => row?.status === "open" || row?.status === "asked";

/** The doctor typed the data in their chat. */
export async function supplyPatientDataByDoctor(
  sql: Sql, deps: RecordsDeps, place: TurnPlace, input: { requestId: string } & PatientData,
): Promise<SupplyOutcome> {
  const row = await lockPatientDataRequest(sql, place.clinicId, input.requestId);
  if (!isWaiting(row) || row.doctorChatKey !== place.chatKey) return { kind: "notOpen" };
  await savePatientData(sql, deps.cipher, place.clinicId, row.patientId, input, place.now);
  return issueWhenComplete(sql, deps, place, row);
}

export type AskOutcome =
  | { kind: "asked"; fields: PatientDataField[]; patientName: string }
  | { kind: "noConsent"; requestId: string; fields: PatientDataField[]; patientName: string }
  | { kind: "notOpen" };

/** "pedir ao paciente": a chat event asks the patient; false from toPatient means consent was withdrawn. */
export async function askPatientForData(sql: Sql, deps: RecordsDeps, place: TurnPlace, requestId: string): Promise<AskOutcome> {
  const row = await lockPatientDataRequest(sql, place.clinicId, requestId);
  if (!isWaiting(row) || row.doctorChatKey !== place.chatKey) return { kind: "notOpen" };
  const facts = await loadIssueFacts(sql, deps.cipher, row.professionalId, row.patientId);
  if (!facts) return { kind: "notOpen" };
  const request = JSON.parse(await deps.sealer.open(row.requestSealed)) as DocumentRequest;
  const fields = missingPatientData(facts, request.kind);
  const patientName = facts.patient.name ?? facts.patient.phone;
  // A dependant's document is asked of the guardian, naming whose data it is.
  const dependant = await findDependant(sql, row.patientId);
  const event = {
    type: "patientDataRequested", requestId, fields, documentKind: request.kind, professionalName: facts.professional.name,
    ...(dependant ? { forName: dependant.name ?? patientName } : {}),
  } as const;
  if (!(await deps.events.toPatient(sql, { clinicId: place.clinicId, chatKey: row.patientChatKey }, event, requestId, place.now))) {
    return { kind: "noConsent", requestId, fields, patientName };
  }
  await markPatientDataAsked(sql, requestId, place.now);
  return { kind: "asked", fields, patientName };
}

export type PatientAnswerOutcome = { kind: "saved"; documentComing: boolean };

/**
 * The patient gave their data: from the clinic's question (requestId) or on
 * their own from the privacy menu. Stored on their profile; a waiting
 * document is issued and the doctor told.
 */
export async function answerPatientData(
  sql: Sql, deps: RecordsDeps, place: TurnPlace, input: { requestId?: string } & PatientData,
): Promise<PatientAnswerOutcome> {
  const asked = input.requestId ? await lockPatientDataRequest(sql, place.clinicId, input.requestId) : undefined;
  const row = isWaiting(asked) && asked.patientChatKey === place.chatKey ? asked : undefined;
  // The data is for whom the document is: the chat's patient, or a dependant booked for in this chat.
  const patient = row ? await findPatientOfClinic(sql, place.clinicId, row.patientId) : await findChatHolder(sql, place);
  if (!patient) return { kind: "saved", documentComing: false };
  await savePatientData(sql, deps.cipher, place.clinicId, patient.id, input, place.now);
  if (!row) return { kind: "saved", documentComing: false };
  const outcome = await issueWhenComplete(sql, deps, { ...place, chatKey: row.doctorChatKey }, row);
  if (outcome.kind === "stillMissing" || outcome.kind === "notOpen") return { kind: "saved", documentComing: false };
  await deps.events.toDoctor(sql, { clinicId: place.clinicId, chatKey: row.doctorChatKey },
    { type: "patientDataAnswered", requestId: row.id, patientName: patient.name ?? place.chatKey, outcome }, row.id, place.now);
  return { kind: "saved", documentComing: outcome.kind === "issuing" || outcome.kind === "cidAsked" };
}

/** Issues the waiting document once nothing is missing; "stillMissing" otherwise. `place` is the doctor's chat. */
async function issueWhenComplete(sql: Sql, deps: RecordsDeps, place: TurnPlace, row: PatientDataRequestRow): Promise<SupplyOutcome> {
  const facts = await loadIssueFacts(sql, deps.cipher, row.professionalId, row.patientId);
  if (!facts) return { kind: "patientGone" };
  const request = JSON.parse(await deps.sealer.open(row.requestSealed)) as DocumentRequest;
  const fields = missingPatientData(facts, request.kind);
  if (fields.length > 0) return { kind: "stillMissing", fields };
  await markPatientDataIssued(sql, row.id, place.now);
  return issueDocument(sql, deps, place, { professionalId: row.professionalId, patientId: row.patientId, request });
}
