// "meus dados" (LGPD art. 18, II): everything the clinic holds about the
// patient, sent in their chat as a JSON file and as a PDF summary a person
// can read (render-export-pdf.ts). Clinical notes are listed; their content
// goes in only when the clinic's policy says so.
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";
import { openCpf } from "../records/patient-identity.js";
import { exportNotes, type ExportedNote } from "./export-notes.js";
import {
  countExportMessages, findExportHead, listExportAppointments, listExportConsents, listExportDependants, listExportDocuments, listExportPayments,
} from "./privacy-statements.js";

export interface PatientExport {
  generatedAt: string;
  clinic: { name: string; timeZone: string };
  patient: { name: string | null; phone: string; cpf: string | null; createdAt: string };
  consents: { purpose: string; textVersion: string; granted: boolean; recordedAt: string }[];
  appointments: { startsAt: string; status: string; procedure: string; professional: string }[];
  documents: { kind: string; status: string; signedAt: string | null; verificationCode: string }[];
  clinicalNotes: ExportedNote[];
  clinicalNotesPolicy: string;
  /** How many messages the chat holds each way; their texts are not repeated here. */
  messages: { fromPatient: number; toPatient: number };
  payments: { createdAt: string; amountCents: number; status: string; procedure: string }[];
  /** The people this patient books for (a child, say): their own records, which the guardian may see. */
  dependants?: DependantExport[];
}

export type DependantExport = Omit<PatientExport, "generatedAt" | "clinic" | "messages" | "dependants"> & { relationship: string | null; birthDate: string | null };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function exportPatientData(
  sql: Sql, cipher: Cipher, clinicId: string, patientId: string, now: Date,
  readNote?: (sealed: string) => unknown,
): Promise<PatientExport> {
  const head = await findExportHead(sql, clinicId, patientId);
  if (!head) throw new Error("patient not found");
  // One after another: in a turn `sql` is the transaction's one connection, which runs one query at a time
  // (node-postgres queues overlapping ones and warns that pg@9 will refuse them).
  const consents = await listExportConsents(sql, patientId);
  const appointments = await listExportAppointments(sql, patientId);
  const documents = await listExportDocuments(sql, patientId);
  const notes = await exportNotes(sql, patientId, head.includeNotes ? readNote ?? ((sealed: string) => JSON.parse(cipher.decrypt(sealed)) as unknown) : undefined);
  const messages = await countExportMessages(sql, clinicId, head.phone);
  const payments = await listExportPayments(sql, patientId);
  const withContent = head.includeNotes;
  return {
    generatedAt: now.toISOString(),
    clinic: { name: head.clinicName, timeZone: head.timeZone },
    patient: { name: head.name, phone: head.phone, cpf: openCpf(cipher, patientId, head.cpf), createdAt: head.createdAt.toISOString() },
    consents: consents.map((c) => ({ ...c, recordedAt: c.recordedAt.toISOString() })),
    appointments: appointments.map((a) => ({ ...a, startsAt: a.startsAt.toISOString() })),
    documents: documents.map((d) => ({ ...d, signedAt: iso(d.signedAt) })),
    clinicalNotes: notes,
    clinicalNotesPolicy: withContent
      ? "O conteúdo das notas clínicas está incluído."
      : "As notas clínicas estão listadas; o conteúdo completo do prontuário pode ser pedido à clínica.",
    messages: { fromPatient: Number(messages?.fromPatient ?? 0), toPatient: Number(messages?.toPatient ?? 0) },
    payments: payments.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
    dependants: await dependantsExport(sql, cipher, clinicId, patientId, now, readNote),
  };
}

async function dependantsExport(
  sql: Sql, cipher: Cipher, clinicId: string, guardianId: string, now: Date, readNote?: (sealed: string) => unknown,
): Promise<DependantExport[]> {
  const rows = await listExportDependants(sql, guardianId);
  const exports: DependantExport[] = [];
  for (const row of rows) {
    // The chat is the guardian's: its message counts are in the guardian's part.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { generatedAt, clinic, messages, dependants, ...own } = await exportPatientData(sql, cipher, clinicId, row.id, now, readNote);
    exports.push({ ...own, relationship: row.relationship, birthDate: row.birthDate });
  }
  return exports;
}
