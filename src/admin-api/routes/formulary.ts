// Brand names and synonyms admins add to the formulary, so a brand the
// built-in data does not know ("Calmazep" -> clonazepam) is recognised and
// checked against the controlled-drug list. Shared by every clinic, like that list.
import type { Router } from "express";
import { z } from "zod";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { normalizeDrugText } from "../../documents/prescription/formulary.js";
import type { ApiDefinition } from "../registry.js";
import { listFormulary, upsertFormularyEntry } from "../../documents/prescription/formulary-statements.js";

const entrySchema = z.object({
  name: z.string().trim().min(2).max(120),
  substances: z.array(z.string().trim().min(2).max(120)).min(1).max(6),
  active: z.boolean().default(true),
}).openapi("FormularyEntry");

export function formularyRoutes(api: ApiDefinition, router: Router, db: Database): void {
  api.route(router, {
    method: "get", path: "/formulary", summary: "Brand names and synonyms added to the built-in formulary", tag: "Documents",
    roles: ["admin", "professional"], response: z.object({ entries: z.array(entrySchema) }),
  }, async () => ({ entries: await listFormulary(db.sql) }));

  api.route(router, {
    method: "put", path: "/formulary", summary: "Add, change or hide a brand name (all-clinics admin key)", tag: "Documents",
    audit: { action: "formulary.update", entityType: "FormularyEntry" }, body: entrySchema, response: entrySchema,
  }, async ({ body, principal }) => {
    if (principal.clinicId !== null) throw new AppError("forbidden", "the formulary is shared by every clinic: use an all-clinics admin key");
    const substances = body.substances.map((substance) => substance.toLocaleLowerCase("pt-BR"));
    await upsertFormularyEntry(db.sql, normalizeDrugText(body.name), { name: body.name, substances, active: body.active });
    return { ...body, substances };
  });
}
