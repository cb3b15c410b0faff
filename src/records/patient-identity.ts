// A patient's CPF (Patient.cpf) and address (PatientProfile.address) are
// personal data a prescription needs (Lei 5.991/1973 art. 35) and nothing
// else reads in clear: they are sealed at rest, bound to the patient's row
// (v2, src/crypto/sealed-columns.ts), so a value copied into another patient's
// row does not open. Every write goes through here; readers open with
// openCpf / openAddress. Values stored in clear before sealing are read as
// they are and sealed at the next start (sealClearPatientIdentity) or by
// `npm run secrets:reencrypt`. No lookup reads a CPF: a patient is found by
// id or phone, so no keyed hash of it is kept.
import type { Cipher } from "../crypto/encryption.js";
import { ENCRYPTED_COLUMNS, reencryptAll, type ColumnReport } from "../db/reencrypt.js";
import { openColumn, sealColumn } from "../crypto/sealed-columns.js";
import type { Database, Sql } from "../db/database.js";
import { updatePatientCpf, upsertPatientProfile } from "./records-statements.js";

export const sealCpf = (cipher: Cipher, patientId: string, cpf: string | null | undefined): string | null =>
  sealColumn(cipher, "Patient.cpf", patientId, cpf);
export const openCpf = (cipher: Cipher, patientId: string, stored: string | null): string | null =>
  openColumn(cipher, "Patient.cpf", patientId, stored);
export const sealAddress = (cipher: Cipher, patientId: string, address: string | null | undefined): string | null =>
  sealColumn(cipher, "PatientProfile.address", patientId, address);
export const openAddress = (cipher: Cipher, patientId: string, stored: string | null): string | null =>
  openColumn(cipher, "PatientProfile.address", patientId, stored);

/** A row read with the stored cpf and/or address, returned with them opened. */
export function openIdentity<T extends { cpf?: string | null; address?: string | null }>(cipher: Cipher, patientId: string, row: T): T {
  return {
    ...row,
    ...(row.cpf !== undefined ? { cpf: openCpf(cipher, patientId, row.cpf) } : {}),
    ...(row.address !== undefined ? { address: openAddress(cipher, patientId, row.address) } : {}),
  };
}

export interface IdentityChange {
  clinicId: string;
  patientId: string;
  /** Digits only; undefined leaves the stored one. */
  cpf?: string;
  address?: string;
  otherDocument?: string;
}

/** Writes what is given, sealed; what is not given stays as it was. */
export async function savePatientIdentity(sql: Sql, cipher: Cipher, change: IdentityChange, now: Date): Promise<void> {
  const { clinicId, patientId } = change;
  if (change.cpf !== undefined) {
    await updatePatientCpf(sql, clinicId, patientId, sealCpf(cipher, patientId, change.cpf), now);
  }
  if (change.address === undefined && change.otherDocument === undefined) return;
  await upsertPatientProfile(sql, {
    patientId, clinicId, sealedAddress: sealAddress(cipher, patientId, change.address), otherDocument: change.otherDocument ?? null, now,
  });
}

const IDENTITY_COLUMNS = ENCRYPTED_COLUMNS.filter((c) => (c.table === "Patient" && c.column === "cpf") || (c.table === "PatientProfile" && c.column === "address"));

/**
 * Seals the CPFs and addresses still stored in clear (written before they
 * were sealed, or by an older instance during a rolling update). Runs at
 * start; idempotent, and a no-op once everything is sealed.
 */
export async function sealClearPatientIdentity(db: Database, cipher: Cipher): Promise<ColumnReport[]> {
  return reencryptAll(db, cipher, { columns: IDENTITY_COLUMNS });
}
