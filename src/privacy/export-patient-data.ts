// "meus dados" (LGPD art. 18, II): everything the clinic holds about the
// patient, sent in their chat as a JSON file and as a PDF summary a person
// can read (render-export-pdf.ts). Clinical notes are listed; their content
// goes in only when the clinic's policy says so.
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";
import { openCpf } from "../records/patient-identity.js";
import { exportNotes, type ExportedNote } from "./export-notes.js";

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
  const [head] = await sql.query<{ clinicName: string; timeZone: string; includeNotes: boolean; name: string | null; phone: string; cpf: string | null; createdAt: Date }>(
    `SELECT c.name AS "clinicName", c."timeZone", c."privacyExportIncludesNotes" AS "includeNotes", p.name, p.phone, p.cpf, p."createdAt"
     FROM "Patient" p JOIN "Clinic" c ON c.id = p."clinicId" WHERE p.id = $1 AND p."clinicId" = $2`, [patientId, clinicId]);
  if (!head) throw new Error("patient not found");
  const [consents, appointments, documents, notes, messages, payments] = await Promise.all([
    sql.query<{ purpose: string; textVersion: string; granted: boolean; recordedAt: Date }>(
      `SELECT purpose, "textVersion", granted, "recordedAt" FROM "ConsentRecord" WHERE "patientId" = $1 ORDER BY "recordedAt"`, [patientId]),
    sql.query<{ startsAt: Date; status: string; procedure: string; professional: string }>(
      `SELECT a."startsAt", a.status, pr.name AS procedure, p.name AS professional FROM "Appointment" a
       JOIN "Procedure" pr ON pr.id = a."procedureId" JOIN "Professional" p ON p.id = a."professionalId"
       WHERE a."patientId" = $1 AND a.status NOT IN ('held', 'expired') ORDER BY a."startsAt"`, [patientId]),
    sql.query<{ kind: string; status: string; signedAt: Date | null; verificationCode: string }>(
      `SELECT kind, status, "signedAt", "verificationCode" FROM "Document" WHERE "patientId" = $1 ORDER BY "createdAt"`, [patientId]),
    exportNotes(sql, patientId, head.includeNotes ? readNote ?? ((sealed: string) => JSON.parse(cipher.decrypt(sealed)) as unknown) : undefined),
    sql.query<{ fromPatient: string; toPatient: string }>(
      `SELECT (SELECT count(*) FROM "InboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2 AND kind <> 'event') AS "fromPatient",
              (SELECT count(*) FROM "OutboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2) AS "toPatient"`, [clinicId, head.phone]),
    sql.query<{ createdAt: Date; amountCents: number; status: string; procedure: string }>(
      `SELECT pay."createdAt", pay."amountCents", pay.status, pr.name AS procedure FROM "Payment" pay
       JOIN "Appointment" a ON a.id = pay."appointmentId" JOIN "Procedure" pr ON pr.id = a."procedureId"
       WHERE a."patientId" = $1 ORDER BY pay."createdAt"`, [patientId]),
  ]);
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
    messages: { fromPatient: Number(messages[0]?.fromPatient ?? 0), toPatient: Number(messages[0]?.toPatient ?? 0) },
    payments: payments.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
    dependants: await dependantsExport(sql, cipher, clinicId, patientId, now, readNote),
  };
}

async function dependantsExport(
  sql: Sql, cipher: Cipher, clinicId: string, guardianId: string, now: Date, readNote?: (sealed: string) => unknown,
): Promise<DependantExport[]> {
  const rows = await sql.query<{ id: string; relationship: string | null; birthDate: string | null }>(
    `SELECT id, relationship, to_char("birthDate", 'YYYY-MM-DD') AS "birthDate" FROM "Patient" WHERE "guardianPatientId" = $1 ORDER BY "createdAt", id`, [guardianId]);
  const exports: DependantExport[] = [];
  for (const row of rows) {
    // The chat is the guardian's: its message counts are in the guardian's part.
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { generatedAt, clinic, messages, dependants, ...own } = await exportPatientData(sql, cipher, clinicId, row.id, now, readNote);
    exports.push({ ...own, relationship: row.relationship, birthDate: row.birthDate });
  }
  return exports;
}
