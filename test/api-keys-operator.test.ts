// Operator keys: rotating ADMIN_API_KEY by restarting with a new one, and
// listing, creating and revoking operator keys through the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiKey } from "../src/admin-api/auth.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, testConfig, type TestService } from "./support/service.js";

const KEY_A = "operator-key-a-0123456789abcdef";
const KEY_B = "operator-key-b-0123456789abcdef";

let testDb: TestDatabase;
let service: TestService | undefined;

const start = async (adminKey: string) => {
  await service?.stop();
  service = await startTestService(testDb.db, { config: testConfig({ ADMIN_API_KEY: adminKey }) });
  return service;
};

beforeAll(async () => {
  testDb = await createTestDatabase("api-keys-operator");
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

describe("bootstrap key rotation", () => {
  it("a restart with a new ADMIN_API_KEY refuses the previous one and keeps the new one", async () => {
    let running = await start(KEY_A);
    expect((await running.api("GET", "/api/v1/clinics", undefined, KEY_A)).status).toBe(200);

    running = await start(KEY_B);
    const refused = await running.api("GET", "/api/v1/clinics", undefined, KEY_A);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe("unauthorized");
    expect((await running.api("GET", "/api/v1/clinics", undefined, KEY_B)).status).toBe(200);

    const rows = await testDb.db.prisma.apiKey.findMany({ where: { keyHash: { in: [hashApiKey(KEY_A), hashApiKey(KEY_B)] } } });
    expect(rows.map((row) => [row.keyHash === hashApiKey(KEY_A) ? "A" : "B", row.revokedAt !== null]).sort()).toEqual([["A", true], ["B", false]]);
  });

  it("a restart with the same ADMIN_API_KEY keeps it, and revokes nothing else", async () => {
    const running = await start(KEY_B);
    expect((await running.api("GET", "/api/v1/clinics", undefined, KEY_B)).status).toBe(200);
    const created = await running.api("POST", "/api/v1/api-keys", { name: "deploy robot" }, KEY_B);
    const again = await start(KEY_B);
    expect((await again.api("GET", "/api/v1/clinics", undefined, created.body.key)).status).toBe(200);
  });

  it("switching back to an earlier ADMIN_API_KEY makes it work again and retires the other", async () => {
    const running = await start(KEY_A);
    expect((await running.api("GET", "/api/v1/clinics", undefined, KEY_A)).status).toBe(200);
    expect((await running.api("GET", "/api/v1/clinics", undefined, KEY_B)).status).toBe(401);
  });
});

describe("operator keys through the API", () => {
  it("lists, creates and revokes operator keys; a revoked key is refused from the next request", async () => {
    const running = await start(KEY_A);
    const created = await running.api("POST", "/api/v1/api-keys", { name: "second operator" }, KEY_A);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "second operator", role: "admin", clinicId: null, bootstrap: false });
    expect(created.body.key).toMatch(/^zelo_/);
    expect((await running.api("GET", "/api/v1/clinics", undefined, created.body.key)).status).toBe(200);

    const list = await running.api("GET", "/api/v1/api-keys", undefined, created.body.key);
    expect(list.status).toBe(200);
    const names = list.body.apiKeys.map((key: { name: string; revokedAt: string | null; bootstrap: boolean }) => [key.name, key.revokedAt === null, key.bootstrap]);
    expect(names).toEqual(expect.arrayContaining([["bootstrap (ADMIN_API_KEY)", true, true], ["second operator", true, false]]));
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(JSON.stringify(list.body)).not.toContain(hashApiKey(created.body.key));

    const revoked = await running.api("DELETE", `/api/v1/api-keys/${created.body.id}`, undefined, KEY_A);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await running.api("GET", "/api/v1/clinics", undefined, created.body.key)).status).toBe(401);
    expect((await running.api("DELETE", "/api/v1/api-keys/no-such-key", undefined, KEY_A)).status).toBe(404);
  });

  it("refuses to revoke the last active operator key, also when it is the caller's own", async () => {
    const running = await start(KEY_A);
    // Every other operator key revoked: KEY_A, the active bootstrap key, is left.
    const others = (await running.api("GET", "/api/v1/api-keys", undefined, KEY_A)).body.apiKeys
      .filter((key: { revokedAt: string | null; bootstrap: boolean }) => key.revokedAt === null && !key.bootstrap);
    for (const key of others) expect((await running.api("DELETE", `/api/v1/api-keys/${key.id}`, undefined, KEY_A)).status).toBe(200);
    const [own] = (await running.api("GET", "/api/v1/api-keys", undefined, KEY_A)).body.apiKeys
      .filter((key: { revokedAt: string | null }) => key.revokedAt === null);
    expect(own.bootstrap).toBe(true);

    const refused = await running.api("DELETE", `/api/v1/api-keys/${own.id}`, undefined, KEY_A);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "last_operator_key", field: "keyId" });
    expect((await running.api("GET", "/api/v1/clinics", undefined, KEY_A)).status).toBe(200);

    // With a second one in place, the caller may retire its own key.
    const spare = await running.api("POST", "/api/v1/api-keys", { name: "spare" }, KEY_A);
    expect((await running.api("DELETE", `/api/v1/api-keys/${own.id}`, undefined, KEY_A)).status).toBe(200);
    expect((await running.api("GET", "/api/v1/clinics", undefined, KEY_A)).status).toBe(401);
    expect((await running.api("GET", "/api/v1/api-keys", undefined, spare.body.key)).status).toBe(200);
  });

  it("keeps operator key management from clinic keys, even a clinic's admin", async () => {
    const running = await start(KEY_A);
    const clinicAdmin = await running.api("POST", `/api/v1/clinics/${running.clinicId}/api-keys`, { name: "clinic admin", role: "admin" }, KEY_A);
    expect(clinicAdmin.status).toBe(201);
    for (const [method, path, body] of [
      ["GET", "/api/v1/api-keys", undefined],
      ["POST", "/api/v1/api-keys", { name: "sneaky" }],
      ["DELETE", `/api/v1/api-keys/${clinicAdmin.body.id}`, undefined],
    ] as const) {
      const res = await running.api(method, path, body, clinicAdmin.body.key);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    // Clinic keys are not operator keys: not listed there, not revoked there.
    const list = await running.api("GET", "/api/v1/api-keys", undefined, KEY_A);
    expect(list.body.apiKeys.map((key: { id: string }) => key.id)).not.toContain(clinicAdmin.body.id);
    expect((await running.api("DELETE", `/api/v1/api-keys/${clinicAdmin.body.id}`, undefined, KEY_A)).status).toBe(404);
  });

  it("documents the operator routes in OpenAPI", async () => {
    const running = await start(KEY_A);
    const doc = (await (await fetch(`${running.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { description?: string }>> };
    expect(doc.paths["/api/v1/api-keys"]).toHaveProperty("get");
    expect(doc.paths["/api/v1/api-keys"]).toHaveProperty("post");
    expect(doc.paths["/api/v1/api-keys/{keyId}"]?.delete?.description).toMatch(/operator keys only/);
  });
});
