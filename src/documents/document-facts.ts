// The stored data a document needs: doctor, clinic, patient (with the
// identity fields of PatientProfile), and the controlled-drug table.
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";
import { openIdentity } from "../records/patient-identity.js";
import { findIssueFacts, listActiveControlledDrugs } from "./document-statements.js";
import type { DocumentRequest } from "./document-types.js";
import type { ControlledDrug, DocumentDraft } from "./document-types.js";

export interface IssueFacts {
  clinic: { id: string; name: string; timeZone: string; address: string | null; city: string | null; phone: string | null; email: string | null };
  professional: { id: string; name: string; crm: string; crmUf: string; rqe: string | null; specialty: string | null; phone: string | null; email: string | null };
  patient: { id: string; name: string | null; phone: string; cpf: string | null; address: string | null; otherDocument: string | null };
}

/** The patient's CPF and address come opened (sealed at rest, src/privacy/patient-identity.ts). */
export async function loadIssueFacts(sql: Sql, cipher: Cipher, professionalId: string, patientId: string): Promise<IssueFacts | undefined> {
  const row = await findIssueFacts(sql, professionalId, patientId);
  return row ? { ...row, patient: openIdentity(cipher, row.patient.id, row.patient) } : undefined;
}

export async function loadControlledDrugs(sql: Sql): Promise<ControlledDrug[]> {
  return listActiveControlledDrugs(sql);
}

const orUndefined = (value: string | null | undefined): string | undefined => value ?? undefined;

export function buildDraft(facts: IssueFacts, request: DocumentRequest, issuedAt: Date, cid: { cid10?: string; authorized: boolean }): DocumentDraft {
  const { clinic, professional, patient } = facts;
  const base = {
    doctor: {
      name: professional.name, crm: professional.crm, crmUf: professional.crmUf,
      rqe: orUndefined(professional.rqe), specialty: orUndefined(professional.specialty),
      clinicName: clinic.name, clinicAddress: clinic.address ?? "", city: clinic.city ?? "",
      phone: orUndefined(clinic.phone ?? professional.phone), email: orUndefined(clinic.email ?? professional.email),
    },
    patient: {
      fullName: patient.name ?? "", cpf: orUndefined(patient.cpf), otherDocument: orUndefined(patient.otherDocument),
      address: orUndefined(patient.address),
    },
    issuedAt,
    timeZone: clinic.timeZone,
  };
  switch (request.kind) {
    case "prescription":
      return { ...base, kind: "prescription", items: request.items };
    case "certificate":
      return {
        ...base, kind: "certificate", daysOff: request.daysOff, startDate: request.startDate,
        ...(request.attendance ? { attendance: request.attendance } : {}),
        ...(cid.cid10 && cid.authorized ? { cid10: cid.cid10, cidAuthorized: true } : {}),
      };
    case "exam_request":
      return { ...base, kind: "exam_request", exams: request.exams };
  }
}

export const DOCUMENT_LABEL: Record<DocumentDraft["kind"], { name: string; file: string }> = {
  prescription: { name: "receita", file: "receita" },
  certificate: { name: "atestado", file: "atestado" },
  exam_request: { name: "solicitação de exames", file: "exames" },
};
