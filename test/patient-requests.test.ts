// Requests in the patient's own words through the simulator, end to end, on
// PostgreSQL or PGlite: from the menu, in the middle of a booking, and to
// cancel or reschedule by the day.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { chatHelpers, startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

// Monday 2026-11-23, 09:00 in São Paulo. The demo clinic: Dra. Ana Souza, Monday to Friday 08-12 and 13-18.
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");

beforeAll(async () => {
  testDb = await createTestDatabase("patient_requests");
  service = await startTestService(testDb.db);
});

beforeEach(() => service?.clock.set(MONDAY_9AM));

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const { newPatient, last } = chatHelpers(() => service, 86000000);

async function appointmentsOf(phone: string) {
  const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
  return testDb.db.prisma.appointment.findMany({ where: { patientId: patient.id, status: { in: ["booked", "confirmed"] } }, orderBy: { startsAt: "asc" } });
}

describe("requests in the patient's own words", () => {
  it("books from the menu with \"pode ser dia 25 à tarde?\", keeping the day through the procedure question", async () => {
    const phone = await newPatient("Helena Prado");
    const asked = await last(phone, "pode ser dia 25 à tarde?");
    expect(asked).toContain("Entendi: agendamento quarta, 25/11 à tarde.");
    expect(asked).toContain("Qual atendimento");
    const times = await last(phone, "1");
    expect(times).toContain("Horários livres em quarta, 25/11");
    // Only the afternoon: the list starts at 13:00.
    expect(times).toMatch(/1 - 13:00/);
    expect(times).not.toContain("08:00");
    expect(await last(phone, "1")).toContain("quarta, 25/11 às 13:00");
    expect(await last(phone, "1")).toContain("agendado");
    const [appointment] = await appointmentsOf(phone);
    expect(appointment!.startsAt).toEqual(new Date("2026-11-25T16:00:00Z"));
  });

  it("steers a booking from the day list with \"semana que vem depois das 17h\"", async () => {
    const phone = await newPatient("Otávio Reis");
    await last(phone, "1");
    expect(await last(phone, "1")).toContain("segunda, 23/11");
    const days = await last(phone, "semana que vem depois das 17h");
    expect(days).toContain("Entendi: consulta clínica geral entre segunda, 30/11 e domingo, 06/12 depois das 17:00.");
    expect(days).toContain("1 - segunda, 30/11");
    expect(days).not.toContain("23/11");
    const times = await last(phone, "1");
    expect(times).toMatch(/1 - 17:00/);
    expect(times).not.toContain("16:30");
    await last(phone, "1");
    expect(await last(phone, "sim")).toContain("agendado");
    const [appointment] = await appointmentsOf(phone);
    expect(appointment!.startsAt).toEqual(new Date("2026-11-30T20:00:00Z"));
  });

  it("takes \"a próxima vaga\" at the procedure question to the first free day", async () => {
    const phone = await newPatient("Sônia Braga");
    await last(phone, "1");
    const times = await last(phone, "consulta clínica geral, a próxima vaga");
    expect(times).toContain("Entendi: consulta clínica geral no primeiro horário livre.");
    expect(times).toContain("Horários livres em segunda, 23/11");
  });

  it("reschedules with \"posso passar para quinta?\" and cancels with \"quero desmarcar a de quinta\"", async () => {
    const phone = await newPatient("Rui Barbosa");
    await last(phone, "consulta amanhã às 10h");
    await last(phone, "1");
    expect(await last(phone, "1")).toContain("agendado");
    const moving = await last(phone, "posso passar para quinta?");
    expect(moving).toContain("Entendi: remarcar a consulta clínica geral de terça, 24/11 às 10:00 para quinta, 26/11.");
    expect(moving).toContain("Horários livres em quinta, 26/11");
    await last(phone, "1");
    expect(await last(phone, "1")).toContain("remarcado");
    const [moved] = await appointmentsOf(phone);
    expect(moved!.startsAt).toEqual(new Date("2026-11-26T11:00:00Z"));
    expect(await last(phone, "quero desmarcar a de quinta")).toContain("Quer mesmo cancelar quinta, 26/11 às 08:00");
    expect(await last(phone, "1")).toContain("cancelada");
    expect(await appointmentsOf(phone)).toEqual([]);
  });
});
