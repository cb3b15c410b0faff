// The formulary the checks use: built-in data plus the entries admins added.
import type { Sql } from "../../db/database.js";
import { buildFormulary, type Formulary, type FormularyEntryRow } from "./formulary.js";

export async function loadFormulary(sql: Sql): Promise<Formulary> {
  const rows = await sql.query<FormularyEntryRow>(`SELECT name, substances, active FROM "FormularyEntry"`);
  return buildFormulary(rows);
}
