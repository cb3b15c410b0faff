// Issue #12: a receita for a patient who booked through the chat and has no
// CPF or address yet is finished in the chat, never a dead end: once with
// the doctor typing the data, once asking the patient in their own chat; the
// patient receives a signed PDF that pdfsig reports valid. A controlled drug
// and an antimicrobial are still refused with the reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfsig, pdftotext } from "../src/documents/test-tools.js";
import { itNeeds, POPPLER } from "./support/programs.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { openAddress, openCpf } from "../src/records/patient-identity.js";
import { outgoing, TEST_ENCRYPTION_KEY, testCipher, type ChatMessage } from "./support/records.js";
import { DOCTOR, startTestService, testConfig, texts, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
const withPoppler = itNeeds(...POPPLER);

beforeAll(async () => {
  testDb = await createTestDatabase("patient_data_chat");
  service = await startTestService(testDb.db, { config: testConfig({ ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }) });
  await testDb.db.prisma.professional.updateMany({ where: { clinicId: service.clinicId, crm: "123456" }, data: { rqe: "54321" } });
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

/** A patient who came through the chat: consent and name, nothing else. */
async function chatPatient(phone: string, name: string): Promise<void> {
  await service.say(phone, "oi");
  await service.say(phone, "1");
  expect(texts(await service.say(phone, name)).join("\n")).toContain("Prazer");
}

async function choose(name: string): Promise<void> {
  service.clock.advance(60_000);
  expect(texts(await service.say(DOCTOR, `paciente ${name}`)).join("\n")).toContain("Paciente escolhido");
}

async function pdfOf(message: ChatMessage | undefined): Promise<Buffer> {
  expect(message).toMatchObject({ type: "document", mimetype: "application/pdf" });
  return Buffer.from(await (await fetch(`${service.url}${message!.url}`)).arrayBuffer());
}

const lastDocument = async (phone: string) => (await outgoing(service, phone)).filter((m) => m.type === "document").at(-1);
const RECEITA = "receita paracetamol 750 mg 1 cp 6/6h se dor por 3 dias";

describe("missing patient data collected in the chat", () => {
  withPoppler("the doctor types the CPF and the address; the receita is signed and delivered", async () => {
    const phone = "+5511944440001";
    await chatPatient(phone, "Carla Nogueira");
    await choose("Carla Nogueira");
    expect(texts(await service.say(DOCTOR, RECEITA))[0]).toContain("1. Paracetamol 750 mg comprimido — 12 comprimidos");
    expect(texts(await service.say(DOCTOR, "1")).join("\n")).toContain("Para emitir, falta o CPF e o endereço de *Carla Nogueira*");
    expect(texts(await service.say(DOCTOR, "1"))).toEqual(["Digite o CPF de *Carla Nogueira* (só os números)."]);
    expect(texts(await service.say(DOCTOR, "529.982.247-24"))[0]).toContain("Esse CPF não confere");
    expect(texts(await service.say(DOCTOR, "529.982.247-25"))[0]).toContain("Digite o endereço de *Carla Nogueira*");
    expect(texts(await service.say(DOCTOR, "ok"))[0]).toContain("Não entendi o endereço");
    expect(texts(await service.say(DOCTOR, "Rua das Flores, 10 - Centro, São Paulo/SP 01310100"))).toEqual(["Emitindo e assinando o documento..."]);
    await service.jobs.runDue();
    const pdf = await pdfOf(await lastDocument(phone));
    expect(pdfsig(pdf)).toContain("Signature is Valid");
    const text = pdftotext(pdf);
    expect(text).toContain("529.982.247-25");
    expect(text).toContain("CEP 01310-100");
    const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
    expect(patient.cpf).toMatch(/^v2:/);
    expect(openCpf(testCipher, patient.id, patient.cpf)).toBe("52998224725");
  });

  withPoppler("the patient is asked in their own chat, answers the next day, and gets the receita; the doctor is told", async () => {
    const phone = "+5511944440002";
    await chatPatient(phone, "Bruno Teixeira");
    await choose("Bruno Teixeira");
    await service.say(DOCTOR, RECEITA);
    await service.say(DOCTOR, "1");
    expect(texts(await service.say(DOCTOR, "2")).join("\n")).toContain("Pedi o CPF e o endereço a *Bruno Teixeira* pelo WhatsApp");
    const question = (await outgoing(service, phone)).at(-1)?.text ?? "";
    expect(question).toContain("A Dra. Ana Souza precisa do seu CPF e do seu endereço para emitir sua receita");
    expect(question).toContain("Digite seu CPF");
    const bruno = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
    expect(await testDb.db.prisma.document.count({ where: { patientId: bruno.id } })).toBe(0);

    // The doctor moves on; the request waits in the database, not in the doctor's chat.
    await service.say(DOCTOR, "paciente Carla");
    service.clock.advance(20 * 60 * 60_000);
    expect(texts(await service.say(phone, "123"))[0]).toContain("Esse CPF não confere");
    expect(texts(await service.say(phone, "52998224725"))[0]).toContain("Digite seu endereço");
    expect(texts(await service.say(phone, "Av. Brasil, 200, ap 12, Rio de Janeiro/RJ, CEP 20040-002"))).toEqual(
      ["Obrigado! Guardei seus dados. Seu documento chega aqui em instantes."]);
    const toDoctor = (await outgoing(service, DOCTOR)).slice(-2).map((m) => m.text ?? "").join("\n");
    expect(toDoctor).toContain("*Bruno Teixeira* enviou os dados pedidos.");
    expect(toDoctor).toContain("Emitindo e assinando o documento...");
    await service.jobs.runDue();
    const pdf = await pdfOf(await lastDocument(phone));
    expect(pdfsig(pdf)).toContain("Signature is Valid");
    expect(pdftotext(pdf)).toContain("Av. Brasil, 200");
  });

  withPoppler("issues a certificate of attendance with its hours, now that the patient's CPF is known", async () => {
    const phone = "+5511944440001";
    await choose("Carla Nogueira");
    expect(texts(await service.say(DOCTOR, "atestado de comparecimento hoje das 14h às 15h"))[0]).toContain("*Atestado de comparecimento* para Carla Nogueira");
    expect(texts(await service.say(DOCTOR, "1"))).toEqual(["Emitindo e assinando o documento..."]);
    await service.jobs.runDue();
    const message = await lastDocument(phone);
    expect(message?.caption).toMatch(/^Seu atestado, assinado digitalmente por Dra\. Ana Souza\. Código de verificação: \w+\. Código de acesso: \w+\.$/);
    const pdf = await pdfOf(message);
    expect(pdfsig(pdf)).toContain("Signature is Valid");
    expect(pdftotext(pdf).replace(/\s+/g, " ")).toMatch(/esteve em consulta médica comigo em \d{2}\/\d{2}\/\d{4}, das 14:00 às 15:00\./);
  });

  it("tells the doctor when the patient withdrew consent, and lets them type the data instead", async () => {
    const phone = "+5511944440003";
    await chatPatient(phone, "Diana Prado");
    service.clock.advance(60_000);
    await service.say(phone, "revogar consentimento");
    await service.say(phone, "1");
    await choose("Diana Prado");
    await service.say(DOCTOR, RECEITA);
    await service.say(DOCTOR, "1");
    const before = (await outgoing(service, phone)).length;
    expect(texts(await service.say(DOCTOR, "2")).join("\n")).toContain("*Diana Prado* revogou o consentimento para este WhatsApp");
    expect((await outgoing(service, phone)).length).toBe(before);
    expect(texts(await service.say(DOCTOR, "1"))).toEqual(["Digite o CPF de *Diana Prado* (só os números)."]);
  });

  it("lets a patient give or correct their CPF and address from the privacy menu", async () => {
    const phone = "+5511944440004";
    await chatPatient(phone, "Eva Ramos");
    await service.say(phone, "5");
    expect(texts(await service.say(phone, "4"))[0]).toContain("Digite seu CPF");
    await service.say(phone, "529.982.247-25");
    expect(texts(await service.say(phone, "Rua Bahia, 45, Belo Horizonte/MG 30160-011"))).toEqual(["Pronto, seus dados foram atualizados."]);
    const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
    // Sealed at rest, bound to the patient's row: in clear only through the code that opens it.
    expect(patient.cpf).not.toContain("52998224725");
    expect(openCpf(testCipher, patient.id, patient.cpf)).toBe("52998224725");
    const { address } = await testDb.db.prisma.patientProfile.findUniqueOrThrow({ where: { patientId: patient.id } });
    expect(address).not.toContain("Bahia");
    expect(openAddress(testCipher, patient.id, address)).toBe("Rua Bahia, 45, Belo Horizonte/MG, CEP 30160-011");
    expect(() => openCpf(testCipher, "another-patient", patient.cpf)).toThrow();
  });

  it("still refuses a controlled drug and an antimicrobial with the reason, before asking for any data", async () => {
    const phone = "+5511944440005";
    await chatPatient(phone, "Fabio Lima");
    await choose("Fabio Lima");
    // The preview already warns, before "1 Emitir" (the controlled list is read in the doctor's turn).
    const preview = texts(await service.say(DOCTOR, "receita Rivotril 2 mg 1 cp à noite por 30 dias"))[0] ?? "";
    expect(preview).toContain("⛔ Não posso emitir esta receita: clonazepam (B1) exige Notificação de Receita");
    expect(preview).toContain("Remova o item");
    const controlled = texts(await service.say(DOCTOR, "1")).join("\n");
    expect(controlled).toContain("Não posso emitir esta receita: clonazepam (B1) exige Notificação de Receita");
    expect(controlled).not.toContain("falta o CPF");
    expect(texts(await service.say(DOCTOR, "receita amoxicilina 500 mg 1 cp 8/8h por 7 dias"))[0]).toContain("⛔ Não posso emitir esta receita: amoxicilina (RDC 471/2021)");
    const antimicrobial = texts(await service.say(DOCTOR, "1")).join("\n");
    expect(antimicrobial).toContain("Não posso emitir esta receita: amoxicilina (RDC 471/2021)");
    expect(antimicrobial).toContain("SNCR");
  });
});
