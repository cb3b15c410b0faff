// Patients asking about the clinic, end to end over the simulator on
// PostgreSQL or PGlite: each kind of question answered from the clinic's
// settings (set through the admin API), before consent, at the menu and in
// the middle of a booking; an emergency answered with SAMU 192; a question
// no rule matched, matched by a model (a local OpenAI-compatible double)
// that only chooses among the clinic's entries.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startOpenAiDouble, type OpenAiDouble } from "./support/openai-double.js";
import { chatHelpers, startTestService, testConfig, texts, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let double: OpenAiDouble;
let service: TestService;

// Monday 2026-11-23, 09:00 in São Paulo.
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");

beforeAll(async () => {
  testDb = await createTestDatabase("clinic_info");
  double = await startOpenAiDouble();
  service = await startTestService(testDb.db, { config: testConfig({ OPENAI_API_KEY: "test", OPENAI_BASE_URL: double.url }) });
  const settings = await service.api("PATCH", `/api/v1/clinics/${service.clinicId}`, {
    insurancePlans: ["Unimed", "SulAmérica"],
    paymentMethods: ["pix", "card"],
    parking: "Sim, estacionamento gratuito para pacientes no térreo.",
    faq: [
      { question: "Atendem crianças?", answer: "Sim, atendemos crianças a partir de 2 anos." },
      { question: "Vocês emitem nota fiscal?", answer: "Sim, a nota fiscal é enviada por e-mail no dia da consulta." },
    ],
  });
  expect(settings.status).toBe(200);
});
beforeEach(() => {
  service?.clock.set(MONDAY_9AM);
  if (double) double.onChat = () => ({ status: 500, body: { error: { message: "no answer configured" } } });
});
afterAll(async () => {
  await service?.stop();
  await double?.close();
  await testDb?.close();
});

const { newPatient, last } = chatHelpers(() => service, 86000000);

describe("clinic settings through the admin API", () => {
  it("stores and shows the clinic's answers", async () => {
    const { body } = await service.api("GET", `/api/v1/clinics/${service.clinicId}`);
    expect(body.insurancePlans).toEqual(["Unimed", "SulAmérica"]);
    expect(body.paymentMethods).toEqual(["pix", "card"]);
    expect(body.faq).toHaveLength(2);
  });

  it("refuses a question without an answer and an unknown payment method, with the field", async () => {
    const faq = await service.api("PATCH", `/api/v1/clinics/${service.clinicId}`, { faq: [{ question: "Tem wifi?" }] });
    expect(faq.status).toBe(400);
    expect(faq.body.error).toMatchObject({ code: "validation_failed", field: "faq.0.answer" });
    const method = await service.api("PATCH", `/api/v1/clinics/${service.clinicId}`, { paymentMethods: ["cheque"] });
    expect(method.status).toBe(400);
  });

  it("stores a procedure's preparation instructions", async () => {
    const { body } = await service.api("GET", `/api/v1/clinics/${service.clinicId}/procedures`);
    const consulta = body.procedures.find((p: { name: string }) => p.name.startsWith("Consulta"));
    const patched = await service.api("PATCH", `/api/v1/clinics/${service.clinicId}/procedures/${consulta.id}`, { preparation: "Traga seus exames recentes." });
    expect(patched.status).toBe(200);
    expect(patched.body.preparation).toBe("Traga seus exames recentes.");
  });
});

describe("questions about the clinic in the chat", () => {
  it("answers the address before consent, with a maps link, then asks for consent", async () => {
    const reply = texts(await service.say("+5511986000901", "qual o endereço da clinica?")).join("\n");
    expect(reply).toContain("Av. Paulista, 1000");
    expect(reply).toContain("https://www.google.com/maps/search/?api=1&query=");
    expect(reply).toContain("Você concorda?");
    const patient = await testDb.db.prisma.patient.findFirst({ where: { phone: "+5511986000901" } });
    expect(patient).toBeNull();
  });

  it("answers each kind of question at the menu", async () => {
    const phone = await newPatient("Helena Castro");
    expect(await last(phone, "onde fica?")).toContain("📍 Endereço: Av. Paulista");
    expect(await last(phone, "que horas vcs abrem?")).toContain("Segunda a sexta: 08:00 às 12:00 e 13:00 às 18:00");
    const price = await last(phone, "quanto custa a consulta?");
    expect(price).toContain("R$ 250,00");
    expect(await last(phone, "aceita unimed?")).toContain("Sim, atendemos Unimed");
    const bradesco = await last(phone, "vcs aceitam bradesco?");
    expect(bradesco).toContain("Não atendemos Bradesco");
    expect(bradesco).toContain("R$ 250,00");
    expect(await last(phone, "tem estacionamento?")).toContain("estacionamento gratuito para pacientes");
    expect(await last(phone, "aceita pix?")).toContain("Sim, aceitamos Pix");
    expect(await last(phone, "vcs atendem criança?")).toContain("a partir de 2 anos");
    expect(await last(phone, "precisa de algum preparo pra consulta?")).toContain("Traga seus exames recentes");
  });

  it("answers in the middle of a booking, then asks the open question again and carries on", async () => {
    const phone = await newPatient("Otávio Reis");
    expect(await last(phone, "1")).toContain("Qual atendimento");
    const aside = await last(phone, "vcs aceitam sulamerica?");
    expect(aside).toContain("Sim, atendemos SulAmérica");
    expect(aside).toContain("Voltando ao que estávamos fazendo:\nQual atendimento");
    expect(await last(phone, "1")).toContain("Estes dias têm horários livres");
    const address = await last(phone, "qual o endereço?");
    expect(address).toContain("Av. Paulista");
    expect(address).toContain("Estes dias têm horários livres");
    expect(await last(phone, "1")).toContain("Horários livres em");
  });

  it("answers chest pain with SAMU 192 at once and tells the clinic", async () => {
    const phone = await newPatient("Rosa Lima");
    const reply = await last(phone, "to com uma dor no peito muito forte");
    expect(reply).toContain("*192*");
    expect(reply).toContain("avisei a equipe da clínica");
    const handoffs = await testDb.db.sql.query<{ id: string }>(`SELECT id FROM "Handoff" WHERE "chatKey" = $1`, [phone]);
    expect(handoffs).toHaveLength(1);
  });

  it("answers thoughts of suicide with CVV 188, before consent too", async () => {
    const reply = texts(await service.say("+5511986000902", "nao aguento mais viver")).join("\n");
    expect(reply).toContain("CVV, *188*");
  });

  it("gives no medical advice: a clinical question is offered a consultation", async () => {
    const phone = await newPatient("Caio Nunes");
    const reply = await last(phone, "posso tomar dipirona com amoxicilina?");
    expect(reply).toContain("Não posso dar orientação médica por aqui");
    expect(reply).not.toContain("192*)");
  });
});

describe("a question no rule matched, with a model", () => {
  it("lets the model choose one of the clinic's entries, and sends the clinic's answer", async () => {
    const phone = await newPatient("Lívia Prates");
    double.onChat = (call) => {
      const listed = call.messages.find((m) => m.role === "user")?.content ?? "";
      const number = Number(/(\d+)\. Vocês emitem nota fiscal\?/.exec(listed)?.[1]);
      return { note: { question: number } };
    };
    const reply = await last(phone, "preciso de um comprovante pro imposto de renda");
    expect(reply).toContain("a nota fiscal é enviada por e-mail");
    const call = double.chats.at(-1)!;
    expect(call.responseFormat.json_schema?.strict).toBe(true);
  });

  it("says it did not understand when the model chooses nothing or a number outside the list", async () => {
    const phone = await newPatient("Tomás Ramos");
    double.onChat = () => ({ note: { question: 99 } });
    expect(await last(phone, "xpto qualquer coisa sem sentido")).toContain("Desculpe, não entendi");
    double.onChat = () => ({ note: { question: null } });
    expect(await last(phone, "outra coisa sem sentido nenhum")).toContain("Desculpe, não entendi");
  });
});

describe("holidays and closures", () => {
  it("refuses Christmas asked from the menu and offers the free days nearest to it", async () => {
    const phone = await newPatient("Natália Dias");
    expect(await last(phone, "quero marcar dia 25/12")).toContain("Qual atendimento");
    const days = await last(phone, "1");
    expect(days).toContain("Não atendemos em 25/12 (Natal).");
    expect(days).toContain("quinta, 24/12");
    expect(days).toContain("segunda, 28/12");
    expect(days).not.toContain("25/12\n");
    expect(await last(phone, "2")).toContain("Horários livres em");
  });

  it("refuses a closed day typed while choosing a day", async () => {
    const phone = await newPatient("Bruno Paiva");
    await service.say(phone, "1");
    expect(await last(phone, "1")).toContain("Estes dias têm horários livres");
    const typed = await last(phone, "pode ser dia 25/12?");
    expect(typed).toContain("Não atendemos em 25/12 (Natal).");
    expect(typed).toContain("quinta, 24/12");
  });

  it("keeps a closure set through the admin API out of the chat, and says why", async () => {
    const closure = await service.api("PUT", `/api/v1/clinics/${service.clinicId}/closures/2026-12-04`, { reason: "Dedetização" });
    expect(closure.status).toBe(200);
    expect(closure.body.affected).toEqual([]);
    const phone = await newPatient("Sérgio Maia");
    await service.say(phone, "1");
    const days = await last(phone, "1");
    expect(days).not.toContain("sexta, 04/12");
    expect(await last(phone, "dia 4/12")).toContain("Não atendemos em 04/12 (Dedetização).");
    const listed = await service.api("GET", `/api/v1/clinics/${service.clinicId}/closures`);
    expect(listed.body.closures).toEqual([{ date: "2026-12-04", reason: "Dedetização" }]);
    expect(listed.body.closedDays).toContainEqual({ date: "2026-12-25", reason: "Natal" });
    expect((await service.api("DELETE", `/api/v1/clinics/${service.clinicId}/closures/2026-12-04`)).body).toEqual({ deleted: true });
  });

  it("closes Carnaval only for a clinic that says so", async () => {
    const before = await service.api("GET", `/api/v1/clinics/${service.clinicId}/closures`);
    expect(before.body.closedDays).not.toContainEqual({ date: "2027-02-09", reason: "Carnaval" });
    expect((await service.api("PATCH", `/api/v1/clinics/${service.clinicId}`, { closedOnCarnival: true })).status).toBe(200);
    const after = await service.api("GET", `/api/v1/clinics/${service.clinicId}/closures`);
    expect(after.body.closedDays).toContainEqual({ date: "2027-02-09", reason: "Carnaval" });
    await service.api("PATCH", `/api/v1/clinics/${service.clinicId}`, { closedOnCarnival: false });
  });

  it("refuses a closure over a booked appointment unless told what to do with it", async () => {
    const phone = await newPatient("Vera Lúcia");
    await service.say(phone, "marcar amanhã às 10h");
    await service.say(phone, "1");
    expect(await last(phone, "1")).toContain("agendado");
    const refused = await service.api("PUT", `/api/v1/clinics/${service.clinicId}/closures/2026-11-24`, { reason: "Reforma" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("conflicts_with_bookings");
  });
});

describe("the name question and everyday words", () => {
  it("keeps the first message's request through consent and a name question answered with a greeting", async () => {
    const phone = "+5511986000950";
    await service.say(phone, "quero marcar uma consulta pra amanha");
    expect(await last(phone, "1")).toContain("Como você se chama?");
    expect(await last(phone, "oi")).toContain("Como você se chama?");
    const named = await last(phone, "Joana Prado");
    expect(named).toContain("Prazer, Joana!");
    expect(named).toContain("Qual atendimento");
    const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
    expect(patient.name).toBe("Joana Prado");
  });

  it("does not take a request given at the name question as a name, and carries it out after the name", async () => {
    const phone = "+5511986000951";
    await service.say(phone, "oi");
    await service.say(phone, "1");
    expect(await last(phone, "quero marcar uma consulta pra amanha")).toContain("Antes, como você se chama?");
    expect(await last(phone, "meu nome é Paulo Mendes")).toContain("Qual atendimento");
    expect((await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } })).name).toBe("Paulo Mendes");
  });

  it("corrects the name, answers thanks and ok, and hands off to a person", async () => {
    const phone = await newPatient("Fulano");
    expect(await last(phone, "meu nome é Ana Beatriz Costa")).toContain("corrigi seu nome para *Ana Beatriz Costa*");
    expect((await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } })).name).toBe("Ana Beatriz Costa");
    expect(await last(phone, "obrigada!")).toContain("De nada");
    expect(await last(phone, "👍")).toContain("Combinado");
    await service.say(phone, "quero falar com uma pessoa");
    const handoffs = await testDb.db.sql.query<{ id: string }>(`SELECT id FROM "Handoff" WHERE "chatKey" = $1`, [phone]);
    expect(handoffs).toHaveLength(1);
  });

  it("confirms the next appointment on 'confirmar consulta' instead of starting a booking, and 'cancelar' lists it", async () => {
    const phone = await newPatient("Marta Rocha");
    await service.say(phone, "marcar amanhã às 15h");
    await service.say(phone, "1");
    expect(await last(phone, "1")).toContain("agendado");
    expect(await last(phone, "confirmar consulta")).toContain("Presença confirmada");
    expect(await last(phone, "cancelar")).toContain("Suas próximas consultas");
  });
});
