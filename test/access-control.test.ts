// Access control of the admin API: keys of one clinic never reach another
// clinic (every route of the OpenAPI document is walked), roles limit what a
// key does, a revoked key is refused at once, health-data reads are audited
// and the audit log is for admins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
let clinicA: string;
let clinicB: string;
const keys: Record<"adminA" | "receptionA" | "professionalA" | "adminB", { id: string; key: string }> = {} as never;
const entitiesB: Record<string, string> = {};
let patientA: string;

type Operation = { method: string; path: string; description?: string };

async function createKey(clinicId: string, role: string, by?: string): Promise<{ id: string; key: string }> {
  const res = await service.api("POST", `/api/v1/clinics/${clinicId}/api-keys`, { name: `${role} key`, role }, by);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, key: res.body.key };
}

async function operations(): Promise<Operation[]> {
  const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { description?: string }>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, description: op.description })));
}

/** Fills the path's placeholders: clinicId from the argument, other ids from `ids` or a dummy of the right shape. */
function fill(path: string, clinicId: string, ids: Record<string, string> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === "clinicId") return clinicId;
    if (ids[name]) return ids[name]!;
    if (name === "date") return "2026-12-01";
    if (name === "phone") return "+5511955554444";
    return `dummy-${name}`;
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase("access-control");
  service = await startTestService(testDb.db);
  clinicA = service.clinicId;
  const created = await service.api("POST", "/api/v1/clinics", { name: "Clínica Beta", slug: "beta" });
  clinicB = created.body.id;
  keys.adminA = await createKey(clinicA, "admin");
  keys.receptionA = await createKey(clinicA, "reception");
  keys.professionalA = await createKey(clinicA, "professional");
  keys.adminB = await createKey(clinicB, "admin");

  // Clinic B's data, to try to reach through clinic A's paths.
  const prisma = testDb.db.prisma;
  const professional = await service.api("POST", `/api/v1/clinics/${clinicB}/professionals`, {
    name: "Dra. Beta", crm: "998877", crmUf: "SP", rqe: "11223", specialty: "Clínica geral", phone: "+5511933332222",
  });
  expect(professional.status).toBe(201);
  const patient = await prisma.patient.create({ data: { clinicId: clinicB, phone: "+5511944443333", name: "Paciente Beta", updatedAt: new Date() } });
  const procedure = await prisma.procedure.create({ data: { clinicId: clinicB, name: "Consulta Beta", durationMinutes: 30, professionalIds: [professional.body.id] } });
  const appointment = await prisma.appointment.create({
    data: {
      clinicId: clinicB, professionalId: professional.body.id, patientId: patient.id, procedureId: procedure.id,
      startsAt: new Date("2026-12-01T13:00:00Z"), endsAt: new Date("2026-12-01T13:30:00Z"), status: "booked",
    },
  });
  const note = await prisma.clinicalNote.create({ data: { clinicId: clinicB, patientId: patient.id, professionalId: professional.body.id } });
  const document = await prisma.document.create({
    data: {
      clinicId: clinicB, professionalId: professional.body.id, patientId: patient.id, kind: "prescription", status: "signed",
      contentSealed: "v1:x:x:x:x", verificationCode: "BETA-0001", secretCode: "123456",
    },
  });
  Object.assign(entitiesB, {
    professionalId: professional.body.id, patientId: patient.id, procedureId: procedure.id, appointmentId: appointment.id,
    noteId: note.id, documentId: document.id, keyId: keys.adminB.id,
  });
  patientA = (await prisma.patient.create({ data: { clinicId: clinicA, phone: "+5511922221111", name: "Paciente Alfa", updatedAt: new Date() } })).id;
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

describe("a key of clinic A", () => {
  it("reaches no route of clinic B: every path with {clinicId} answers 403 or 404", async () => {
    const ops = (await operations()).filter((op) => op.path.includes("{clinicId}"));
    expect(ops.length).toBeGreaterThan(25);
    const answers: string[] = [];
    for (const op of ops) {
      for (const who of ["adminA", "receptionA", "professionalA"] as const) {
        const res = await service.api(op.method, fill(op.path, clinicB, entitiesB), op.method === "GET" || op.method === "DELETE" ? undefined : {}, keys[who].key);
        answers.push(`${who} ${op.method} ${op.path} -> ${res.status}`);
        expect([403, 404], `${who} ${op.method} ${op.path}: ${JSON.stringify(res.body)}`).toContain(res.status);
      }
    }
    expect(answers.some((line) => line.includes("/notes/{noteId}"))).toBe(true);
    expect(answers.some((line) => line.includes("/api-keys"))).toBe(true);
  });

  it("reaches none of clinic B's records through clinic A's own paths", async () => {
    const ops = (await operations()).filter((op) => op.path.includes("{clinicId}") && /\{(?!clinicId)\w+\}/.test(op.path));
    for (const op of ops) {
      const res = await service.api(op.method, fill(op.path, clinicA, entitiesB), op.method === "GET" || op.method === "DELETE" ? undefined : {}, keys.adminA.key);
      const what = `${op.method} ${op.path}: ${res.status} ${JSON.stringify(res.body)}`;
      // Another clinic's record does not exist from here: never a success, not even an empty list.
      expect(res.status, what).toBeGreaterThanOrEqual(400);
      expect(res.status, what).toBeLessThan(500);
      const text = JSON.stringify(res.body ?? "");
      expect(text, what).not.toContain("Beta");
      for (const [name, id] of Object.entries(entitiesB)) if (!op.path.includes(`{${name}}`)) expect(text, what).not.toContain(id);
    }
  });

  it("sees nothing of clinic B on the routes without a clinic in the path, and no route answers 500", async () => {
    const ops = (await operations()).filter((op) => !op.path.includes("{clinicId}"));
    expect(ops.length).toBeGreaterThan(0);
    for (const op of ops) {
      const res = await service.api(op.method, fill(op.path, clinicB), op.method === "GET" ? undefined : {}, keys.adminA.key);
      const what = `${op.method} ${op.path}: ${res.status} ${JSON.stringify(res.body)}`;
      expect(res.status, what).toBeLessThan(500);
      expect(JSON.stringify(res.body ?? ""), what).not.toContain(clinicB);
      if (op.method !== "GET") expect(res.status, what).toBeGreaterThanOrEqual(400);
    }
    const clinics = await service.api("GET", "/api/v1/clinics", undefined, keys.adminA.key);
    expect(clinics.body.clinics.map((c: { id: string }) => c.id)).toEqual([clinicA]);
  });
});

describe("roles", () => {
  it("keeps clinical notes from the reception and key management from professionals", async () => {
    const notes = `/api/v1/clinics/${clinicA}/patients/${patientA}/notes`;
    expect((await service.api("GET", notes, undefined, keys.receptionA.key)).status).toBe(403);
    expect((await service.api("GET", notes, undefined, keys.professionalA.key)).status).toBe(200);
    const createKeyAsProfessional = await service.api("POST", `/api/v1/clinics/${clinicA}/api-keys`, { name: "sneaky", role: "admin" }, keys.professionalA.key);
    expect(createKeyAsProfessional.status).toBe(403);
    expect(createKeyAsProfessional.body.error.code).toBe("forbidden");
    expect((await service.api("POST", `/api/v1/clinics/${clinicA}/api-keys`, { name: "sneaky", role: "admin" }, keys.receptionA.key)).status).toBe(403);
    expect((await service.api("PATCH", `/api/v1/clinics/${clinicA}`, { name: "Renomeada" }, keys.professionalA.key)).status).toBe(403);
  });

  it("lets the reception schedule and look patients up", async () => {
    expect((await service.api("GET", `/api/v1/clinics/${clinicA}/appointments`, undefined, keys.receptionA.key)).status).toBe(200);
    expect((await service.api("GET", `/api/v1/clinics/${clinicA}/patients/${patientA}`, undefined, keys.receptionA.key)).status).toBe(200);
    expect((await service.api("GET", `/api/v1/clinics/${clinicA}/conversations`, undefined, keys.receptionA.key)).status).toBe(200);
  });

  it("declares the roles of every route in the OpenAPI document", async () => {
    for (const op of await operations()) expect(op.description, `${op.method} ${op.path}`).toMatch(/Roles: /);
  });
});

describe("API keys", () => {
  it("lists keys without the key or its hash, and refuses a revoked key from the next request on", async () => {
    const fresh = await createKey(clinicA, "reception", keys.adminA.key);
    const path = `/api/v1/clinics/${clinicA}/appointments`;
    expect((await service.api("GET", path, undefined, fresh.key)).status).toBe(200);
    const list = await service.api("GET", `/api/v1/clinics/${clinicA}/api-keys`, undefined, keys.adminA.key);
    expect(list.status).toBe(200);
    const listed = list.body.apiKeys.find((k: { id: string }) => k.id === fresh.id);
    expect(listed).toMatchObject({ role: "reception", prefix: fresh.key.slice(0, 9), revokedAt: null });
    expect(listed.lastUsedAt).not.toBeNull();
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(fresh.key);
    expect(text).not.toMatch(/keyHash|[0-9a-f]{64}/);
    const revoked = await service.api("DELETE", `/api/v1/clinics/${clinicA}/api-keys/${fresh.id}`, undefined, keys.adminA.key);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await service.api("GET", path, undefined, fresh.key);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("unauthorized");
  });

  it("does not let a clinic admin revoke another clinic's key", async () => {
    const res = await service.api("DELETE", `/api/v1/clinics/${clinicA}/api-keys/${keys.adminB.id}`, undefined, keys.adminA.key);
    expect(res.status).toBe(404);
    expect((await service.api("GET", `/api/v1/clinics/${clinicB}`, undefined, keys.adminB.key)).status).toBe(200);
  });
});

describe("audit", () => {
  const auditPath = () => `/api/v1/clinics/${clinicA}/audit-events`;

  it("records every health-data read through the API: who, what, when, from where", async () => {
    const ids = { patientId: patientA };
    const reads = (await operations()).filter((op) => op.method === "GET" && /audit event/.test(op.description ?? ""));
    expect(reads.map((op) => op.path)).toEqual(expect.arrayContaining([
      "/api/v1/clinics/{clinicId}/patients/{patientId}", "/api/v1/clinics/{clinicId}/patients/{patientId}/notes", "/api/v1/clinics/{clinicId}/appointments",
    ]));
    let audited = 0;
    for (const op of reads) {
      if (/\{(?!clinicId|patientId)\w+\}/.test(op.path)) continue; // needs a record this test does not have
      const before = await testDb.db.prisma.auditEvent.count({ where: { clinicId: clinicA, actorId: keys.adminA.id } });
      const started = service.clock.now();
      const res = await service.api("GET", fill(op.path, clinicA, ids), undefined, keys.adminA.key);
      expect(res.status, `${op.path}: ${JSON.stringify(res.body)}`).toBe(200);
      const events = await testDb.db.prisma.auditEvent.findMany({ where: { clinicId: clinicA, actorId: keys.adminA.id }, orderBy: { at: "asc" } });
      expect(events.length, op.path).toBe(before + 1);
      const event = events.at(-1)!;
      expect(event).toMatchObject({ actorType: "api_key", clinicId: clinicA });
      expect(event.action).toMatch(/\.read$/);
      expect(event.ip).toMatch(/127\.0\.0\.1/);
      expect(event.at.getTime()).toBe(started.getTime());
      audited += 1;
    }
    expect(audited).toBeGreaterThanOrEqual(3);
    expect((await service.api("GET", `/api/v1/clinics/${clinicA}/patients/${patientA}`, undefined, keys.professionalA.key)).status).toBe(200);
    const patientRead = await testDb.db.prisma.auditEvent.findFirst({ where: { actorId: keys.professionalA.id, entityId: patientA, action: "patient.read" } });
    expect(patientRead?.entityType).toBe("patient");
  });

  it("records key management", async () => {
    const events = await testDb.db.prisma.auditEvent.findMany({ where: { clinicId: clinicA, action: { in: ["api_key.create", "api_key.revoke"] } } });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["api_key.create", "api_key.revoke"]));
    expect(JSON.stringify(events)).not.toContain("zelo_");
  });

  it("lists the audit log to the clinic's admins only, with filters", async () => {
    expect((await service.api("GET", auditPath(), undefined, keys.receptionA.key)).status).toBe(403);
    expect((await service.api("GET", auditPath(), undefined, keys.professionalA.key)).status).toBe(403);
    expect((await service.api("GET", auditPath(), undefined, keys.adminB.key)).status).toBe(404);
    const all = await service.api("GET", auditPath(), undefined, keys.adminA.key);
    expect(all.status).toBe(200);
    expect(all.body.auditEvents.length).toBeGreaterThan(3);
    const reads = await service.api("GET", `${auditPath()}?action=patient.read`, undefined, keys.adminA.key);
    expect(reads.body.auditEvents.length).toBeGreaterThan(0);
    expect(reads.body.auditEvents.every((e: { action: string }) => e.action === "patient.read")).toBe(true);
    const future = await service.api("GET", `${auditPath()}?from=2030-01-01T00:00:00Z`, undefined, keys.adminA.key);
    expect(future.body.auditEvents).toEqual([]);
  });
});
