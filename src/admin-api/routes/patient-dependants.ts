// A patient's dependants (a child, say) through the admin API: given on a
// patient's create or update, listed on the patient. Each is a patient of
// their own, with no chat: src/scheduling/dependants.ts.
import { z } from "zod";
import type { Cipher } from "../../crypto/encryption.js";
import type { Sql } from "../../db/database.js";
import { isValidCpf } from "../../documents/cpf.js";
import { sealCpf } from "../../records/patient-identity.js";
import { saveDependant } from "../../scheduling/dependants.js";
import { localDate } from "../schemas.js";


/** A dependant is matched by name among the guardian's: giving "Pedro Lima" again updates him. */
export const dependantInput = z.object({
  name: z.string().trim().min(2).max(120),
  birthDate: localDate.openapi({ description: "YYYY-MM-DD" }),
  relationship: z.string().trim().min(2).max(40).openapi({ example: "filho" }),
  cpf: z.string().refine(isValidCpf, "must be a valid CPF").optional(),
}).openapi("DependantInput");

export const dependantSchema = z.object({
  id: z.string(),
  name: z.string(),
  birthDate: z.string().nullable(),
  relationship: z.string().nullable(),
}).openapi("Dependant");

/** A dependant's CPF is sealed for their own row, like any patient's. */
export async function saveDependants(
  sql: Sql, cipher: Cipher, guardianId: string, dependants: z.infer<typeof dependantInput>[], now: Date, keyId: string,
): Promise<void> {
  for (const { cpf, ...dependant } of dependants) {
    const sealedCpf = cpf ? (rowId: string) => sealCpf(cipher, rowId, cpf.replace(/\D/g, "")) : undefined;
    await saveDependant(sql, guardianId, { ...dependant, sealedCpf }, now, { type: "api_key", id: keyId });
  }
}

export const dependantsView = (rows: { id: string; name: string; birthDate: string | null; relationship: string | null; createdAt?: unknown }[]) =>
  rows.map(({ id, name, birthDate, relationship }) => ({ id, name, birthDate, relationship }));
