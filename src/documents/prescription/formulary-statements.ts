// The SQL of the prescription's lists, named (src/db/statements.ts): the
// controlled-drug list (Portaria 344/98) and the formulary of brands and
// their active ingredients, shared by every clinic. Read when a prescription
// is checked; written by the admin API.
import type { Sql } from "../../db/database.js";
import type { ControlledDrugRow, FormularyEntryRow } from "../../db/rows.js";
import { execute, rowsOf, statement } from "../../db/statements.js";

const controlledDrugs = statement<ControlledDrugRow>("formulary.listControlledDrugs", `SELECT name, class, list, rule, active FROM "ControlledDrug" ORDER BY name`);
export const listControlledDrugs = (sql: Sql) => rowsOf(sql, controlledDrugs);

const upsertDrug = statement("formulary.upsertControlledDrug",
  `INSERT INTO "ControlledDrug" (id, name, class, list, rule, active, "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, $3, $4, $5, now())
   ON CONFLICT (name) DO UPDATE SET class = EXCLUDED.class, list = EXCLUDED.list, rule = EXCLUDED.rule, active = EXCLUDED.active, "updatedAt" = now()`);
export const upsertControlledDrug = (sql: Sql, drug: ControlledDrugRow) =>
  execute(sql, upsertDrug, [drug.name, drug.class, drug.list, drug.rule, drug.active]);

const formulary = statement<FormularyEntryRow>("formulary.listEntries", `SELECT name, substances, active FROM "FormularyEntry" ORDER BY key`);
export const listFormulary = (sql: Sql) => rowsOf(sql, formulary);

const upsertEntry = statement("formulary.upsertEntry",
  `INSERT INTO "FormularyEntry" (id, key, name, substances, active, "updatedAt") VALUES (gen_random_uuid()::text, $1, $2, $3, $4, now())
   ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, substances = EXCLUDED.substances, active = EXCLUDED.active, "updatedAt" = now()`);
/** `key`: the name as the formulary matches it (normalized). */
export const upsertFormularyEntry = (sql: Sql, key: string, entry: FormularyEntryRow) =>
  execute(sql, upsertEntry, [key, entry.name, entry.substances, entry.active]);
