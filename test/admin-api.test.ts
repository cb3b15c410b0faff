import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

beforeAll(async () => {
  testDb = await createTestDatabase("admin-api");
  service = await startTestService(testDb.db);
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

describe("admin API", () => {
  it("refuses requests without a key, with a wrong key, or with a malformed header", async () => {
    const none = await fetch(`${service.url}/api/v1/clinics`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: "unauthorized" } });
    expect((await service.api("GET", "/api/v1/clinics", undefined, "wrong-key")).status).toBe(401);
    const basic = await fetch(`${service.url}/api/v1/clinics`, { headers: { authorization: "Basic abc" } });
    expect(basic.status).toBe(401);
  });

  it("stores only a hash of the bootstrap key", async () => {
    const keys = await testDb.db.prisma.apiKey.findMany();
    expect(keys).toHaveLength(1);
    expect(keys[0]!.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(keys)).not.toContain("test-admin-key-0123456789abcdef");
  });

  it("creates, lists, reads and updates a clinic", async () => {
    const created = await service.api("POST", "/api/v1/clinics", {
      name: "Clínica Bem Estar", slug: "bem-estar", address: "Rua A, 10", city: "Campinas", phone: "+551932000000",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Clínica Bem Estar", slug: "bem-estar", timeZone: "America/Sao_Paulo" });
    const list = await service.api("GET", "/api/v1/clinics");
    expect(list.body.clinics.map((c: { slug: string }) => c.slug)).toEqual(["demo", "bem-estar"]);
    const one = await service.api("GET", `/api/v1/clinics/${created.body.id}`);
    expect(one.body.city).toBe("Campinas");
    const patched = await service.api("PATCH", `/api/v1/clinics/${created.body.id}`, { timeZone: "America/Manaus" });
    expect(patched.body.timeZone).toBe("America/Manaus");
  });

  it("answers 400 naming the field for invalid input", async () => {
    const cases: [unknown, string][] = [
      [{ name: "X", slug: "ok" }, "name"],
      [{ name: "Clínica", slug: "Not A Slug" }, "slug"],
      [{ name: "Clínica", slug: "tz", timeZone: "Mars/Olympus" }, "timeZone"],
      [{ name: "Clínica", slug: "phone", phone: "11 5555" }, "phone"],
    ];
    for (const [body, field] of cases) {
      const res = await service.api("POST", "/api/v1/clinics", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatchObject({ code: "validation_failed", field });
    }
    const malformed = await service.api("POST", "/api/v1/clinics", "{not json");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("invalid_json");
  });

  it("answers 409 for a slug already in use and 404 for unknown ids", async () => {
    const dup = await service.api("POST", "/api/v1/clinics", { name: "Outra Demo", slug: "demo" });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: "conflict", field: "slug" });
    expect((await service.api("GET", "/api/v1/clinics/does-not-exist")).status).toBe(404);
    expect((await service.api("PATCH", "/api/v1/clinics/does-not-exist", { name: "Nada" })).status).toBe(404);
    expect((await service.api("GET", `/api/v1/clinics/${service.clinicId}/professionals/nope`)).status).toBe(404);
  });

  it("manages a clinic's professionals", async () => {
    const path = `/api/v1/clinics/${service.clinicId}/professionals`;
    const created = await service.api("POST", path, {
      name: "Dr. Bruno Lima", crm: "654321", crmUf: "RJ", rqe: "12345", specialty: "Cardiologia", phone: "+5521990000002",
    });
    expect(created.status).toBe(201);
    const bad = await service.api("POST", path, { name: "Dr. X", crm: "12a", crmUf: "SP" });
    expect(bad.body.error.field).toBe("crm");
    const badUf = await service.api("POST", path, { name: "Dr. X", crm: "1", crmUf: "XX" });
    expect(badUf.body.error.field).toBe("crmUf");
    const dup = await service.api("POST", path, { name: "Dr. Bruno Lima", crm: "654321", crmUf: "RJ" });
    expect(dup.status).toBe(409);
    const list = await service.api("GET", path);
    expect(list.body.professionals.map((p: { name: string }) => p.name)).toEqual(["Dr. Bruno Lima", "Dra. Ana Souza"]);
    const patched = await service.api("PATCH", `${path}/${created.body.id}`, { specialty: "Cardiologia clínica", active: false });
    expect(patched.body).toMatchObject({ specialty: "Cardiologia clínica", active: false });
    // A specialty without an RQE is refused when saved (CFM 2.381/2024), not at the first document.
    const noRqe = await service.api("POST", path, { name: "Dra. Carla Dias", crm: "777888", crmUf: "SP", specialty: "Pediatria" });
    expect(noRqe.status).toBe(400);
    expect(noRqe.body.error).toMatchObject({ code: "rqe_required", field: "rqe" });
    const plain = await service.api("POST", path, { name: "Dra. Carla Dias", crm: "777888", crmUf: "SP" });
    expect(plain.status).toBe(201);
    const patchedNoRqe = await service.api("PATCH", `${path}/${plain.body.id}`, { specialty: "Pediatria" });
    expect(patchedNoRqe.status).toBe(400);
    expect(patchedNoRqe.body.error.code).toBe("rqe_required");
  });

  it("publishes an OpenAPI document built from the same schemas", async () => {
    const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as any;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      "/api/v1/clinics", "/api/v1/clinics/{clinicId}", "/api/v1/clinics/{clinicId}/professionals",
      "/api/v1/clinics/{clinicId}/professionals/{professionalId}",
    ]));
    const body = doc.paths["/api/v1/clinics"].post.requestBody.content["application/json"].schema;
    const schema = body.$ref ? doc.components.schemas[body.$ref.split("/").pop()] : body;
    expect(schema.required).toEqual(expect.arrayContaining(["name", "slug"]));
  });

  it("reports health and readiness", async () => {
    expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await (await fetch(`${service.url}/readyz`)).json();
    expect(ready).toMatchObject({ ready: true, database: { status: "ok" }, migrations: { status: "ok", pending: [] } });
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await fetch(`${service.url}/nothing-here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
