// A patient who phones in, created by the reception through the admin API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
let base: string;

beforeAll(async () => {
  testDb = await createTestDatabase("admin-patients");
  service = await startTestService(testDb.db);
  base = `/api/v1/clinics/${service.clinicId}`;
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

describe("creating a patient who phones in", () => {
  it("creates one with name, phone, a valid CPF and a birth date, and refuses bad data and a phone in use", async () => {
    const created = await service.api("POST", `${base}/patients`, { name: "Caio Nunes", phone: "+5511977770001", cpf: "529.982.247-25", birthDate: "2015-03-09" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Caio Nunes", phone: "+5511977770001", cpf: "52998224725", birthDate: "2015-03-09", consentGrantedAt: null });
    expect((await service.api("GET", `${base}/patients/${created.body.id}`)).body.birthDate).toBe("2015-03-09");
    const badCpf = await service.api("POST", `${base}/patients`, { name: "Caio Nunes", phone: "+5511977770002", cpf: "529.982.247-26" });
    expect(badCpf.body.error).toMatchObject({ code: "validation_failed", field: "cpf" });
    const badDate = await service.api("POST", `${base}/patients`, { name: "Caio Nunes", phone: "+5511977770003", birthDate: "2015-02-30" });
    expect(badDate.body.error).toMatchObject({ code: "validation_failed", field: "birthDate" });
    const twice = await service.api("POST", `${base}/patients`, { name: "Outro Nome", phone: "+5511977770001" });
    expect(twice.status).toBe(409);
    const patched = await service.api("PATCH", `${base}/patients/${created.body.id}`, { birthDate: "2015-03-10" });
    expect(patched.body.birthDate).toBe("2015-03-10");
  });
});
