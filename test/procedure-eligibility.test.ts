// Procedures only some patients may book, end to end over the
// simulator on PostgreSQL or PGlite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { chatHelpers, startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

// Monday 2026-11-23, 09:00 in São Paulo.
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");

beforeAll(async () => {
  testDb = await createTestDatabase("procedure_eligibility");
  service = await startTestService(testDb.db);
});
beforeEach(() => service?.clock.set(MONDAY_9AM));
afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const { newPatient, last } = chatHelpers(() => service, 85000000);

describe("who may book a procedure", () => {
  beforeAll(async () => {
    const base = `/api/v1/clinics/${service.clinicId}`;
    const retorno = (await service.api("GET", `${base}/procedures`)).body.procedures.find((p: { name: string }) => p.name === "Retorno");
    const patched = await service.api("PATCH", `${base}/procedures/${retorno.id}`, { requiresPreviousWithinDays: 30, cancellationNoticeHours: 12 });
    expect(patched.body).toMatchObject({ requiresPreviousWithinDays: 30, cancellationNoticeHours: 12, priceCents: 0 });
    expect((await service.api("PATCH", base, { cancellationGraceMinutes: 20 })).body.cancellationGraceMinutes).toBe(20);
  });

  it("offers a brand-new patient the other procedures instead of the Retorno, and says why", async () => {
    const phone = await newPatient("Nina Ramos");
    const answer = await last(phone, "quero marcar um retorno");
    expect(answer).toContain("Retorno é para quem teve atendimento aqui nos últimos 30 dias");
    expect(answer).toContain("1 - Consulta clínica geral");
    expect(answer).not.toMatch(/\d - Retorno/);
    expect(await last(phone, "retorno")).toContain("Retorno é para quem teve atendimento");
  });

  it("lets a patient seen last week book the Retorno", async () => {
    const phone = await newPatient("Otto Pires");
    // Only the Consulta is offered to a new patient, in a list of one; the wish then goes straight to its summary.
    const offered = await last(phone, "marcar hoje às 15h");
    expect(offered).toContain("1 - Consulta clínica geral");
    expect(offered).not.toContain("Retorno");
    expect(await last(phone, "1")).toContain("Confira o agendamento");
    expect(await last(phone, "1")).toContain("agendado");
    await testDb.db.sql.query(
      `UPDATE "Appointment" SET status = 'completed', "startsAt" = "startsAt" - interval '7 days', "endsAt" = "endsAt" - interval '7 days'
       WHERE "patientId" = (SELECT id FROM "Patient" WHERE phone = $1)`, [phone]);
    await service.say(phone, "menu");
    expect(await last(phone, "quero marcar um retorno")).toContain("Estes dias têm horários livres");
  });
});
