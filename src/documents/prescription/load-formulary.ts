// The formulary the checks use: built-in data plus the entries admins added.
import { listFormulary } from "./formulary-statements.js";
import type { Sql } from "../../db/database.js";
import { buildFormulary, type Formulary, type FormularyEntryRow } from "./formulary.js";

export async function loadFormulary(sql: Sql): Promise<Formulary> {
  return buildFormulary(await loadFormularyEntries(sql));
}

/** The admins' entries alone, as plain rows a pure flow can take in its context and merge (buildFormulary). */
export async function loadFormularyEntries(sql: Sql): Promise<FormularyEntryRow[]> {
  // The admins' own list reads exactly these rows: one statement for one SQL text.
  return listFormulary(sql);
}
