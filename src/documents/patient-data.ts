// A confirmed document that lacks what the law asks of the patient (CPF or
// another identity document; the address on a prescription) is not a dead
// end: the request is kept (sealed, in PatientDataRequest, so a patient who
// answers a day later loses nothing), the doctor types the data or has the
// patient asked in their own chat, and the document is issued as soon as it
// is complete. This file opens the request and stores the data; supply-patient-data.ts
// the use cases that complete it.
import { randomUUID } from "node:crypto";
import type { PatientDataField } from "../chat-events/types.js";
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";
import { savePatientIdentity } from "../records/patient-identity.js";
import type { RecordsDeps } from "../records/deps.js";
import type { TurnPlace } from "../records/dictation-steps.js";
import { isValidCpf } from "./cpf.js";
import { insertPatientDataRequest, supersedePatientDataRequests } from "./document-statements.js";
import type { IssueFacts } from "./document-facts.js";
import type { DocumentRequest } from "./document-types.js";

export type { PatientDataField };

export interface PatientData {
  cpf?: string;
  address?: string;
}

/** The patient fields a request still lacks, in the order they are asked. */
export function missingPatientData(facts: IssueFacts, kind: DocumentRequest["kind"]): PatientDataField[] {
  const { patient } = facts;
  const hasIdentity = patient.cpf ? isValidCpf(patient.cpf) : Boolean(patient.otherDocument?.trim());
  return [...(hasIdentity ? [] : ["cpf" as const]), ...(kind === "prescription" && !patient.address?.trim() ? ["address" as const] : [])];
}

export async function openPatientDataRequest(
  sql: Sql, deps: RecordsDeps, place: TurnPlace, facts: IssueFacts, request: DocumentRequest, fields: PatientDataField[],
): Promise<string> {
  const id = randomUUID();
  await supersedePatientDataRequests(sql, { clinicId: facts.clinic.id, patientId: facts.patient.id, doctorChatKey: place.chatKey }, place.now);
  await insertPatientDataRequest(sql, {
    id, clinicId: facts.clinic.id, patientId: facts.patient.id, professionalId: facts.professional.id, patientChatKey: facts.patient.phone,
    doctorChatKey: place.chatKey, fields, requestSealed: await deps.sealer.seal(JSON.stringify(request)), now: place.now,
  });
  return id;
}

/** Stores what was given, validated again here (the flows validate it first), sealed (src/privacy/patient-identity.ts). */
export async function savePatientData(sql: Sql, cipher: Cipher, clinicId: string, patientId: string, data: PatientData, now: Date): Promise<void> {
  if (data.cpf !== undefined && !isValidCpf(data.cpf)) throw new Error("invalid CPF reached savePatientData");
  const address = data.address?.trim() ? data.address.trim() : undefined;
  await savePatientIdentity(sql, cipher, { clinicId, patientId, cpf: data.cpf?.replace(/\D/g, ""), address }, now);
}
