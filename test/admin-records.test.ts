// Admin API for records and documents: patients, notes, certificates,
// documents; every read of health data leaves an audit event.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyNote } from "../src/ai/clinical-note.js";
import { generateDevelopmentCertificate } from "../src/documents/index.js";
import { pdfsig } from "../src/documents/test-tools.js";
import { itNeeds, POPPLER } from "./support/programs.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { addPatient, demoProfessional, TEST_ENCRYPTION_KEY, testCipher } from "./support/records.js";
import { DOCTOR, startTestService, TEST_ADMIN_KEY, testConfig, texts, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
let patientId: string;
let noteId: string;
const PHONE = "+5511944440001";
const CPF = "52998224725";

beforeAll(async () => {
  testDb = await createTestDatabase("admin_records");
  service = await startTestService(testDb.db, { config: testConfig({ ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }) });
  const patient = await addPatient(testDb.db, service.clinicId, { name: "Carla Mendes", phone: PHONE });
  patientId = patient.id;
  const doctor = await demoProfessional(testDb.db, service.clinicId);
  noteId = randomUUID();
  const content = { ...emptyNote(), chiefComplaint: { text: "Tosse seca", evidence: "tosse seca" } };
  await testDb.db.prisma.clinicalNote.create({ data: { id: noteId, clinicId: service.clinicId, patientId, professionalId: doctor.id } });
  await testDb.db.prisma.clinicalNoteVersion.create({
    data: { noteId, clinicId: service.clinicId, version: 1, kind: "note", professionalId: doctor.id,
      contentSealed: testCipher.encrypt(JSON.stringify(content)), transcriptSealed: testCipher.encrypt("Paciente com tosse seca.") },
  });
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const base = () => `/api/v1/clinics/${service.clinicId}`;
const audits = (action: string) => testDb.db.prisma.auditEvent.findMany({ where: { action } });

describe("patients and notes", () => {
  it("finds a patient by phone and by name, and audits the search", async () => {
    const byPhone = await service.api("GET", `${base()}/patients?phone=${encodeURIComponent(PHONE)}`);
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.patients).toEqual([expect.objectContaining({ id: patientId, name: "Carla Mendes", phone: PHONE })]);
    const byName = await service.api("GET", `${base()}/patients?q=carla`);
    expect(byName.body.patients.map((p: { id: string }) => p.id)).toEqual([patientId]);
    const events = await audits("patient.read");
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events[0]).toMatchObject({ actorType: "api_key", clinicId: service.clinicId });
    expect(events[0]!.ip).toBeTruthy();
  });

  it("lists and reads a patient's notes with their structured content, auditing each read", async () => {
    const list = await service.api("GET", `${base()}/patients/${patientId}/notes`);
    expect(list.status).toBe(200);
    expect(list.body.notes).toEqual([expect.objectContaining({ id: noteId, versions: [expect.objectContaining({ version: 1, kind: "note" })] })]);
    expect(list.body.notes[0].versions[0].content.chiefComplaint).toEqual({ text: "Tosse seca", evidence: "tosse seca" });
    expect(list.body.notes[0].versions[0].transcript).toBeUndefined();
    const one = await service.api("GET", `${base()}/patients/${patientId}/notes/${noteId}`);
    expect(one.body.versions[0].transcript).toBe("Paciente com tosse seca.");
    expect((await audits("note.read")).map((e) => e.entityId)).toContain(noteId);
  });

  it("stores a CPF and an address for documents, refusing an invalid CPF", async () => {
    expect((await service.api("PATCH", `${base()}/patients/${patientId}`, { cpf: "111.111.111-11" })).status).toBe(400);
    const updated = await service.api("PATCH", `${base()}/patients/${patientId}`, { cpf: "529.982.247-25", address: "Rua A, 1 - São Paulo/SP" });
    expect(updated.body).toMatchObject({ cpf: CPF, address: "Rua A, 1 - São Paulo/SP" });
  });
});

describe("certificates", () => {
  const professionalPath = async () => `${base()}/professionals/${(await demoProfessional(testDb.db, service.clinicId)).id}/certificate`;
  const certificate = (overrides: Partial<Parameters<typeof generateDevelopmentCertificate>[0]> = {}) =>
    generateDevelopmentCertificate({ name: "ANA SOUZA", cpf: CPF, notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date("2027-06-01T00:00:00Z"), ...overrides });

  it("refuses a wrong password, an expired certificate and another person's CPF, naming the problem", async () => {
    const path = await professionalPath();
    const good = certificate();
    const wrong = await service.api("PUT", path, { pkcs12Base64: good.pkcs12.toString("base64"), password: "nope" });
    expect(wrong).toMatchObject({ status: 422, body: { error: { code: "certificate_invalid" } } });
    expect(JSON.stringify(wrong.body)).not.toContain(good.password);
    const old = certificate({ notBefore: new Date("2024-01-01T00:00:00Z"), notAfter: new Date("2025-01-01T00:00:00Z") });
    const expired = await service.api("PUT", path, { pkcs12Base64: old.pkcs12.toString("base64"), password: old.password });
    expect(expired.body.error.message).toContain("vencido");
    const other = await service.api("PUT", path, { pkcs12Base64: good.pkcs12.toString("base64"), password: good.password, expectedCpf: "111.444.777-35" });
    expect(other.body.error.message).toContain("CPF");
  });

  it("stores an uploaded certificate sealed, never returns its password, and signs the next document with it", async () => {
    const path = await professionalPath();
    const uploaded = certificate({ notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date("2027-06-01T00:00:00Z") });
    const answer = await service.api("PUT", path, { pkcs12Base64: uploaded.pkcs12.toString("base64"), password: uploaded.password, expectedCpf: "529.982.247-25" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ holderName: "ANA SOUZA", cpf: "***.982.247-**", notAfter: "2027-06-01T00:00:00.000Z", isDevelopment: true });
    expect(JSON.stringify(answer.body)).not.toContain(uploaded.password);
    const row = await testDb.db.prisma.professionalCertificate.findFirstOrThrow({ where: { id: answer.body.id } });
    expect(row.passwordSealed).not.toContain(uploaded.password);
    expect(testCipher.decrypt(row.passwordSealed)).toBe(uploaded.password);
    expect((await service.api("GET", path)).body.id).toBe(answer.body.id);

    await testDb.db.prisma.professional.updateMany({ where: { clinicId: service.clinicId, crm: "123456" }, data: { rqe: "54321" } });
    await service.say(DOCTOR, "paciente Carla");
    await service.say(DOCTOR, "atestado 1 dia");
    expect(texts(await service.say(DOCTOR, "1"))).toEqual(["Emitindo e assinando o documento..."]);
    await service.jobs.runDue();
    const doc = await testDb.db.prisma.document.findFirstOrThrow({ where: { patientId } });
    expect(doc).toMatchObject({ status: "signed", certificateId: answer.body.id });
  });
});

describe("documents", () => {
  itNeeds(...POPPLER)("lists a clinic's documents and downloads one's PDF, auditing both", async () => {
    const list = await service.api("GET", `${base()}/documents`);
    expect(list.status).toBe(200);
    const [doc] = list.body.documents;
    expect(doc).toMatchObject({ kind: "certificate", status: "signed", patientId, isTest: true });
    const res = await fetch(`${service.url}${base()}/documents/${doc.id}/pdf`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(res.status).toBe(200);
    expect(pdfsig(Buffer.from(await res.arrayBuffer()))).toContain("Signature is Valid");
    expect((await audits("document.read")).length).toBeGreaterThan(0);
    expect((await audits("document.download")).map((e) => e.entityId)).toEqual([doc.id]);
    const anonymous = await fetch(`${service.url}${base()}/documents/${doc.id}/pdf`);
    expect(anonymous.status).toBe(401);
  });

  it("keeps the controlled-drug list as data an admin can update", async () => {
    const list = await service.api("GET", "/api/v1/controlled-drugs");
    expect(list.body.drugs).toContainEqual({ name: "amoxicilina", class: "antimicrobial", list: "RDC 471/2021", rule: "sncr_only", active: true });
    const added = await service.api("PUT", "/api/v1/controlled-drugs", { name: "Zolpidem", class: "notification", list: "B1", rule: "never" });
    expect(added.status).toBe(200);
    expect((await service.api("GET", "/api/v1/controlled-drugs")).body.drugs.filter((d: { name: string }) => d.name === "zolpidem")).toHaveLength(1);
  });

  it("describes the new routes in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${service.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    for (const path of ["/api/v1/clinics/{clinicId}/patients", "/api/v1/clinics/{clinicId}/patients/{patientId}/notes",
      "/api/v1/clinics/{clinicId}/documents", "/api/v1/clinics/{clinicId}/documents/{documentId}/pdf",
      "/api/v1/clinics/{clinicId}/professionals/{professionalId}/certificate"]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
