// What the clinic changes reaches the patient, and the waitlist on the new
// path: end to end over the simulator and the admin API, on PGlite or
// PostgreSQL (ZELO_TEST_DB). Monday 2026-11-23, 09:00 in São Paulo; the demo
// clinic's Dra. Ana Souza works 08:00-12:00 and 13:00-18:00 on weekdays.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { chatHelpers, startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
let base: string;
let doctorId: string;
let consultaId: string;

const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");

beforeAll(async () => {
  testDb = await createTestDatabase("clinic-changes");
  service = await startTestService(testDb.db);
  base = `/api/v1/clinics/${service.clinicId}`;
  doctorId = (await testDb.db.prisma.professional.findFirstOrThrow({ where: { clinicId: service.clinicId } })).id;
  consultaId = (await testDb.db.prisma.procedure.findFirstOrThrow({ where: { clinicId: service.clinicId, name: "Consulta clínica geral" } })).id;
});

beforeEach(() => service?.clock.set(MONDAY_9AM));

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const { newPatient, last } = chatHelpers(() => service, 83000000);

async function lastOut(phone: string): Promise<string> {
  await service.outbox.flush();
  const history = await (await fetch(`${service.url}/simulator/chats/${encodeURIComponent(phone)}/messages`)).json() as { messages: { direction: string; text?: string }[] };
  return history.messages.filter((m) => m.direction === "out").at(-1)?.text ?? "";
}

/** Books "Consulta clínica geral" from the chat ("quarta às 10h"); returns the appointment id. */
async function book(phone: string, when: string): Promise<string> {
  await service.say(phone, `quero marcar ${when}`);
  await service.say(phone, "1");
  expect(await last(phone, "1")).toContain("agendado");
  return (await appointmentsOf(phone)).find((a) => a.status === "booked")!.id;
}

async function appointmentsOf(phone: string) {
  const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
  return testDb.db.prisma.appointment.findMany({ where: { patientId: patient.id }, orderBy: { createdAt: "asc" } });
}

/** Joins the waitlist for "Consulta clínica geral" from the day list, saying which times suit. */
async function joinWaitlist(phone: string, times: string): Promise<string> {
  await service.say(phone, "menu");
  await service.say(phone, "1");
  await service.say(phone, "1");
  expect(await last(phone, "0")).toContain("Quais dias e horários servem para você?");
  return last(phone, times);
}

async function waitlistOf(phone: string) {
  return testDb.db.sql.query<{ id: string; status: string; weekdays: number[]; periods: string[] }>(
    `SELECT w.id, w.status, w.weekdays, w.periods FROM "WaitlistEntry" w JOIN "Patient" p ON p.id = w."patientId" WHERE p.phone = $1 ORDER BY w."createdAt"`, [phone]);
}

/** Takes every waiting patient off the list, so each test starts with its own. */
async function clearWaitlist(): Promise<void> {
  await testDb.db.sql.query(`UPDATE "WaitlistEntry" SET status = 'cancelled' WHERE status IN ('waiting', 'offered')`);
}

describe("the clinic's changes reach the patient", () => {
  beforeEach(clearWaitlist);

  it("a cancellation by the reception tells the patient why, '1' books again, and the time goes to the waitlist", async () => {
    const patient = await newPatient("Carla Dias");
    const id = await book(patient, "quarta às 10h");
    const waiting = await newPatient("Davi Rocha");
    await joinWaitlist(waiting, "quarta de manhã");

    const cancelled = await service.api("POST", `${base}/appointments/${id}/cancel`, { reason: "a Dra. Ana Souza estará em um congresso" });
    expect(cancelled.body.status).toBe("cancelled");
    expect(await lastOut(patient)).toBe(
      "A clínica cancelou sua consulta clínica geral de quarta, 25/11 às 10:00 com Dra. Ana Souza. Motivo: a Dra. Ana Souza estará em um congresso. Desculpe o transtorno.\nQuer marcar outro horário? Responda *1* ou *sim*.");
    expect(await lastOut(waiting)).toContain("Abriu um horário: quarta, 25/11 às 10:00 com Dra. Ana Souza");
    expect(await last(patient, "sim")).toContain("Estes dias têm horários livres");
  });

  it("a cancellation without a reason says nothing of one", async () => {
    const patient = await newPatient("Elias Prado");
    const id = await book(patient, "quinta às 9h");
    await service.api("POST", `${base}/appointments/${id}/cancel`, {});
    const told = await lastOut(patient);
    expect(told).toContain("A clínica cancelou sua consulta clínica geral de quinta, 26/11 às 09:00");
    expect(told).not.toContain("Motivo");
  });

  it("a booking by the reception is confirmed in the chat, and its reminder comes as for a chat booking", async () => {
    const patient = await newPatient("Fabiana Luz");
    const patientId = (await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone: patient } })).id;
    const booked = await service.api("POST", `${base}/appointments`, { patientId, procedureId: consultaId, professionalId: doctorId, startsAt: "2026-11-26T17:00:00Z" });
    expect(booked.status).toBe(201);
    expect(await lastOut(patient)).toBe("A clínica agendou para você ✅\nConsulta clínica geral: quinta, 26/11 às 14:00 com Dra. Ana Souza.\nVou mandar um lembrete (quarta, 25/11 às 14:00). Para ver ou mudar, digite *menu* e escolha *2*.");
    service.clock.set(new Date("2026-11-25T17:01:00Z"));
    await service.tick();
    expect(await lastOut(patient)).toContain("Lembrete: consulta clínica geral quinta, 26/11 às 14:00 com Dra. Ana Souza.");
    expect(await last(patient, "1")).toContain("Presença confirmada");
  });

  it("refuses time off over booked appointments, listing the patients, unless told to keep them or cancel and notify", async () => {
    const kept = await newPatient("Gustavo Reis");
    const keptId = await book(kept, "sexta às 9h");
    const told = await newPatient("Helena Maia");
    const toldId = await book(told, "sexta às 10h");
    const waiting = await newPatient("Igor Tavares");
    await joinWaitlist(waiting, "sexta");
    const friday = { startsAt: "2026-11-27T11:00:00Z", endsAt: "2026-11-27T15:00:00Z", reason: "a médica vai a um congresso" };

    const refused = await service.api("POST", `${base}/professionals/${doctorId}/time-off`, friday);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "conflicts_with_bookings", field: "onConflict" });
    expect(refused.body.error.conflicts).toEqual([
      { appointmentId: keptId, patientName: "Gustavo Reis", phone: kept, startsAt: "2026-11-27T12:00:00.000Z", endsAt: "2026-11-27T12:30:00.000Z" },
      { appointmentId: toldId, patientName: "Helena Maia", phone: told, startsAt: "2026-11-27T13:00:00.000Z", endsAt: "2026-11-27T13:30:00.000Z" },
    ]);
    expect(await testDb.db.prisma.timeOff.count({ where: { professionalId: doctorId, startsAt: new Date(friday.startsAt) } })).toBe(0);

    const keep = await service.api("POST", `${base}/professionals/${doctorId}/time-off`, { ...friday, endsAt: "2026-11-27T12:30:00Z", onConflict: "keep" });
    expect(keep.status).toBe(201);
    expect(keep.body.affected.map((a: { phone: string }) => a.phone)).toEqual([kept]);
    expect((await testDb.db.prisma.appointment.findUniqueOrThrow({ where: { id: keptId } })).status).toBe("booked");

    const cancel = await service.api("POST", `${base}/professionals/${doctorId}/time-off`, { ...friday, startsAt: "2026-11-27T12:30:00Z", onConflict: "cancelAndNotify" });
    expect(cancel.status).toBe(201);
    expect(cancel.body.affected).toEqual([expect.objectContaining({ appointmentId: toldId, patientName: "Helena Maia", phone: told })]);
    expect((await testDb.db.prisma.appointment.findUniqueOrThrow({ where: { id: toldId } })).status).toBe("cancelled");
    expect(await lastOut(told)).toContain("A clínica cancelou sua consulta clínica geral de sexta, 27/11 às 10:00 com Dra. Ana Souza. Motivo: a médica vai a um congresso.");
    // The time is inside the time off: not free, so nobody is offered it.
    expect(await lastOut(waiting)).not.toContain("Abriu um horário");
    expect((await waitlistOf(waiting))[0]!.status).toBe("waiting");
  });

  it("refuses a date's new hours that leave a booking out, and cancels and notifies when told to", async () => {
    const patient = await newPatient("Joana Prates");
    const id = await book(patient, "dia 1 às 15h");
    const path = `${base}/professionals/${doctorId}/overrides/2026-12-01`;
    const refused = await service.api("PUT", path, { intervals: [{ start: "08:00", end: "12:00" }], reason: "reunião à tarde" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.conflicts).toEqual([expect.objectContaining({ appointmentId: id, patientName: "Joana Prates", phone: patient })]);
    const morningOnly = await service.api("PUT", path, { intervals: [{ start: "08:00", end: "12:00" }], reason: "reunião à tarde", onConflict: "cancelAndNotify" });
    expect(morningOnly.status).toBe(200);
    expect((await testDb.db.prisma.appointment.findUniqueOrThrow({ where: { id } })).status).toBe("cancelled");
    expect(await lastOut(patient)).toContain("Motivo: reunião à tarde.");
    // A booking inside the new hours is not in the way.
    const morning = await newPatient("Joaquim Sales");
    await book(morning, "dia 1 às 9h");
    expect((await service.api("PUT", path, { intervals: [{ start: "08:00", end: "11:00" }] })).status).toBe(200);
  });
});

describe("the waitlist", () => {
  beforeEach(clearWaitlist);

  it("asks which days and times suit, confirms them, and a second join updates the entry instead of adding one", async () => {
    const phone = await newPatient("Karina Neves");
    expect(await joinWaitlist(phone, "segunda e quarta de manhã")).toBe(
      "Pronto! Você está na lista de espera (segunda e quarta, de manhã). Assim que abrir um horário assim, eu ofereço a vaga aqui.");
    expect((await service.api("GET", `${base}/waitlist`)).body.entries).toContainEqual(expect.objectContaining({ patientName: "Karina Neves", weekdays: [1, 3], periods: ["manha"] }));
    expect(await joinWaitlist(phone, "qualquer horário")).toContain("Atualizei sua lista de espera: qualquer dia, qualquer horário.");
    const entries = (await waitlistOf(phone)).filter((e) => e.status === "waiting");
    expect(entries).toEqual([expect.objectContaining({ weekdays: [], periods: [] })]);
    expect(await waitlistOf(phone)).toHaveLength(1);
    const listed = await service.api("GET", `${base}/waitlist`);
    expect(listed.body.entries).toContainEqual(expect.objectContaining({ patientName: "Karina Neves", weekdays: [], periods: [] }));
  });

  it("offers a freed time only to a patient whose days and times it suits", async () => {
    const afternoons = await newPatient("Lucas Tarde");
    await joinWaitlist(afternoons, "quinta à tarde");
    const mornings = await newPatient("Marta Manhã");
    await joinWaitlist(mornings, "quinta de manhã");
    const patient = await newPatient("Nina Souto");
    await book(patient, "quinta às 10h");
    await service.say(patient, "menu");
    await service.say(patient, "2");
    await service.say(patient, "1");
    await service.say(patient, "3");
    expect(await last(patient, "1")).toContain("cancelada");
    expect(await lastOut(mornings)).toContain("Abriu um horário: quinta, 26/11 às 10:00");
    expect(await lastOut(afternoons)).not.toContain("Abriu um horário");
  });

  it("never offers a declined time again, says 'outra pessoa' only when it went to one, and answers a late 'sim, quero'", async () => {
    const first = await newPatient("Otávio Primeiro");
    await joinWaitlist(first, "qualquer horário");
    const second = await newPatient("Paula Segunda");
    await joinWaitlist(second, "qualquer horário");
    const patient = await newPatient("Quésia Livre");
    const id = await book(patient, "dia 4 às 11h");
    await service.api("POST", `${base}/appointments/${id}/cancel`, {});
    expect(await lastOut(first)).toContain("Abriu um horário: sexta, 04/12 às 11:00");

    // Otávio says no: the time goes to Paula, and he is told so.
    expect(await last(first, "2")).toBe("Tudo bem, ofereci a vaga para outra pessoa. Você continua na lista de espera para outros horários.");
    expect(await lastOut(second)).toContain("Abriu um horário: sexta, 04/12 às 11:00");
    // Paula says no too: nobody else waits, so nobody is said to have it.
    expect(await last(second, "não")).toBe("Tudo bem, liberei a vaga. Você continua na lista de espera para outros horários.");
    // A late "sim, quero" is not "não entendi": the time is gone, here are the free ones.
    const late = await last(first, "sim, quero");
    expect(late).toContain("Essa vaga não está mais disponível");
    expect(late).toContain("Estes dias têm horários livres");
    expect(late).not.toMatch(/não entendi/i);

    // The same time freed again (booked, then cancelled) is offered to neither of them.
    const again = await newPatient("Rui Outra Vez");
    const againId = await book(again, "dia 4 às 11h");
    await service.api("POST", `${base}/appointments/${againId}/cancel`, {});
    expect(await lastOut(first)).not.toContain("Abriu um horário");
    expect(await lastOut(second)).not.toContain("Abriu um horário");
    const offers = await testDb.db.sql.query<{ outcome: string }>(`SELECT outcome FROM "WaitlistOffer" WHERE "startsAt" = $1 ORDER BY "createdAt"`, [new Date("2026-12-04T14:00:00Z")]);
    expect(offers.map((o) => o.outcome)).toEqual(["declined", "declined"]);
  });

  it("an offer that runs out with nobody else waiting says so honestly, and a late 'sim' shows the free times", async () => {
    const waiting = await newPatient("Sara Atrasada");
    await joinWaitlist(waiting, "qualquer horário");
    const patient = await newPatient("Tiago Vago");
    const id = await book(patient, "dia 2 às 9h");
    await service.api("POST", `${base}/appointments/${id}/cancel`, {});
    expect(await lastOut(waiting)).toContain("Abriu um horário: quarta, 02/12 às 09:00");
    service.clock.advance(16 * 60_000);
    await service.tick();
    const expired = await lastOut(waiting);
    expect(expired).toBe("O horário que separei para você não foi confirmado a tempo e a reserva acabou. Você continua na lista de espera; para agendar agora, responda *1*.");
    const late = await last(waiting, "sim");
    expect(late).toContain("Essa vaga não está mais disponível");
    expect(late).toContain("Estes dias têm horários livres");
  });

  it("offers the time a reschedule released", async () => {
    const waiting = await newPatient("Úrsula Espera");
    await joinWaitlist(waiting, "quinta");
    const patient = await newPatient("Vitor Remarca");
    await book(patient, "dia 3 às 16h");
    await service.say(patient, "menu");
    await service.say(patient, "2");
    await service.say(patient, "1");
    await service.say(patient, "2");
    await service.say(patient, "1");
    await service.say(patient, "1");
    expect(await last(patient, "1")).toContain("remarcado");
    expect(await lastOut(waiting)).toContain("Abriu um horário: quinta, 03/12 às 16:00");
  });
});
