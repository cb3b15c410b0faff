// "meus dados" (LGPD art. 18, II): everything the clinic holds about the
// patient, sent in their chat as a JSON file and as a PDF summary a person
// can read (render-export-pdf.ts). Clinical notes are listed; their content
// goes in only when the clinic's policy says so.
import type { Sql } from "../db/database.js";
import {
  countExportMessages, findExportHead, listExportAppointments, listExportConsents, listExportDocuments, listExportNotes, listExportPayments,
} from "./privacy-statements.js";

export interface PatientExport {
  generatedAt: string;
  clinic: { name: string; timeZone: string };
  patient: { name: string | null; phone: string; cpf: string | null; createdAt: string };
  consents: { purpose: string; textVersion: string; granted: boolean; recordedAt: string }[];
  appointments: { startsAt: string; status: string; procedure: string; professional: string }[];
  documents: { kind: string; status: string; signedAt: string | null; verificationCode: string }[];
  clinicalNotes: { createdAt: string; professional: string; content?: unknown }[];
  clinicalNotesPolicy: string;
  /** How many messages the chat holds each way; their texts are not repeated here. */
  messages: { fromPatient: number; toPatient: number };
  payments: { createdAt: string; amountCents: number; status: string; procedure: string }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function exportPatientData(
  sql: Sql, clinicId: string, patientId: string, now: Date,
  readNote?: (sealed: string) => unknown,
): Promise<PatientExport> {
  const head = await findExportHead(sql, clinicId, patientId);
  if (!head) throw new Error("patient not found");
  const [consents, appointments, documents, notes, messages, payments] = await Promise.all([
    listExportConsents(sql, patientId), listExportAppointments(sql, patientId), listExportDocuments(sql, patientId),
    listExportNotes(sql, patientId), countExportMessages(sql, clinicId, head.phone), listExportPayments(sql, patientId),
  ]);
  const withContent = head.includeNotes && readNote !== undefined;
  return {
    generatedAt: now.toISOString(),
    clinic: { name: head.clinicName, timeZone: head.timeZone },
    patient: { name: head.name, phone: head.phone, cpf: head.cpf, createdAt: head.createdAt.toISOString() },
    consents: consents.map((c) => ({ ...c, recordedAt: c.recordedAt.toISOString() })),
    appointments: appointments.map((a) => ({ ...a, startsAt: a.startsAt.toISOString() })),
    documents: documents.map((d) => ({ ...d, signedAt: iso(d.signedAt) })),
    clinicalNotes: notes.map((n) => ({
      createdAt: n.createdAt.toISOString(),
      professional: n.professional,
      ...(withContent && n.contentSealed ? { content: readNote(n.contentSealed) } : {}),
    })),
    clinicalNotesPolicy: withContent
      ? "O conteúdo das notas clínicas está incluído."
      : "As notas clínicas estão listadas; o conteúdo completo do prontuário pode ser pedido à clínica.",
    messages: { fromPatient: Number(messages?.fromPatient ?? 0), toPatient: Number(messages?.toPatient ?? 0) },
    payments: payments.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
  };
}
