// Dependants: a patient (a child, say) who is booked for by a guardian and
// has no chat of their own. Their row carries the guardian's phone, so what
// the clinic sends about them (reminders, confirmations, documents) reaches
// the guardian's chat through the same queries as for anyone; their
// appointments, notes and documents are their own (guardianPatientId).
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import { writeAuditEvent } from "../db/audit.js";
import { AppError } from "../errors.js";
import {
  findDependantOf, insertDependantRow, insertGuardianConsent, listDependantsOf, lockGuardianRow, updateDependantRow,
} from "./scheduling-statements.js";

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
  const guardian = await lockGuardianRow(sql, guardianId);
  if (!guardian) throw new AppError("not_found", "guardian not found", { field: "patientId" });
  if (guardian.guardianPatientId) throw new AppError("validation_failed", "a dependant cannot have dependants", { field: "patientId" });
  const same = (await dependantsOf(sql, guardianId)).find((d) => fold(d.name) === fold(input.name));
  const id = same?.id ?? randomUUID();
  if (same) {
    await updateDependantRow(sql, { id, birthDate: input.birthDate, relationship: input.relationship, cpfSealed: input.sealedCpf?.(id) ?? null, now });
  } else {
    await insertDependantRow(sql, {
      id, clinicId: guardian.clinicId, phone: guardian.phone, name: input.name, cpfSealed: input.sealedCpf?.(id) ?? null, birthDate: input.birthDate,
      guardianId, relationship: input.relationship, now, consentVersion: guardian.consentVersion,
    });
    await insertGuardianConsent(sql, { id: randomUUID(), clinicId: guardian.clinicId, patientId: id, textVersion: guardian.consentVersion ?? "unknown", now });
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
  const row = await findDependantOf(sql, patientId, guardianId);
  if (!row) throw new AppError("not_found", "not a dependant of this patient", { field: "forPatientId" });
  return row.id;
}

export async function dependantsOf(sql: Sql, guardianId: string): Promise<DependantRow[]> {
  return listDependantsOf(sql, guardianId);
}
