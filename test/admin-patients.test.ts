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

  it("creates and updates a patient's dependants, each a patient of their own reached in the guardian's chat", async () => {
    const created = await service.api("POST", `${base}/patients`, {
      name: "Rita Lima", phone: "+5511977770010", dependants: [{ name: "Theo Lima", birthDate: "2019-06-01", relationship: "filho" }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ guardianPatientId: null, dependants: [{ name: "Theo Lima", birthDate: "2019-06-01", relationship: "filho" }] });
    const theo = created.body.dependants[0].id;
    const patched = await service.api("PATCH", `${base}/patients/${created.body.id}`, {
      dependants: [{ name: "theo lima", birthDate: "2019-06-02", relationship: "filho", cpf: "529.982.247-25" }, { name: "Lia Lima", birthDate: "2022-01-15", relationship: "filha" }],
    });
    expect(patched.body.dependants).toEqual([
      { id: theo, name: "Theo Lima", birthDate: "2019-06-02", relationship: "filho" },
      { id: expect.any(String), name: "Lia Lima", birthDate: "2022-01-15", relationship: "filha" },
    ]);
    const child = await service.api("GET", `${base}/patients/${theo}`);
    expect(child.body).toMatchObject({ phone: "+5511977770010", cpf: "52998224725", guardianPatientId: created.body.id, relationship: "filho", dependants: [] });
    // A dependant books through their guardian: they have none of their own.
    const nested = await service.api("PATCH", `${base}/patients/${theo}`, { dependants: [{ name: "Ana Lima", birthDate: "2024-01-01", relationship: "filha" }] });
    expect(nested.status).toBe(400);
    expect((await service.api("POST", `${base}/patients`, { name: "Outra Rita", phone: "+5511977770010" })).status).toBe(409);
    const badDate = await service.api("POST", `${base}/patients`, { name: "Rui Lima", phone: "+5511977770011", dependants: [{ name: "Bebê", birthDate: "15/01/2022", relationship: "filho" }] });
    expect(badDate.status).toBe(400);
  });
});
