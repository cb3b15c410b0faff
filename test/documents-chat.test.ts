// Signed documents issued from the doctor's chat and delivered as PDFs to the
// patient's chat; the rules refuse what may not be signed; the public
// verification page and the ITI QR protocol answer for what was signed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfsig, pdftotext } from "../src/documents/test-tools.js";
import { itNeeds, POPPLER } from "./support/programs.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { addPatient, outgoing, TEST_ENCRYPTION_KEY, testCipher, type ChatMessage } from "./support/records.js";
import { DOCTOR, startTestService, testConfig, texts, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
const MARIA = { name: "Maria Aparecida Silva", phone: "+5511933330001", cpf: "529.982.247-25", address: "Rua das Flores, 10 - São Paulo/SP" };
const JOAO = { name: "João Sem Documento", phone: "+5511933330002" };

beforeAll(async () => {
  testDb = await createTestDatabase("documents_chat");
  service = await startTestService(testDb.db, { config: testConfig({ ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }) });
  // A specialty shown on a document needs its RQE (CFM 2.381/2024); the demo doctor has none.
  await testDb.db.prisma.professional.updateMany({ where: { clinicId: service.clinicId, crm: "123456" }, data: { rqe: "54321" } });
  await addPatient(testDb.db, service.clinicId, MARIA);
  await addPatient(testDb.db, service.clinicId, JOAO);
  // Maria has chatted before: her conversation exists in the current flow version.
  await service.say(MARIA.phone, "oi");
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

async function pdfOf(message: ChatMessage | undefined): Promise<Buffer> {
  expect(message).toMatchObject({ type: "document", mimetype: "application/pdf" });
  const res = await fetch(`${service.url}${message!.url}`);
  expect(res.headers.get("content-type")).toContain("application/pdf");
  return Buffer.from(await res.arrayBuffer());
}

const lastDocument = async (phone: string) => (await outgoing(service, phone)).filter((m) => m.type === "document").at(-1);

async function choose(name: string): Promise<void> {
  service.clock.advance(60_000); // each document gets its own signing minute
  expect(texts(await service.say(DOCTOR, `paciente ${name}`)).join("\n")).toContain("Paciente escolhido");
}

const withPoppler = itNeeds(...POPPLER);

describe("documents issued from the doctor's chat", () => {
  withPoppler("signs an exam request, delivers it to the patient and the doctor, and pdfsig verifies it", async () => {
    await choose("Maria Aparecida");
    const draft = texts(await service.say(DOCTOR, "exames hemograma completo, glicemia de jejum"));
    expect(draft[0]).toContain("*Solicitação de exames* para Maria Aparecida Silva:\n- hemograma completo\n- glicemia de jejum");
    expect(draft[0]).toContain("*1* Emitir");
    expect(texts(await service.say(DOCTOR, "1"))).toEqual(["Emitindo e assinando o documento..."]);
    await service.jobs.runDue();
    const toPatient = await lastDocument(MARIA.phone);
    expect(toPatient?.caption).toMatch(/Código de verificação: [2-9A-Z]{10}/);
    const pdf = await pdfOf(toPatient);
    const check = pdfsig(pdf);
    expect(check).toContain("Signature is Valid");
    expect(check).toContain("Total document signed");
    const text = pdftotext(pdf);
    expect(text).toContain("DOCUMENTO DE TESTE - SEM VALIDADE");
    expect(text).toContain("hemograma completo");
    expect((await lastDocument(DOCTOR))?.url).toBe(toPatient?.url);
    const doc = await testDb.db.prisma.document.findFirstOrThrow({ where: { kind: "exam_request" } });
    expect(doc).toMatchObject({ status: "signed", isTest: true });
    expect(doc.contentSealed).not.toContain("hemograma");
    expect(JSON.parse(testCipher.decrypt(doc.contentSealed)).exams).toEqual(["hemograma completo", "glicemia de jejum"]);
    // The development certificate was made once and is kept (sealed) for the next documents.
    const certificates = await testDb.db.prisma.professionalCertificate.findMany();
    expect(certificates).toEqual([expect.objectContaining({ isDevelopment: true, active: true })]);
  });

  withPoppler("signs a typed prescription", async () => {
    await choose("Maria Aparecida");
    expect(texts(await service.say(DOCTOR, "receita"))[0]).toContain("Digite os medicamentos");
    const draft = texts(await service.say(DOCTOR, "Dipirona 500 mg comprimido; 10 comprimidos; tomar 1 comprimido de 6 em 6 horas se dor"));
    expect(draft[0]).toContain("1. Dipirona 500 mg comprimido — 10 comprimidos");
    await service.say(DOCTOR, "1");
    await service.jobs.runDue();
    const pdf = await pdfOf(await lastDocument(MARIA.phone));
    expect(pdfsig(pdf)).toContain("Signature is Valid");
    expect(pdftotext(pdf)).toMatch(/Dipirona/);
  });

  it("refuses a controlled drug with the reason, and produces no document", async () => {
    const before = await testDb.db.prisma.document.count();
    await choose("Maria Aparecida");
    await service.say(DOCTOR, "receita");
    await service.say(DOCTOR, "Amoxicilina 500 mg cápsula; 21 cápsulas; tomar 1 cápsula de 8 em 8 horas por 7 dias");
    const answer = texts(await service.say(DOCTOR, "1")).join("\n");
    expect(answer).toContain("Não posso emitir esta receita: amoxicilina (RDC 471/2021)");
    expect(answer).toContain("SNCR");
    await service.jobs.runDue();
    expect(await testDb.db.prisma.document.count()).toBe(before);
  });

  it("asks how to collect a missing CPF instead of refusing, and signs nothing until it comes", async () => {
    const before = await testDb.db.prisma.document.count();
    await choose("João Sem");
    await service.say(DOCTOR, "atestado 2 dias");
    const answer = texts(await service.say(DOCTOR, "1")).join("\n");
    expect(answer).not.toContain("Faltam dados obrigatórios");
    expect(answer).toContain("Para emitir, falta o CPF de *João Sem Documento*");
    expect(answer).toContain("*2* Pedir ao paciente pelo WhatsApp");
    expect(texts(await service.say(DOCTOR, "3"))).toEqual(["Tudo bem, cancelei."]);
    await service.jobs.runDue();
    expect(await testDb.db.prisma.document.count()).toBe(before);
  });

  withPoppler("asks the patient before printing the CID, and prints it only with their written authorisation", async () => {
    await choose("Maria Aparecida");
    const draft = texts(await service.say(DOCTOR, "atestado 2 dias com CID J11"));
    expect(draft[0]).toContain("Com CID J11: vou pedir a autorização do paciente");
    expect(texts(await service.say(DOCTOR, "1")).join("\n")).toContain("Pedi ao paciente, pelo WhatsApp, autorização por escrito para incluir o CID J11");
    const question = (await outgoing(service, MARIA.phone)).at(-1)?.text ?? "";
    expect(question).toContain("*1* Autorizo incluir o CID");
    expect(await testDb.db.prisma.document.count({ where: { kind: "certificate" } })).toBe(0);

    expect(texts(await service.say(MARIA.phone, "1"))).toEqual(["Obrigado! Registrei sua autorização. Seu atestado com o CID chega aqui em instantes."]);
    const request = await testDb.db.prisma.cidAuthorizationRequest.findFirstOrThrow();
    expect(request).toMatchObject({ status: "granted", cid10: "J11" });
    expect(request.answerText).toContain("Autorizo incluir o CID J11");
    await service.jobs.runDue();
    const text = pdftotext(await pdfOf(await lastDocument(MARIA.phone)));
    expect(text).toContain("J11");
    expect(text).toContain("autorização expressa");
  });

  withPoppler("leaves the CID out when the patient does not authorise it", async () => {
    await choose("Maria Aparecida");
    await service.say(DOCTOR, "atestado 1 dia com CID J11");
    await service.say(DOCTOR, "1");
    expect(texts(await service.say(MARIA.phone, "não autorizo"))[0]).toContain("sai sem o CID");
    await service.jobs.runDue();
    const text = pdftotext(await pdfOf(await lastDocument(MARIA.phone)));
    expect(text).not.toContain("J11");
  });

  withPoppler("asks for the CID aside while the patient is choosing a time, whose next number still picks the time", async () => {
    await service.say(MARIA.phone, "menu");
    await service.say(MARIA.phone, "1");
    await service.say(MARIA.phone, "1");
    const times = texts(await service.say(MARIA.phone, "1")).join("\n");
    const first = /1 - (\d\d:\d\d)/.exec(times)?.[1];
    expect(first).toBeDefined();
    await choose("Maria Aparecida");
    await service.say(DOCTOR, "atestado 2 dias com CID J11");
    await service.say(DOCTOR, "1");
    const aside = (await outgoing(service, MARIA.phone)).at(-1)?.text ?? "";
    expect(aside).toContain("escreva *autorizo CID* ou *não autorizo CID*");
    expect(aside).not.toContain("*1* Autorizo");
    // "1" still picks the first time of the list, not the CID answer.
    const summary = texts(await service.say(MARIA.phone, "1")).join("\n");
    expect(summary).toContain(first!);
    expect(summary).toContain("Dra. Ana Souza");
    expect(await testDb.db.prisma.cidAuthorizationRequest.count({ where: { status: "pending" } })).toBe(1);
    expect(texts(await service.say(MARIA.phone, "autorizo CID"))).toEqual(["Obrigado! Registrei sua autorização. Seu atestado com o CID chega aqui em instantes."]);
    const request = await testDb.db.prisma.cidAuthorizationRequest.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(request).toMatchObject({ status: "granted", cid10: "J11" });
    expect(request.answerText).toContain("autorizo CID");
    await service.jobs.runDue();
    expect(pdftotext(await pdfOf(await lastDocument(MARIA.phone)))).toContain("J11");
    // The booking is still waiting for its confirmation.
    expect(texts(await service.say(MARIA.phone, "1")).join("\n")).toContain("agendad");
  });

  it("lists the patient's documents on 'meus documentos' and sends one again", async () => {
    const list = texts(await service.say(MARIA.phone, "meus documentos"))[0] ?? "";
    expect(list).toContain("*1* Atestado de");
    expect(list).toContain("Solicitação de exames de");
    const before = (await outgoing(service, MARIA.phone)).filter((m) => m.type === "document").length;
    const answer = await service.say(MARIA.phone, "4");
    expect(answer.replies.map((r) => r.type)).toEqual(["text", "document"]);
    expect((await outgoing(service, MARIA.phone)).filter((m) => m.type === "document")).toHaveLength(before + 1);
  });
});

describe("verification", () => {
  withPoppler("shows who signed what, serves the PDF, answers the ITI QR protocol, and says when it is revoked", async () => {
    const doc = await testDb.db.prisma.document.findFirstOrThrow({ where: { kind: "prescription", status: "signed" } });
    const page = await fetch(`${service.url}/v/${doc.verificationCode}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("VÁLIDO");
    expect(html).toContain("Dra. Ana Souza — CRM 123456/SP");
    expect(html).toContain("DOCUMENTO DE TESTE - SEM VALIDADE");
    expect(html).not.toContain("Maria Aparecida");

    // The page shows no way to the PDF without the secret: only a form that asks for it.
    expect(html).not.toMatch(/href="[^"]*\/pdf/);
    expect(html).toContain('name="_secretCode"');

    const pdf = await fetch(`${service.url}/v/${doc.verificationCode}/pdf?_secretCode=${doc.secretCode}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("x-content-type-options")).toBe("nosniff");
    expect(pdfsig(Buffer.from(await pdf.arrayBuffer()))).toContain("Signature is Valid");
    const lowerCase = await fetch(`${service.url}/v/${doc.verificationCode}/pdf?_secretCode=${doc.secretCode.toLowerCase()}`);
    expect(lowerCase.status).toBe(200);

    // The printed code alone opens nothing.
    const noSecret = await fetch(`${service.url}/v/${doc.verificationCode}/pdf`);
    expect(noSecret.status).toBe(401);
    expect(await noSecret.json()).toEqual({ error: "invalid secret code" });
    expect(noSecret.headers.get("content-type")).not.toContain("pdf");
    const wrongSecret = await fetch(`${service.url}/v/${doc.verificationCode}/pdf?_secretCode=WRONG1`, { headers: { accept: "text/html" } });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.headers.get("content-type")).toContain("text/html");
    expect(await wrongSecret.text()).not.toContain("%PDF");
    expect((await fetch(`${service.url}/v/${doc.verificationCode}?_format=application/pdf`)).status).toBe(401);
    expect((await fetch(`${service.url}/v/ZZZZZZZZZZ/pdf?_secretCode=${doc.secretCode}`)).status).toBe(404);

    const iti = (secret: string, code = doc.verificationCode) =>
      fetch(`${service.url}/v/${code}?_format=application/validador-iti%2Bjson&_secretCode=${secret}`);
    const answer = await iti(doc.secretCode);
    expect(answer.status).toBe(200);
    const fileUrl = `${service.url}/v/${doc.verificationCode}?_format=application%2Fpdf&_secretCode=${doc.secretCode}`;
    expect(await answer.json()).toEqual({ version: "1.0.0", prescription: { signatureFiles: [{ url: fileUrl }] } });
    // The validator then fetches the signed file with the same secret (ITI QR protocol).
    const itiFile = await fetch(fileUrl);
    expect(itiFile.status).toBe(200);
    expect(itiFile.headers.get("content-type")).toBe("application/pdf");
    expect(pdfsig(Buffer.from(await itiFile.arrayBuffer()))).toContain("Signature is Valid");
    expect((await iti("WRONG1")).status).toBe(401);
    expect((await iti(doc.secretCode, "ZZZZZZZZZZ")).status).toBe(404);

    // Four wrong codes so far (none, WRONG1 twice, none with _format); ten in an hour lock the document,
    // after which even the right code waits, so a guesser cannot tell a hit apart.
    const pdfWith = (secret: string) => fetch(`${service.url}/v/${doc.verificationCode}/pdf?_secretCode=${secret}`);
    for (let i = 0; i < 6; i += 1) expect((await pdfWith(`GUESS${i}`)).status).toBe(401);
    expect((await pdfWith("GUESS6")).status).toBe(429);
    const locked = await pdfWith(doc.secretCode);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await iti(doc.secretCode)).status).toBe(429);
    service.clock.advance(60 * 60_000);
    expect((await pdfWith(doc.secretCode)).status).toBe(200);

    const revoked = await service.api("POST", `/api/v1/clinics/${service.clinicId}/documents/${doc.id}/revoke`, { reason: "Dose errada" });
    expect(revoked.status).toBe(200);
    const after = await (await fetch(`${service.url}/v/${doc.verificationCode}`)).text();
    expect(after).toContain("REVOGADO");
    expect(after).toContain("Dose errada");
    // The API says "revoked", and the patient is told in their chat, once.
    expect(revoked.body.status).toBe("revoked");
    const told = (await outgoing(service, MARIA.phone)).at(-1)?.text ?? "";
    expect(told).toBe(`Sua receita (código ${doc.verificationCode}), emitida por Dra. Ana Souza, foi cancelada pela clínica e não vale mais. Motivo: Dose errada. Se precisar de outro, fale com a recepção: digite *menu* e escolha *4*.`);
    const sent = (await outgoing(service, MARIA.phone)).length;
    const again = await service.api("POST", `/api/v1/clinics/${service.clinicId}/documents/${doc.id}/revoke`, { reason: "De novo" });
    expect(again.body).toMatchObject({ status: "revoked", revokeReason: "Dose errada" });
    expect((await outgoing(service, MARIA.phone)).length).toBe(sent);
  });
});
