// Dependants: a patient (a child, say) who is booked for by a guardian and
// has no chat of their own. Their row carries the guardian's phone, so what
// the clinic sends about them (reminders, confirmations, documents) reaches
// the guardian's chat through the same queries as for anyone; their
// appointments, notes and documents are their own (guardianPatientId).
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import { writeAuditEvent } from "../db/audit.js";
import { AppError } from "../errors.js";

export interface DependantInput {
  name: string;
  /** YYYY-MM-DD */
  birthDate: string;
  relationship: string;
  /** The dependant's CPF sealed for their row (src/records/patient-identity.ts), when one is given. */
  sealedCpf?: (rowId: string) => string | null;
}

export interface DependantRow {
  id: string;
  name: string;
  birthDate: string | null;
  relationship: string | null;
}

/**
 * Registers a dependant of `guardianId`, or updates the one of the same name
 * (accents and case aside), so that a second booking for "Pedro" finds him.
 * The guardian's consent covers the dependant's data for the care asked for
 * (LGPD art. 14 § 1: a parent's or legal guardian's consent), recorded on the
 * dependant with the guardian's text version.
 */
export async function saveDependant(sql: Sql, guardianId: string, input: DependantInput, now: Date, actor: { type: string; id?: string }): Promise<DependantRow> {
  const [guardian] = await sql.query<{ clinicId: string; phone: string; consentVersion: string | null; guardianPatientId: string | null }>(
    `SELECT "clinicId", phone, "consentVersion", "guardianPatientId" FROM "Patient" WHERE id = $1 FOR UPDATE`, [guardianId]);
  if (!guardian) throw new AppError("not_found", "guardian not found", { field: "patientId" });
  if (guardian.guardianPatientId) throw new AppError("validation_failed", "a dependant cannot have dependants", { field: "patientId" });
  const same = (await dependantsOf(sql, guardianId)).find((d) => fold(d.name) === fold(input.name));
  const id = same?.id ?? randomUUID();
  if (same) {
    await sql.query(
      `UPDATE "Patient" SET "birthDate" = $2::date, relationship = $3, cpf = COALESCE($4, cpf), "updatedAt" = $5 WHERE id = $1`,
      [id, input.birthDate, input.relationship, input.sealedCpf?.(id) ?? null, now]);
  } else {
    await sql.query(
      `INSERT INTO "Patient" (id, "clinicId", phone, name, cpf, "birthDate", "guardianPatientId", relationship, "consentGrantedAt", "consentVersion", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, $10, $9, $9)`,
      [id, guardian.clinicId, guardian.phone, input.name, input.sealedCpf?.(id) ?? null, input.birthDate, guardianId, input.relationship, now, guardian.consentVersion]);
    await sql.query(
      `INSERT INTO "ConsentRecord" (id, "clinicId", "patientId", purpose, "textVersion", granted, channel, "recordedAt")
       VALUES ($1, $2, $3, 'atendimento', $4, true, 'guardian', $5)`,
      [randomUUID(), guardian.clinicId, id, guardian.consentVersion ?? "unknown", now]);
  }
  await writeAuditEvent(sql, {
    clinicId: guardian.clinicId, actorType: actor.type, actorId: actor.id, action: same ? "patient.dependant.updated" : "patient.dependant.created",
    entityType: "Patient", entityId: id, detail: { guardianPatientId: guardianId },
  }, now);
  return { id, name: input.name, birthDate: input.birthDate, relationship: input.relationship };
}

const fold = (name: string) => name.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/** The dependant `patientId` of `guardianId`, or an error: a chat books only for its own dependants. */
export async function requireDependant(sql: Sql, guardianId: string, patientId: string): Promise<string> {
  const [row] = await sql.query<{ id: string }>(
    `SELECT id FROM "Patient" WHERE id = $1 AND "guardianPatientId" = $2 AND "restrictedAt" IS NULL`, [patientId, guardianId]);
  if (!row) throw new AppError("not_found", "not a dependant of this patient", { field: "forPatientId" });
  return row.id;
}

export async function dependantsOf(sql: Sql, guardianId: string): Promise<DependantRow[]> {
  return sql.query<DependantRow>(
    `SELECT id, name, to_char("birthDate", 'YYYY-MM-DD') AS "birthDate", relationship FROM "Patient"
     WHERE "guardianPatientId" = $1 AND "restrictedAt" IS NULL ORDER BY "createdAt", id`, [guardianId]);
}
