// What reaches a patient's chat after an LGPD request: after erasure, no file
// of the chat survives except the signed documents the law keeps; after
// consent is withdrawn, the clinic starts nothing there, and the patient's own
// messages are still answered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { queueText } from "../src/bot/chat-writes.js";
import { addAppointment, addPatient, chat, demoProfessional, outgoing, TEST_ENCRYPTION_KEY, testCipher } from "./support/records.js";
import { DOCTOR, startTestService, TEST_ADMIN_KEY, testConfig, texts, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
let base: string;

beforeAll(async () => {
  testDb = await createTestDatabase("privacy_delivery");
  service = await startTestService(testDb.db, { config: testConfig({ ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }) });
  // A specialty shown on a document needs its RQE (CFM 2.381/2024); the demo doctor has none.
  await testDb.db.prisma.professional.updateMany({ where: { clinicId: service.clinicId, crm: "123456" }, data: { rqe: "54321" } });
  base = `/api/v1/clinics/${service.clinicId}`;
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

/** The doctor's messages that this request brought. */
async function examRequestFor(name: string): Promise<string[]> {
  const before = (await outgoing(service, DOCTOR)).length;
  service.clock.advance(60_000);
  expect(texts(await service.say(DOCTOR, `paciente ${name}`)).join("\n")).toContain("Paciente escolhido");
  expect(texts(await service.say(DOCTOR, "exames hemograma completo"))[0]).toContain("*Solicitação de exames*");
  expect(texts(await service.say(DOCTOR, "1"))).toEqual(["Emitindo e assinando o documento..."]);
  await service.jobs.runDue();
  await service.outbox.flush();
  return (await outgoing(service, DOCTOR)).slice(before).map((m) => m.caption ?? m.text ?? "");
}

describe("erasure", () => {
  it("removes the data exports and every other file of the chat, and keeps the signed document's PDF", async () => {
    const patient = await addPatient(testDb.db, service.clinicId, { name: "Rita Campos", phone: "+5511944440001", cpf: "529.982.247-25" });
    await service.say(patient.phone, "oi");
    await examRequestFor("Rita Campos");
    // An atestado with the CID she authorised in the chat.
    await service.say(DOCTOR, "atestado 2 dias com CID J11");
    expect(texts(await service.say(DOCTOR, "1")).join("\n")).toContain("Pedi ao paciente");
    await service.say(patient.phone, "1");
    await service.jobs.runDue();
    expect(await testDb.db.prisma.cidAuthorizationRequest.findMany({ where: { patientId: patient.id } }))
      .toEqual([expect.objectContaining({ patientChatKey: patient.phone, status: expect.not.stringMatching(/^pending$/) })]);
    expect((await service.say(patient.phone, "meus dados")).replies[0]).toMatchObject({ type: "document" });
    const sent = await testDb.db.prisma.outboxMessage.findMany({ where: { chatKey: patient.phone, mediaId: { not: null } } });
    const documentPdfs = (await testDb.db.prisma.document.findMany({ where: { patientId: patient.id } })).map((d) => d.pdfMediaId);
    expect(documentPdfs).toHaveLength(2);
    const exportIds = sent.map((m) => m.mediaId!).filter((id) => !documentPdfs.includes(id));
    expect(exportIds.length).toBeGreaterThan(0);
    expect(await testDb.db.prisma.media.count({ where: { id: { in: exportIds } } })).toBe(exportIds.length);

    // She had asked for a person: the handoff keeps her words (sealed) until the erasure.
    await service.say(patient.phone, "falar com a recepção");
    expect(await testDb.db.prisma.handoff.count({ where: { chatKey: patient.phone } })).toBe(1);

    await service.say(patient.phone, "apagar meus dados");
    await service.say(patient.phone, "1");
    const request = (await service.api("GET", `${base}/erasure-requests?status=requested`)).body.erasureRequests
      .find((r: { patientId: string }) => r.patientId === patient.id);
    expect((await service.api("POST", `${base}/erasure-requests/${request.id}/resolve`, { decision: "erase" })).body.outcome)
      .toContain("Restrito e desidentificado");

    expect(await testDb.db.prisma.media.count({ where: { id: { in: exportIds } } })).toBe(0);
    expect(await testDb.db.prisma.media.count({ where: { id: { in: documentPdfs as string[] } } })).toBe(2);
    const left = await testDb.db.prisma.outboxMessage.findMany({ where: { chatKey: patient.phone, status: { not: "pending" } } });
    expect(left.length).toBeGreaterThan(0);
    expect(left.filter((m) => m.text !== null || m.caption !== null || m.filename !== null || m.mediaId !== null)).toEqual([]);
    expect(await testDb.db.prisma.inboxMessage.count({ where: { chatKey: patient.phone } })).toBe(0);
    expect(await testDb.db.prisma.handoff.count({ where: { OR: [{ chatKey: patient.phone }, { patientId: patient.id }] } })).toBe(0);
    expect(left.filter((m) => m.templateParams !== null)).toEqual([]);
    const authorisations = await testDb.db.prisma.cidAuthorizationRequest.findMany({ where: { patientId: patient.id } });
    expect(authorisations.map((a) => a.patientChatKey)).toEqual([expect.stringMatching(/^erased:/)]);
    await service.outbox.flush();
    expect((await chat(service, patient.phone)).at(-1)?.text).toContain("Seu pedido de exclusão foi atendido");
  });
});

describe("withdrawn consent", () => {
  async function withdrawnPatient(name: string, phone: string) {
    const patient = await addPatient(testDb.db, service.clinicId, { name, phone, cpf: "529.982.247-25" });
    await service.say(phone, "oi");
    await service.say(phone, "revogar consentimento");
    expect(texts(await service.say(phone, "1"))[0]).toContain("Consentimento revogado");
    return patient;
  }

  it("sends the patient no document the doctor issues, and tells the doctor to deliver it another way", async () => {
    const patient = await withdrawnPatient("Sérgio Antunes", "+5511944440002");
    const before = (await chat(service, patient.phone)).length;
    const toDoctor = await examRequestFor("Sérgio Antunes");
    expect(toDoctor).toEqual(expect.arrayContaining([expect.stringMatching(/solicitação de exames.*não enviado ao paciente.*Entregue por outro meio/s)]));
    expect(await chat(service, patient.phone)).toHaveLength(before);
    // The clinic still has it.
    const document = await testDb.db.prisma.document.findFirstOrThrow({ where: { patientId: patient.id } });
    expect(document.status).toBe("signed");
    const pdf = await fetch(`${service.url}${base}/documents/${document.id}/pdf`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
    expect(pdf.status).toBe(200);
  });

  it("does not ask the patient to authorise a CID, and says so to the doctor", async () => {
    const patient = await withdrawnPatient("Tânia Borges", "+5511944440003");
    const before = (await chat(service, patient.phone)).length;
    service.clock.advance(60_000);
    await service.say(DOCTOR, "paciente Tânia Borges");
    await service.say(DOCTOR, "atestado 2 dias com CID J11");
    expect(texts(await service.say(DOCTOR, "1")).join("\n")).toContain("revogou o consentimento");
    await service.outbox.flush();
    expect(await chat(service, patient.phone)).toHaveLength(before);
    expect(await testDb.db.prisma.cidAuthorizationRequest.count({ where: { patientId: patient.id } })).toBe(0);
  });

  it("sends no reminder due after the withdrawal, while a consenting patient's reminder goes out", async () => {
    const doctor = await demoProfessional(testDb.db, service.clinicId);
    const withdrawn = await withdrawnPatient("Ulisses Prado", "+5511944440004");
    const consenting = await addPatient(testDb.db, service.clinicId, { name: "Vera Lúcia", phone: "+5511944440005" });
    await service.say(consenting.phone, "oi");
    const startsAt = new Date(service.clock.now().getTime() + 26 * 3_600_000);
    for (const [i, patient] of [withdrawn, consenting].entries()) {
      const appointment = await addAppointment(testDb.db, service.clinicId, { patientId: patient.id, professionalId: doctor.id, startsAt: new Date(startsAt.getTime() + i * 3_600_000) });
      await testDb.db.prisma.appointment.update({ where: { id: appointment.id }, data: { reminder24hDueAt: new Date(service.clock.now().getTime() + 60_000) } });
    }
    const before = (await chat(service, withdrawn.phone)).length;
    service.clock.advance(5 * 60_000);
    await service.tick();
    await service.outbox.flush();
    expect((await chat(service, consenting.phone)).at(-1)?.text).toContain("Lembrete");
    expect(await chat(service, withdrawn.phone)).toHaveLength(before);
    // The patient's own message is still answered.
    expect(texts(await service.say(withdrawn.phone, "oi")).join("\n")).toContain("Responda *ACEITO*");
  });

  it("passes a freed time over a waitlisted patient who withdrew consent to the next one", async () => {
    const doctor = await demoProfessional(testDb.db, service.clinicId);
    const withdrawn = await withdrawnPatient("Wagner Lima", "+5511944440006");
    const next = await addPatient(testDb.db, service.clinicId, { name: "Xênia Rocha", phone: "+5511944440007" });
    await service.say(next.phone, "oi");
    const holder = await addPatient(testDb.db, service.clinicId, { name: "Yara Melo", phone: "+5511944440008" });
    const now = service.clock.now().getTime();
    const appointment = await addAppointment(testDb.db, service.clinicId, { patientId: holder.id, professionalId: doctor.id, startsAt: new Date(now + 50 * 3_600_000) });
    // An entry still waiting, as one written at the same moment as the withdrawal; it is first in line.
    for (const [i, patient] of [withdrawn, next].entries()) {
      await testDb.db.prisma.waitlistEntry.create({
        data: { clinicId: service.clinicId, patientId: patient.id, procedureId: appointment.procedureId, createdAt: new Date(now - (10 - i) * 60_000) },
      });
    }
    const before = (await chat(service, withdrawn.phone)).length;
    expect((await service.api("POST", `${base}/appointments/${appointment.id}/cancel`, {})).status).toBe(200);
    await service.outbox.flush();
    expect(await chat(service, withdrawn.phone)).toHaveLength(before);
    expect((await chat(service, next.phone)).at(-1)?.text).toContain("Abriu um horário");
    expect(await testDb.db.prisma.waitlistEntry.findFirstOrThrow({ where: { patientId: withdrawn.id } })).toMatchObject({ status: "declined" });
  });

  it("drops what the clinic queued but had not sent yet when consent is withdrawn", async () => {
    const patient = await addPatient(testDb.db, service.clinicId, { name: "Zilda Nunes", phone: "+5511944440009" });
    await service.say(patient.phone, "oi");
    expect(texts(await service.say(patient.phone, "revogar consentimento"))[0]).toContain("deixo de tratar seus dados");
    // Queued while the outbox could not send; nothing sends between here and her answer (the flush the
    // last turn started must end first, or on a fast database it takes the new row along).
    await service.outbox.flush();
    await testDb.db.transaction((sql) =>
      queueText(sql, testCipher, { clinicId: service.clinicId, chatKey: patient.phone }, "Pagamento recebido: R$ 150,00.", service.clock.now()));
    expect(texts(await service.say(patient.phone, "1"))[0]).toContain("Consentimento revogado");
    await service.outbox.flush();
    const sent = (await chat(service, patient.phone)).map((m) => m.text ?? "");
    expect(sent.at(-1)).toContain("Consentimento revogado");
    expect(sent.filter((text) => text.includes("Pagamento recebido"))).toEqual([]);
  });
});
