// Booking through the simulator, end to end, on PostgreSQL or PGlite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, texts, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

// Monday 2026-11-23, 09:00 in São Paulo.
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");

beforeAll(async () => {
  testDb = await createTestDatabase("booking");
  service = await startTestService(testDb.db);
  service.clock.set(MONDAY_9AM);
});

// A test that moves the clock and fails midway must not shift the next one.
beforeEach(() => service?.clock.set(MONDAY_9AM));

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

let counter = 0;
async function newPatient(name = "Maria da Silva"): Promise<string> {
  counter += 1;
  const phone = `+55119${String(81000000 + counter)}`;
  await service.say(phone, "oi");
  await service.say(phone, "1");
  await service.say(phone, name);
  return phone;
}

const last = async (phone: string, text: string) => texts(await service.say(phone, text)).join("\n");

async function appointmentsOf(phone: string) {
  const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
  return testDb.db.prisma.appointment.findMany({ where: { patientId: patient.id }, orderBy: { createdAt: "asc" } });
}

describe("booking in the chat", () => {
  it("books with the numbered menus", async () => {
    const phone = await newPatient();
    expect(await last(phone, "1")).toContain("Qual atendimento");
    const days = await last(phone, "1");
    expect(days).toContain("segunda, 23/11");
    const times = await last(phone, "1");
    // Minimum notice is 2 h: at 09:00 the first time is 11:00.
    expect(times).toMatch(/1 - 11:00/);
    const summary = await last(phone, "1");
    expect(summary).toContain("Consulta clínica geral");
    expect(summary).toContain("Dra. Ana Souza");
    expect(summary).toContain("R$ 250,00");
    expect(await last(phone, "1")).toContain("agendado");
    const [appointment] = await appointmentsOf(phone);
    expect(appointment).toMatchObject({ status: "booked", startsAt: new Date("2026-11-23T14:00:00Z") });
    const audit = await testDb.db.prisma.auditEvent.findMany({ where: { entityId: appointment!.id } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["appointment.held", "appointment.booked"]));
  });

  it("books from free text: 'quero marcar com a Dra. Ana amanhã às 14h'", async () => {
    const phone = await newPatient("João Pereira");
    expect(await last(phone, "quero marcar com a Dra. Ana amanhã às 14h")).toContain("Qual atendimento");
    const summary = await last(phone, "1");
    expect(summary).toContain("terça, 24/11 às 14:00");
    expect(await last(phone, "1")).toContain("agendado");
    const [appointment] = await appointmentsOf(phone);
    expect(appointment!.startsAt).toEqual(new Date("2026-11-24T17:00:00Z"));
    expect(appointment!.reminder24hDueAt).toEqual(new Date("2026-11-23T17:00:00Z"));
  });

  it("sends the reminder when the clock reaches it, and the answer confirms", async () => {
    const phone = await newPatient("Clara Nunes");
    await service.say(phone, "marcar amanhã às 15h");
    await service.say(phone, "1");
    await service.say(phone, "1");
    await service.say(phone, "menu");
    service.clock.set(new Date("2026-11-23T18:01:00Z"));
    await service.tick();
    const history = await (await fetch(`${service.url}/simulator/chats/${encodeURIComponent(phone)}/messages`)).json() as any;
    const reminder = history.messages.at(-1);
    expect(reminder).toMatchObject({ direction: "out" });
    expect(reminder.text).toContain("Lembrete");
    expect(reminder.text).toContain("1 - Confirmo");
    await service.tick(); // a second tick sends nothing again
    const again = await (await fetch(`${service.url}/simulator/chats/${encodeURIComponent(phone)}/messages`)).json() as any;
    expect(again.messages).toHaveLength(history.messages.length);
    expect(await last(phone, "1")).toContain("Presença confirmada");
    const [appointment] = await appointmentsOf(phone);
    expect(appointment!.status).toBe("confirmed");
    service.clock.set(MONDAY_9AM);
  });

  it("takes the answer to a reminder in a chat that had no conversation row yet", async () => {
    const phone = await newPatient("Otávio Reis");
    await service.say(phone, "marcar quinta às 16h");
    await service.say(phone, "1");
    await service.say(phone, "1");
    // As for a patient booked by the reception who never chatted: no conversation row.
    await testDb.db.prisma.conversation.deleteMany({ where: { chatKey: phone } });
    service.clock.set(new Date("2026-11-25T19:01:00Z"));
    await service.tick();
    expect(await last(phone, "1")).toContain("Presença confirmada");
    service.clock.set(MONDAY_9AM);
  });

  it("offers a cancelled time to the waitlist, and the waitlisted patient books it", async () => {
    const first = await newPatient("Ana Beatriz");
    await service.say(first, "quero marcar quarta às 10h");
    await service.say(first, "1");
    expect(await last(first, "1")).toContain("agendado");
    const [booked] = await appointmentsOf(first);

    const waiting = await newPatient("Bruno Costa");
    await service.say(waiting, "1");
    await service.say(waiting, "1");
    expect(await last(waiting, "0")).toContain("Quais dias e horários servem");
    expect(await last(waiting, "qualquer horário")).toContain("Você está na lista de espera");

    await service.say(first, "2");
    await service.say(first, "1");
    expect(await last(first, "3")).toContain("Quer mesmo cancelar");
    expect(await last(first, "1")).toContain("cancelada");
    await service.outbox.flush();

    const offer = await (await fetch(`${service.url}/simulator/chats/${encodeURIComponent(waiting)}/messages`)).json() as any;
    expect(offer.messages.at(-1).text).toContain("Abriu um horário: quarta, 25/11 às 10:00");
    expect(await last(waiting, "sim")).toContain("agendado");
    const [taken] = await appointmentsOf(waiting);
    expect(taken).toMatchObject({ status: "booked", startsAt: booked!.startsAt });
  });

  it("lets exactly one of 50 patients take the same time; the other 49 get alternatives", async () => {
    const patients: string[] = [];
    for (let i = 0; i < 50; i++) patients.push(await newPatient(`Paciente Corrida ${String.fromCharCode(65 + (i % 26))}`));
    for (const phone of patients) {
      await service.say(phone, "marcar sexta");
      // The demo's Retorno is only for patients seen in the last 30 days: a new patient books the Consulta.
      await service.say(phone, "1");
    }
    const answers = await Promise.all(patients.map((phone) => last(phone, "1")));
    const winners = answers.filter((a) => a.includes("Confira o agendamento"));
    const losers = answers.filter((a) => a.includes("acabou de ser ocupado"));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    for (const answer of losers) expect(answer).toMatch(/1 - sexta, 27\/11 às/);
    const active = await testDb.db.prisma.appointment.findMany({
      where: { startsAt: new Date("2026-11-27T11:00:00Z"), status: { in: ["held", "booked", "confirmed"] } },
    });
    expect(active).toHaveLength(1);
  });

  it("refuses overlapping active appointments in the database itself", async () => {
    const [one] = await testDb.db.prisma.appointment.findMany({ where: { status: "booked" }, take: 1 });
    await expect(
      testDb.db.sql.query(
        `INSERT INTO "Appointment" (id, "clinicId", "professionalId", "patientId", "procedureId", "startsAt", "endsAt", status, "updatedAt")
         VALUES ('overlap', $1, $2, $3, $4, $5, $6, 'booked', now())`,
        [one!.clinicId, one!.professionalId, one!.patientId, one!.procedureId, new Date(one!.startsAt.getTime() + 60_000), one!.endsAt],
      ),
    ).rejects.toThrow(/Appointment_no_overlap/);
  });
});
