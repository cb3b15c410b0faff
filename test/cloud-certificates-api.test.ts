// Linking a doctor's cloud certificate through the admin API, against a local PSC.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { PscDouble } from "./support/psc-double.js";
import { demoProfessional, testCipher } from "./support/records.js";
import { startTestService, type TestService } from "./support/service.js";

const CPF = "52998224725";
let testDb: TestDatabase;
let service: TestService;
let psc: PscDouble;
let path: string;

beforeAll(async () => {
  testDb = await createTestDatabase("cloud_certificates_api");
  service = await startTestService(testDb.db);
  psc = await new PscDouble({ holders: { [CPF]: "ANA BEATRIZ SOUZA" } }).start();
  path = `/api/v1/clinics/${service.clinicId}/professionals/${(await demoProfessional(testDb.db, service.clinicId)).id}/cloud-certificate`;
});

afterAll(async () => {
  await psc?.stop();
  await service?.stop();
  await testDb?.close();
});

const body = (overrides: Record<string, unknown> = {}) => ({
  provider: "vidaas", baseUrl: psc.baseUrl, clientId: psc.clientId, clientSecret: psc.clientSecret, cpf: "529.982.247-25", ...overrides,
});

describe("linking a cloud certificate", () => {
  it("refuses a CPF the PSC holds no certificate for, and a PSC that refuses the application", async () => {
    expect(await service.api("PUT", path, body({ cpf: "111.444.777-35" }))).toMatchObject({ status: 422, body: { error: { code: "certificate_invalid" } } });
    expect((await service.api("PUT", path, body({ clientSecret: "wrong" }))).status).toBe(422);
    expect((await service.api("PUT", path, body({ baseUrl: "https://psc.example/v1" }))).status).toBe(400);
    expect((await service.api("PUT", path, body({ sessionHours: 169 }))).status).toBe(400);
  });

  it("links after discovery, keeps the secret sealed, shows the link without it, and audits each call", async () => {
    const linked = await service.api("PUT", path, body({ preferredSigner: "cloud", sessionHours: 10 }));
    expect(linked).toMatchObject({ status: 200, body: { provider: "vidaas", approval: "push", sessionHours: 10, cpf: "***.982.247-**", cpfCheckedAgainst: "none" } });
    expect(JSON.stringify(linked.body)).not.toContain(psc.clientSecret);
    const [row] = await testDb.db.sql.query<{ clientSecretSealed: string }>(`SELECT "clientSecretSealed" FROM "ProfessionalCloudCertificate"`);
    expect(row!.clientSecretSealed).not.toContain(psc.clientSecret);
    expect(testCipher.decrypt(row!.clientSecretSealed)).toBe(psc.clientSecret);
    const shown = await service.api("GET", path);
    expect(shown.body).toMatchObject({ id: linked.body.id, preferredSigner: "cloud" });
    expect(JSON.stringify(shown.body)).not.toContain(psc.clientSecret);
    const actions = (await testDb.db.prisma.auditEvent.findMany({ where: { action: { startsWith: "cloud_certificate." } } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["cloud_certificate.link", "cloud_certificate.read"]));
  });

  it("unlinks, after which the link is gone", async () => {
    expect(await service.api("DELETE", path)).toMatchObject({ status: 200, body: { unlinked: true } });
    expect((await service.api("GET", path)).status).toBe(404);
  });

  it("declares the routes in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths["/api/v1/clinics/{clinicId}/professionals/{professionalId}/cloud-certificate"] ?? {}).sort()).toEqual(["delete", "get", "put"]);
  });
});
