// LGPD rights through the chat and the admin API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countingOverlap } from "./support/overlap.js";
import { pdftotext } from "../src/documents/test-tools.js";
import { exportPatientData } from "../src/privacy/export-patient-data.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { itNeeds, POPPLER } from "./support/programs.js";
import { startTestService, texts, type TestService } from "./support/service.js";

const withPoppler = itNeeds(...POPPLER);
let testDb: TestDatabase;
let service: TestService;
let base: string;

beforeAll(async () => {
  testDb = await createTestDatabase("privacy");
  service = await startTestService(testDb.db);
  service.clock.set(new Date("2026-11-23T12:00:00Z"));
  base = `/api/v1/clinics/${service.clinicId}`;
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

let n = 0;
async function patient(name: string): Promise<string> {
  n += 1;
  const phone = `+55119${String(72000000 + n)}`;
  await service.say(phone, "oi");
  await service.say(phone, "1");
  await service.say(phone, name);
  return phone;
}

const history = async (phone: string) =>
  ((await (await fetch(`${service.url}/simulator/chats/${encodeURIComponent(phone)}/messages`)).json()) as any).messages as any[];

describe("LGPD in the chat", () => {
  withPoppler("sends everything held about the patient on 'meus dados', as JSON and as a PDF that reads in Portuguese", async () => {
    const phone = await patient("Helena Prado");
    const answer = await service.say(phone, "meus dados");
    expect(answer.replies[0]).toMatchObject({ type: "document", mimetype: "application/json", filename: "meus-dados-2026-11-23.json" });
    expect(answer.replies[1]).toMatchObject({ type: "document", mimetype: "application/pdf", filename: "meus-dados-2026-11-23.pdf" });
    expect(answer.replies[2]!.text).toContain("um resumo em PDF");
    // Read as a person would: the name, and the consent's instant in the clinic's time (12:00 UTC is 09:00 in São Paulo).
    const pdf = Buffer.from(await (await fetch(`${service.url}${answer.replies[1]!.url}`)).arrayBuffer());
    const summary = pdftotext(pdf).replace(/\s+/g, " ");
    expect(summary).toContain("Helena Prado");
    expect(summary).toContain("23/11/2026 09:00: concedido");
    const file = (await (await fetch(`${service.url}${answer.replies[0]!.url}`)).json()) as any;
    expect(file.patient).toMatchObject({ name: "Helena Prado", phone });
    expect(file.consents).toEqual([expect.objectContaining({ granted: true, textVersion: "2026-11-v2" })]);
    expect(file.clinicalNotesPolicy).toContain("listadas");
  });

  it("stops processing after consent is withdrawn, and says what that means", async () => {
    const phone = await patient("Igor Ramos");
    expect(texts(await service.say(phone, "quero revogar meu consentimento"))[0]).toContain("deixo de tratar seus dados");
    expect(texts(await service.say(phone, "1"))[0]).toContain("Consentimento revogado");
    expect(texts(await service.say(phone, "1"))[0]).toContain("Ainda não tenho o seu consentimento");
    const row = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone }, include: { consents: { orderBy: { recordedAt: "asc" } } } });
    expect(row.consentGrantedAt).toBeNull();
    expect(row.consents.map((c) => c.granted)).toEqual([true, false]);
  });

  it("erases a patient without medical records entirely, and tells them", async () => {
    const phone = await patient("Joana Dias");
    expect(texts(await service.say(phone, "apagar meus dados"))[0]).toContain("prontuário médico é guardado por 20 anos");
    expect(texts(await service.say(phone, "1"))[0]).toContain("Pedido de exclusão registrado");
    expect(texts(await service.say(phone, "apagar meus dados"))).toHaveLength(1);
    expect(texts(await service.say(phone, "1"))[0]).toContain("já tem um pedido");
    const list = await service.api("GET", `${base}/erasure-requests?status=requested`);
    const request = list.body.erasureRequests.find((r: any) => r.status === "requested");
    const patientRow = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
    expect(request.patientId).toBe(patientRow.id);
    const resolved = await service.api("POST", `${base}/erasure-requests/${request.id}/resolve`, { decision: "erase" });
    expect(resolved.body).toMatchObject({ status: "completed", outcome: expect.stringContaining("Apagado por completo") });
    expect(await testDb.db.prisma.patient.count({ where: { id: patientRow.id } })).toBe(0);
    expect(await testDb.db.prisma.inboxMessage.count({ where: { chatKey: phone } })).toBe(0);
    await service.outbox.flush();
    const last = (await history(phone)).at(-1);
    expect(last.text).toContain("todos os seus dados foram apagados");
    expect((await service.api("POST", `${base}/erasure-requests/${request.id}/resolve`, { decision: "erase" })).status).toBe(409);
  });

  it("keeps and restricts medical records, removing the rest", async () => {
    const phone = await patient("Lucas Melo");
    const patientRow = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
    const procedure = (await service.api("GET", `${base}/procedures`)).body.procedures[0];
    const doctor = await testDb.db.prisma.professional.findFirstOrThrow();
    const booked = await service.api("POST", `${base}/appointments`, { patientId: patientRow.id, procedureId: procedure.id, professionalId: doctor.id, startsAt: "2026-11-24T13:00:00Z" });
    await service.api("POST", `${base}/appointments/${booked.body.id}/complete`);
    await service.say(phone, "apagar meus dados");
    await service.say(phone, "1");
    const request = (await service.api("GET", `${base}/erasure-requests?status=requested`)).body.erasureRequests[0];
    const resolved = await service.api("POST", `${base}/erasure-requests/${request.id}/resolve`, { decision: "erase" });
    expect(resolved.body.outcome).toContain("Restrito e desidentificado");
    const kept = await testDb.db.prisma.patient.findUniqueOrThrow({ where: { id: patientRow.id } });
    expect(kept).toMatchObject({ name: "Lucas Melo", consentGrantedAt: null });
    expect(kept.restrictedAt).not.toBeNull();
    expect(kept.phone).toMatch(/^erased:/);
    expect(await testDb.db.prisma.appointment.count({ where: { patientId: patientRow.id, status: "completed" } })).toBe(1);
    expect(await testDb.db.prisma.inboxMessage.count({ where: { chatKey: phone } })).toBe(0);
    const audit = await testDb.db.prisma.auditEvent.findMany({ where: { entityId: patientRow.id, action: { startsWith: "patient.erasure" } } });
    expect(audit.map((a) => a.action)).toContain("patient.erasure.restricted");
    // Writing again, the number is a new contact: consent first, nothing linked to the old record.
    expect(texts(await service.say(phone, "oi")).join(" ")).toContain("Você concorda?");
  });
});

describe("the data export", () => {
  // In a turn the export runs on the transaction's one connection: node-postgres queues overlapping queries
  // there, warns once per process that pg@9 will refuse them, and PGlite has no such warning, so the overlap is counted.
  it("asks a transaction's connection one query at a time", async () => {
    const phone = await patient("Otávio Reis");
    const { id } = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
    let mostAtOnce = 0;
    const exported = await testDb.db.transaction(async (sql) => {
      const counted = countingOverlap(sql);
      const data = await exportPatientData(counted.sql, service.cipher, service.clinicId, id, service.clock.now());
      mostAtOnce = counted.mostAtOnce();
      return data;
    });
    expect(exported.patient).toMatchObject({ name: "Otávio Reis", phone });
    expect(exported.consents).toHaveLength(1);
    expect(mostAtOnce).toBe(1);
  });
});
