// A mother books for her son in her own chat, end to end over the simulator
// on PostgreSQL or PGlite: the appointment and the atestado are his, and the
// atestado reaches her chat; his receita, waiting for his CPF and address,
// is completed by her answer in her chat, stored on his record.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { outgoing, TEST_ENCRYPTION_KEY } from "./support/records.js";
import { chatHelpers, DOCTOR, startTestService, testConfig, texts, type TestService } from "./support/service.js";
import { findPatientPhoneByLid, linkPatientLid } from "../src/bot/channels/baileys/baileys-statements.js";

let testDb: TestDatabase;
let service: TestService;

// Monday 2026-11-23, 09:00 in São Paulo.
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");

beforeAll(async () => {
  testDb = await createTestDatabase("dependants");
  service = await startTestService(testDb.db, { config: testConfig({ ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }) });
  // A specialty shown on a document needs its RQE (CFM 2.381/2024); the demo doctor has none.
  await testDb.db.prisma.professional.updateMany({ where: { clinicId: service.clinicId, crm: "123456" }, data: { rqe: "54321" } });
});
beforeEach(() => service?.clock.set(MONDAY_9AM));
afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const { newPatient, last } = chatHelpers(() => service, 86000000);

async function patientsOf(phone: string) {
  return testDb.db.prisma.patient.findMany({ where: { phone }, orderBy: { createdAt: "asc" } });
}

describe("booking for a dependant", () => {
  it("a mother books for her son, the doctor issues his atestado, and she receives it in her chat", async () => {
    const mother = await newPatient("Maria Souza");
    expect(await last(mother, "1")).toContain("É para outra pessoa (um filho, por exemplo)? Responda *outra pessoa*.");
    expect(await last(mother, "outra pessoa")).toContain("Qual o nome completo de quem vai ser atendido?");
    expect(await last(mother, "pedro souza lima")).toBe("Qual a data de nascimento de Pedro? (ex.: 15/03/2018)");
    expect(await last(mother, "31/02/2018")).toContain("Não entendi a data");
    expect(await last(mother, "15/03/2018")).toContain("Qual o parentesco de Pedro com você?\n1 - Filho");
    const registered = await last(mother, "1");
    expect(registered).toContain("Cadastro feito: Pedro.");
    expect(registered).toContain("Qual atendimento você quer agendar?");
    // A brand-new dependant may not book the Retorno either: Consulta is option 1.
    await last(mother, "1");
    await last(mother, "1");
    const summary = await last(mother, "1");
    expect(summary).toContain("👤 Para: Pedro");
    expect(await last(mother, "1")).toMatch(/Pronto, agendado! ✅\n.* com Dra\. Ana Souza, para Pedro\./);

    const [maria, pedro] = await patientsOf(mother);
    expect(maria).toMatchObject({ name: "Maria Souza", guardianPatientId: null });
    expect(pedro).toMatchObject({ name: "Pedro Souza Lima", guardianPatientId: maria!.id, relationship: "filho", birthDate: new Date("2018-03-15T00:00:00Z") });
    const appointments = await testDb.db.prisma.appointment.findMany({ where: { patientId: { in: [maria!.id, pedro!.id] } } });
    expect(appointments.map((a) => [a.patientId, a.status])).toEqual([[pedro!.id, "booked"]]);
    // The guardian's consent covers the dependant's data (LGPD art. 14), on his own record.
    expect(await testDb.db.prisma.consentRecord.findMany({ where: { patientId: pedro!.id } })).toEqual([expect.objectContaining({ granted: true, channel: "guardian" })]);

    // The doctor addresses Pedro by name; his CPF is typed by the doctor.
    service.clock.advance(60_000);
    expect(texts(await service.say(DOCTOR, "paciente Pedro Souza")).join("\n")).toContain("Paciente escolhido");
    expect(texts(await service.say(DOCTOR, "atestado 2 dias")).join("\n")).toContain("Pedro Souza Lima");
    expect(texts(await service.say(DOCTOR, "1")).join("\n")).toContain("falta o CPF de *Pedro Souza Lima*");
    await service.say(DOCTOR, "1");
    await service.say(DOCTOR, "52998224725");
    await service.jobs.runDue();
    const document = await testDb.db.prisma.document.findFirstOrThrow({ where: { kind: "certificate" } });
    expect(document).toMatchObject({ patientId: pedro!.id, status: "signed" });
    const delivered = (await outgoing(service, mother)).filter((m) => m.type === "document").at(-1);
    expect(delivered?.caption).toMatch(/^Atestado de Pedro Souza Lima, assinado digitalmente por Dra\. Ana Souza\./);
    // The mother's own record holds nothing of his.
    expect(await testDb.db.prisma.document.count({ where: { patientId: maria!.id } })).toBe(0);
  });

  it("the receita for her son waits for his CPF and address, asked in her chat: her answer is stored on his record and the receita reaches her", async () => {
    const base = `/api/v1/clinics/${service.clinicId}`;
    const mother = await newPatient("Clara Mendes");
    for (const text of ["1", "outra pessoa", "pedro mendes rocha", "20/07/2017", "1", "1", "1", "1"]) await last(mother, text);
    expect(await last(mother, "1")).toMatch(/Pronto, agendado! ✅\n.* com Dra\. Ana Souza, para Pedro\./);
    const [clara, pedro] = await patientsOf(mother);
    expect(pedro).toMatchObject({ name: "Pedro Mendes Rocha", guardianPatientId: clara!.id });

    // The doctor issues Pedro's receita; he has no CPF nor address, and the doctor asks in the chat.
    service.clock.advance(60_000);
    expect(texts(await service.say(DOCTOR, "paciente Pedro Mendes")).join("\n")).toContain("Paciente escolhido");
    expect(texts(await service.say(DOCTOR, "receita paracetamol 750 mg 1 cp 6/6h se dor por 3 dias")).join("\n")).toContain("Pedro Mendes Rocha");
    expect(texts(await service.say(DOCTOR, "1")).join("\n")).toContain("falta o CPF e o endereço de *Pedro Mendes Rocha*");
    expect(texts(await service.say(DOCTOR, "2")).join("\n")).toContain("Pedi o CPF e o endereço a *Pedro Mendes Rocha* pelo WhatsApp");
    const question = (await outgoing(service, mother)).at(-1)?.text ?? "";
    // The mother is asked for her son's data, by his name, not for her own.
    expect(question).toContain("A Dra. Ana Souza precisa do CPF e do endereço de *Pedro Mendes Rocha* para emitir a receita");
    expect(question).toContain("Digite o CPF de Pedro Mendes Rocha");
    expect(await testDb.db.prisma.document.count({ where: { patientId: { in: [clara!.id, pedro!.id] } } })).toBe(0);

    // The mother answers in her chat, a while later.
    service.clock.advance(2 * 60 * 60_000);
    expect(await last(mother, "52998224725")).toContain("Digite o endereço de Pedro Mendes Rocha");
    expect(await last(mother, "Rua das Acácias, 77, Campinas/SP, CEP 13010-050")).toBe("Obrigado! Guardei seus dados. Seu documento chega aqui em instantes.");

    // Stored on the son's record, opened by the admin API; the mother's record holds none of it.
    const son = (await service.api("GET", `${base}/patients/${pedro!.id}`)).body;
    expect(son).toMatchObject({ id: pedro!.id, cpf: "52998224725", guardianPatientId: clara!.id });
    expect(son.address).toContain("Rua das Acácias, 77");
    expect((await service.api("GET", `${base}/patients/${clara!.id}`)).body).toMatchObject({ id: clara!.id, cpf: null, address: null });

    // The doctor is told; the receita is Pedro's, signed, and reaches the mother's chat as a PDF.
    const toDoctor = (await outgoing(service, DOCTOR)).slice(-2).map((m) => m.text ?? "").join("\n");
    expect(toDoctor).toContain("*Pedro Mendes Rocha* enviou os dados pedidos.");
    expect(toDoctor).toContain("Emitindo e assinando o documento...");
    await service.jobs.runDue();
    const prescription = await testDb.db.prisma.document.findFirstOrThrow({ where: { kind: "prescription", patientId: { in: [clara!.id, pedro!.id] } } });
    expect(prescription).toMatchObject({ patientId: pedro!.id, status: "signed" });
    const delivered = (await outgoing(service, mother)).filter((m) => m.type === "document").at(-1);
    expect(delivered).toMatchObject({ type: "document", mimetype: "application/pdf" });
    expect(delivered?.caption).toMatch(/^Receita de Pedro Mendes Rocha, assinada digitalmente por Dra\. Ana Souza\./);
    const pdf = Buffer.from(await (await fetch(`${service.url}${delivered!.url}`)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("asks who the next booking is for, and books for the son chosen by number", async () => {
    const mother = await newPatient("Joana Dias");
    await last(mother, "agendar para meu filho");
    await last(mother, "Lucas Dias");
    await last(mother, "02/05/2020");
    await last(mother, "filho");
    expect(await last(mother, "menu")).toContain("1");
    expect(await last(mother, "1")).toContain("Para quem é a consulta?\n1 - Você (Joana)\n2 - Lucas (filho)\n3 - Outra pessoa");
    expect(await last(mother, "9")).toContain("Responda com um número de 1 a 3");
    expect(await last(mother, "2")).toContain("Qual atendimento você quer agendar?");
    await last(mother, "1");
    await last(mother, "1");
    expect(await last(mother, "1")).toContain("👤 Para: Lucas");
    await last(mother, "1");
    // "Você" books for herself, and a second registration of "Lucas Dias" finds the same son.
    expect(await last(mother, "1")).toContain("Para quem é a consulta?");
    expect(await last(mother, "1")).toContain("Qual atendimento você quer agendar?");
    await last(mother, "menu");
    await last(mother, "1");
    await last(mother, "3");
    await last(mother, "lucas dias");
    await last(mother, "02/05/2020");
    expect(await last(mother, "1")).toContain("Cadastro feito: Lucas.");
    const [joana, lucas, ...others] = await patientsOf(mother);
    expect(others).toEqual([]);
    const appointments = await testDb.db.prisma.appointment.findMany({ where: { patientId: { in: [joana!.id, lucas!.id] }, status: "booked" } });
    expect(appointments.map((a) => a.patientId)).toEqual([lucas!.id]);
  });

  it("erasing the mother's data keeps her son's clinical record, restricted, and deletes what holds none", async () => {
    const base = `/api/v1/clinics/${service.clinicId}`;
    const mother = await newPatient("Ana Prado");
    for (const text of ["agendar para meu filho", "Davi Prado", "10/10/2019", "filho", "menu", "1", "3", "Bia Prado", "01/01/2021", "filha", "menu"]) await last(mother, text);
    const [ana, davi, bia] = await patientsOf(mother);
    expect([davi!.name, bia!.name]).toEqual(["Davi Prado", "Bia Prado"]);
    const procedure = (await service.api("GET", `${base}/procedures`)).body.procedures[0];
    const doctor = await testDb.db.prisma.professional.findFirstOrThrow({ where: { clinicId: service.clinicId, crm: "123456" } });
    const booked = await service.api("POST", `${base}/appointments`, { patientId: davi!.id, procedureId: procedure.id, professionalId: doctor.id, startsAt: "2026-11-24T13:00:00Z" });
    expect((await service.api("POST", `${base}/appointments/${booked.body.id}/complete`)).status).toBe(200);

    // Over Baileys the number also has a WhatsApp LID, remembered for this phone's patient.
    await linkPatientLid(testDb.db.sql, service.clinicId, mother, "lid-ana-prado");

    await last(mother, "apagar meus dados");
    await last(mother, "1");
    const request = (await service.api("GET", `${base}/erasure-requests?status=requested`)).body.erasureRequests.find((r: any) => r.patientId === ana!.id);
    const resolved = await service.api("POST", `${base}/erasure-requests/${request.id}/resolve`, { decision: "erase" });
    expect(resolved.body.outcome).toContain("de 1 dependente(s), restritos");
    expect(resolved.body.outcome).toContain("cadastro de 1 dependente(s) sem prontuário");
    // Ana held no record of her own: her row is gone; Bia held none either.
    expect(await testDb.db.prisma.patient.count({ where: { id: { in: [ana!.id, bia!.id] } } })).toBe(0);
    const kept = await testDb.db.prisma.patient.findUniqueOrThrow({ where: { id: davi!.id } });
    expect(kept).toMatchObject({ name: "Davi Prado", guardianPatientId: null, consentGrantedAt: null });
    expect(kept.phone).toMatch(/^erased:/);
    expect(kept.restrictedAt).not.toBeNull();
    // Nothing of the number stays on the restricted record: a later message from that LID is a new contact, not Davi's.
    expect(kept.whatsappLid).toBeNull();
    expect(await findPatientPhoneByLid(testDb.db.sql, service.clinicId, "lid-ana-prado")).toBeUndefined();
    expect(await testDb.db.prisma.appointment.count({ where: { patientId: davi!.id, status: "completed" } })).toBe(1);
    // Writing again, the number is a new contact with no dependants.
    expect(await last(mother, "oi")).toContain("Você concorda?");
  });
});
