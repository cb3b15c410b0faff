// "meus dados" (LGPD art. 18, II): everything the clinic holds about the
// patient, as a JSON file sent in their chat. Clinical notes are listed;
// their content goes in only when the clinic's policy says so.
import type { Sql } from "../db/database.js";

export interface PatientExport {
  generatedAt: string;
  clinic: { name: string };
  patient: { name: string | null; phone: string; cpf: string | null; createdAt: string };
  consents: { purpose: string; textVersion: string; granted: boolean; recordedAt: string }[];
  appointments: { startsAt: string; status: string; procedure: string; professional: string }[];
  documents: { kind: string; status: string; signedAt: string | null; verificationCode: string }[];
  clinicalNotes: { createdAt: string; professional: string; content?: unknown }[];
  clinicalNotesPolicy: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function exportPatientData(
  sql: Sql, clinicId: string, patientId: string, now: Date,
  readNote?: (sealed: string) => unknown,
): Promise<PatientExport> {
  const [head] = await sql.query<{ clinicName: string; includeNotes: boolean; name: string | null; phone: string; cpf: string | null; createdAt: Date }>(
    `SELECT c.name AS "clinicName", c."privacyExportIncludesNotes" AS "includeNotes", p.name, p.phone, p.cpf, p."createdAt"
     FROM "Patient" p JOIN "Clinic" c ON c.id = p."clinicId" WHERE p.id = $1 AND p."clinicId" = $2`, [patientId, clinicId]);
  if (!head) throw new Error("patient not found");
  const [consents, appointments, documents, notes] = await Promise.all([
    sql.query<{ purpose: string; textVersion: string; granted: boolean; recordedAt: Date }>(
      `SELECT purpose, "textVersion", granted, "recordedAt" FROM "ConsentRecord" WHERE "patientId" = $1 ORDER BY "recordedAt"`, [patientId]),
    sql.query<{ startsAt: Date; status: string; procedure: string; professional: string }>(
      `SELECT a."startsAt", a.status, pr.name AS procedure, p.name AS professional FROM "Appointment" a
       JOIN "Procedure" pr ON pr.id = a."procedureId" JOIN "Professional" p ON p.id = a."professionalId"
       WHERE a."patientId" = $1 AND a.status NOT IN ('held', 'expired') ORDER BY a."startsAt"`, [patientId]),
    sql.query<{ kind: string; status: string; signedAt: Date | null; verificationCode: string }>(
      `SELECT kind, status, "signedAt", "verificationCode" FROM "Document" WHERE "patientId" = $1 ORDER BY "createdAt"`, [patientId]),
    sql.query<{ createdAt: Date; professional: string; contentSealed: string | null }>(
      `SELECT n."createdAt", p.name AS professional,
         (SELECT v."contentSealed" FROM "ClinicalNoteVersion" v WHERE v."noteId" = n.id ORDER BY v.version DESC LIMIT 1) AS "contentSealed"
       FROM "ClinicalNote" n JOIN "Professional" p ON p.id = n."professionalId" WHERE n."patientId" = $1 ORDER BY n."createdAt"`, [patientId]),
  ]);
  const withContent = head.includeNotes && readNote !== undefined;
  return {
    generatedAt: now.toISOString(),
    clinic: { name: head.clinicName },
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
  };
}
