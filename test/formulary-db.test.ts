// The formulary and the controlled-drug list as stored: the migrations hold
// every name of the seed file, admins add brands through the API, and the
// check before signing resolves them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlledDrugsSeed } from "../src/documents/controlled-drugs-seed.js";
import { checkDocument } from "../src/documents/check-document.js";
import { loadControlledDrugs } from "../src/documents/document-facts.js";
import { loadFormulary } from "../src/documents/prescription/load-formulary.js";
import { samplePrescription } from "../src/documents/test-fixtures.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { addPatient, TEST_ENCRYPTION_KEY } from "./support/records.js";
import { DOCTOR, startTestService, testConfig, texts, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

beforeAll(async () => {
  testDb = await createTestDatabase("formulary");
  service = await startTestService(testDb.db, { config: testConfig({ ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }) });
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const refusal = async (genericName: string) => {
  const draft = { ...samplePrescription, items: [{ ...samplePrescription.items[0]!, genericName }] };
  try {
    checkDocument(draft, await loadControlledDrugs(testDb.db.sql), await loadFormulary(testDb.db.sql));
  } catch (error) {
    return (error as Error).message;
  }
  return "issued";
};

describe("formulary in the database", () => {
  it("holds every substance of the seed file in the controlled-drug table", async () => {
    const rows = await testDb.db.sql.query<{ name: string; list: string }>(`SELECT name, list FROM "ControlledDrug"`);
    const stored = new Map(rows.map((row) => [row.name, row.list]));
    expect(controlledDrugsSeed.filter((drug) => stored.get(drug.name) !== drug.list).map((drug) => drug.name)).toEqual([]);
  });

  it("refuses Rivotril and Mirtazapina from the stored list", async () => {
    expect(await refusal("Rivotril")).toMatch(/clonazepam \(B1\), escrito como Rivotril/);
    expect(await refusal("Mirtazapina")).toMatch(/mirtazapina \(C1\)/);
  });

  it("lets an admin add a brand, which the check then resolves", async () => {
    expect(await refusal("Calmazep")).toBe("issued");
    const added = await service.api("PUT", "/api/v1/formulary", { name: "Calmazep", substances: ["Clonazepam"] });
    expect(added.status).toBe(200);
    expect((await service.api("GET", "/api/v1/formulary")).body.entries).toContainEqual({ name: "Calmazep", substances: ["clonazepam"], active: true });
    expect(await refusal("Calmazep")).toMatch(/clonazepam \(B1\), escrito como Calmazep/);
  });

  it("flags a brand an admin added in the doctor's preview, before any '1 Emitir'", async () => {
    await addPatient(testDb.db, service.clinicId, { name: "Rosa Amaral", phone: "+5511966660001" });
    expect(texts(await service.say(DOCTOR, "paciente Rosa")).join("\n")).toContain("Paciente escolhido: *Rosa Amaral*");
    const line = "receita Sonalix 2 mg 1 cp à noite por 30 dias";
    expect(texts(await service.say(DOCTOR, line))[0]).toContain('⚠️ Não conheço "Sonalix"');
    await service.api("PUT", "/api/v1/formulary", { name: "Sonalix", substances: ["clonazepam"] });
    const preview = texts(await service.say(DOCTOR, line))[0] ?? "";
    expect(preview).toContain("1. Clonazepam (Sonalix) 2 mg comprimido");
    expect(preview).toContain("⛔ Não posso emitir esta receita: clonazepam (B1)");
    expect(preview).not.toContain("Emitir");
    await service.say(DOCTOR, "cancelar");
  });

  it("lets an admin hide a built-in brand", async () => {
    await service.api("PUT", "/api/v1/formulary", { name: "Tylex", substances: ["paracetamol", "codeína"], active: false });
    expect(await refusal("Tylex")).toBe("issued");
    await service.api("PUT", "/api/v1/formulary", { name: "Tylex", substances: ["paracetamol", "codeína"], active: true });
    expect(await refusal("Tylex")).toMatch(/codeína \(A2\)/);
  });
});
