// A confirmed document that lacks what the law asks of the patient (CPF or
// another identity document; the address on a prescription) is not a dead
// end: the request is kept (sealed, in PatientDataRequest, so a patient who
// answers a day later loses nothing), the doctor types the data or has the
// patient asked in their own chat, and the document is issued as soon as it
// is complete. This file holds the request's rows; supply-patient-data.ts
// the use cases that complete it.
import { randomUUID } from "node:crypto";
import type { PatientDataField } from "../chat-events/types.js";
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";
import { savePatientIdentity } from "../records/patient-identity.js";
import type { RecordsDeps } from "../records/deps.js";
import type { TurnPlace } from "../records/dictation-steps.js";
import { isValidCpf } from "./cpf.js";
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
  // A newer request for this patient and doctor replaces an older one still waiting.
  await sql.query(
    `UPDATE "PatientDataRequest" SET status = 'superseded', "answeredAt" = $4
     WHERE "clinicId" = $1 AND "patientId" = $2 AND "doctorChatKey" = $3 AND status IN ('open', 'asked')`,
    [facts.clinic.id, facts.patient.id, place.chatKey, place.now],
  );
  await sql.query(
    `INSERT INTO "PatientDataRequest" (id, "clinicId", "patientId", "professionalId", "patientChatKey", "doctorChatKey", fields, "requestSealed", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, facts.clinic.id, facts.patient.id, facts.professional.id, facts.patient.phone, place.chatKey, fields,
      await deps.sealer.seal(JSON.stringify(request)), place.now],
  );
  return id;
}

interface RequestRow {
  id: string;
  patientId: string;
  professionalId: string;
  patientChatKey: string;
  doctorChatKey: string;
  status: string;
  requestSealed: string;
}

async function findRequest(sql: Sql, clinicId: string, id: string): Promise<RequestRow | undefined> {
  const [row] = await sql.query<RequestRow>(
    `SELECT id, "patientId", "professionalId", "patientChatKey", "doctorChatKey", status, "requestSealed"
     FROM "PatientDataRequest" WHERE id = $1 AND "clinicId" = $2 FOR UPDATE`,
    [id, clinicId],
  );
  return row;
}

/** Stores what was given, validated again here (the flows validate it first), sealed (src/privacy/patient-identity.ts). */
export async function savePatientData(sql: Sql, cipher: Cipher, clinicId: string, patientId: string, data: PatientData, now: Date): Promise<void> {
  if (data.cpf !== undefined && !isValidCpf(data.cpf)) throw new Error("invalid CPF reached savePatientData");
  const address = data.address?.trim() ? data.address.trim() : undefined;
  await savePatientIdentity(sql, cipher, { clinicId, patientId, cpf: data.cpf?.replace(/\D/g, ""), address }, now);
}

export { findRequest as findPatientDataRequest, type RequestRow as PatientDataRequestRow };
