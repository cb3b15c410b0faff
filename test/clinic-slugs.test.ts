// Clinics are found by "id or slug" (the simulator's `clinic`, the Cloud API's
// WHATSAPP_CLOUD_PHONE_NUMBERS): a slug may not look like an id, and an id
// wins over a slug that happens to equal it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudNumbers } from "../src/bot/channels/cloud-api/numbers.js";
import { resolveClinic } from "../src/bot/simulator/queries.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

beforeAll(async () => {
  testDb = await createTestDatabase("clinic_slugs");
  service = await startTestService(testDb.db);
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

describe("clinic slugs", () => {
  it("refuses a slug shaped like a clinic id, on create and on update", async () => {
    const clinicA = await service.api("GET", `/api/v1/clinics/${service.clinicId}`);
    expect(clinicA.status).toBe(200);
    const created = await service.api("POST", "/api/v1/clinics", { name: "Clínica B", slug: service.clinicId });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({ code: "validation_failed", field: "slug" });
    expect((await service.api("POST", "/api/v1/clinics", { name: "Clínica B", slug: randomUUID() })).status).toBe(400);

    const other = await service.api("POST", "/api/v1/clinics", { name: "Clínica C", slug: "clinica-c" });
    expect(other.status).toBe(201);
    const patched = await service.api("PATCH", `/api/v1/clinics/${other.body.id}`, { slug: service.clinicId });
    expect(patched.status).toBe(400);
    expect(patched.body.error).toMatchObject({ code: "validation_failed", field: "slug" });
    // A slug that only contains digits and dashes is still fine.
    expect((await service.api("PATCH", `/api/v1/clinics/${other.body.id}`, { slug: "clinica-2024" })).status).toBe(200);
  });

  it("finds a clinic by its id even when an older clinic's slug equals that id", async () => {
    // Written straight to the table, as a clinic from before the rule could be;
    // the older clinic comes first in the table, so a lookup that takes "any match" finds it.
    const id = randomUUID();
    const older = await testDb.db.prisma.clinic.create({ data: { name: "Antiga", slug: id } });
    const newer = await testDb.db.prisma.clinic.create({ data: { id, name: "Nova", slug: "nova" } });

    expect(await resolveClinic(testDb.db, id)).toEqual({ id: newer.id });
    expect(await resolveClinic(testDb.db, "nova")).toEqual({ id: newer.id });

    const numbers = new CloudNumbers(testDb.db, `111:${id},222:nova`);
    expect(await numbers.clinicFor("111")).toBe(newer.id);
    expect(await numbers.clinicFor("222")).toBe(newer.id);
    expect(older.id).not.toBe(newer.id);
  });
});
