// A patient's CPF and address are sealed at rest. Values stored in clear by
// an earlier version are sealed when the service starts; the admin API and
// the documents read them opened.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowAad } from "../src/crypto/encryption.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { addPatient, TEST_ENCRYPTION_KEY, testCipher } from "./support/records.js";
import { startTestService, testConfig, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
const config = () => testConfig({ ENCRYPTION_KEY: TEST_ENCRYPTION_KEY });
const stored = async (patientId: string) => {
  const [row] = await testDb.db.sql.query<{ cpf: string | null; address: string | null }>(
    `SELECT p.cpf, pp.address FROM "Patient" p LEFT JOIN "PatientProfile" pp ON pp."patientId" = p.id WHERE p.id = $1`, [patientId]);
  return row!;
};

beforeAll(async () => {
  testDb = await createTestDatabase("patient_identity", { persistent: true });
  service = await startTestService(testDb.db, { config: config() });
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

describe("a patient's CPF and address at rest", () => {
  it("seals the values an earlier version stored in clear when the service starts", async () => {
    // Written as the earlier version wrote them: in clear.
    const helena = await addPatient(testDb.db, service.clinicId, { name: "Helena Prado", phone: "+5511955550001", cpf: "52998224725", address: "Rua Augusta, 500, São Paulo/SP" });
    expect(await stored(helena.id)).toEqual({ cpf: "52998224725", address: "Rua Augusta, 500, São Paulo/SP" });
    await service.stop();
    service = await startTestService(await testDb.reopen(), { config: config() });
    const sealed = await stored(helena.id);
    expect(sealed.cpf).toMatch(/^v2:/);
    expect(sealed.address).toMatch(/^v2:/);
    expect(testCipher.openText(sealed.cpf!, rowAad("Patient", "cpf", helena.id))).toBe("52998224725");
    expect(testCipher.openText(sealed.address!, rowAad("PatientProfile", "address", helena.id))).toBe("Rua Augusta, 500, São Paulo/SP");
    const read = await service.api("GET", `/api/v1/clinics/${service.clinicId}/patients/${helena.id}`);
    expect(read.body).toMatchObject({ cpf: "52998224725", address: "Rua Augusta, 500, São Paulo/SP" });
  });

  it("stores what the admin API writes sealed, and reads it back opened", async () => {
    const base = `/api/v1/clinics/${service.clinicId}/patients`;
    const created = await service.api("POST", base, { name: "Igor Matos", phone: "+5511955550002", cpf: "529.982.247-25" });
    expect(created.status).toBe(201);
    expect(created.body.cpf).toBe("52998224725");
    const patched = await service.api("PATCH", `${base}/${created.body.id}`, { address: "Av. Paulista, 1000, São Paulo/SP, CEP 01310-100" });
    expect(patched.body).toMatchObject({ cpf: "52998224725", address: "Av. Paulista, 1000, São Paulo/SP, CEP 01310-100" });
    const sealed = await stored(created.body.id);
    expect(sealed.cpf).not.toContain("52998224725");
    expect(sealed.address).not.toContain("Paulista");
    const found = await service.api("GET", `${base}?phone=${encodeURIComponent("+5511955550002")}`);
    expect(found.body.patients).toEqual([expect.objectContaining({ cpf: "52998224725", address: "Av. Paulista, 1000, São Paulo/SP, CEP 01310-100" })]);
    const exported = await service.api("GET", `${base}/${created.body.id}/export`);
    expect(exported.body.patient.cpf).toBe("52998224725");
  });
});
