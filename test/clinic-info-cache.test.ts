// What the chat says about the clinic is kept in memory between turns
// (src/bot/clinic-info-facts.ts) until the clinic's infoRevision moves:
// triggers move it on every change to the clinic, its procedures, its
// professionals, their working hours and its closed days, whoever writes.
// Asked, changed through the admin API (or straight in SQL), asked again:
// the second answer is the new one.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { chatHelpers, startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");

beforeAll(async () => {
  testDb = await createTestDatabase("clinic_info_cache");
  service = await startTestService(testDb.db);
});
beforeEach(() => service?.clock.set(MONDAY_9AM));
afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const { newPatient, last } = chatHelpers(() => service, 86500000);
const revision = async () => (await testDb.db.prisma.clinic.findUniqueOrThrow({ where: { id: service.clinicId } })).infoRevision;

describe("the clinic's information between turns", () => {
  it("follows a change of the clinic's own settings", async () => {
    const phone = await newPatient("Rita Campos");
    expect(await last(phone, "tem estacionamento?")).not.toContain("Rua Augusta");
    expect((await service.api("PATCH", `/api/v1/clinics/${service.clinicId}`, { parking: "Conveniado na Rua Augusta, 200." })).status).toBe(200);
    expect(await last(phone, "tem estacionamento?")).toContain("Conveniado na Rua Augusta, 200.");
  });

  it("follows a procedure's new price", async () => {
    const phone = await newPatient("Rita Peixoto");
    const procedure = await testDb.db.prisma.procedure.findFirstOrThrow({ where: { clinicId: service.clinicId, active: true } });
    expect(await last(phone, "quanto custa a consulta?")).not.toContain("321,00");
    expect((await service.api("PATCH", `/api/v1/clinics/${service.clinicId}/procedures/${procedure.id}`, { priceCents: 32100 })).status).toBe(200);
    expect(await last(phone, "quanto custa a consulta?")).toContain("321,00");
  });

  it("follows new working hours", async () => {
    const phone = await newPatient("Rita Holanda");
    const professional = await testDb.db.prisma.professional.findFirstOrThrow({ where: { clinicId: service.clinicId, active: true } });
    expect(await last(phone, "qual o horário de funcionamento?")).not.toContain("07:00");
    const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "07:00", end: "19:00" }));
    expect((await service.api("PUT", `/api/v1/clinics/${service.clinicId}/professionals/${professional.id}/working-hours`, { hours })).status).toBe(200);
    expect(await last(phone, "qual o horário de funcionamento?")).toContain("07:00");
  });

  it("follows a closed day added and removed", async () => {
    const askFor9th = async (name: string) => {
      const phone = await newPatient(name);
      await last(phone, "quero marcar dia 09/12");
      return last(phone, "1");
    };
    expect(await askFor9th("Rita Lopes")).not.toContain("Dedetização");
    expect((await service.api("PUT", `/api/v1/clinics/${service.clinicId}/closures/2026-12-09`, { reason: "Dedetização" })).status).toBe(200);
    expect(await askFor9th("Rita Dias")).toContain("Não atendemos em 09/12 (Dedetização)");
    expect((await service.api("DELETE", `/api/v1/clinics/${service.clinicId}/closures/2026-12-09`)).status).toBeLessThan(300);
    expect(await askFor9th("Rita Prado")).not.toContain("Dedetização");
  });

  it("moves its revision on every kind of write, also one made straight in SQL", async () => {
    const before = await revision();
    await testDb.db.sql.query(`UPDATE "Procedure" SET preparation = 'Jejum de 4 horas.' WHERE "clinicId" = $1`, [service.clinicId]);
    const afterProcedure = await revision();
    expect(afterProcedure).toBeGreaterThan(before);
    await testDb.db.sql.query(`UPDATE "Professional" SET name = name WHERE "clinicId" = $1`, [service.clinicId]);
    expect(await revision()).toBeGreaterThan(afterProcedure);
    const unchanged = await revision();
    // A patient's turn writes none of these tables: the cached copy is not thrown away by chatting.
    const phone = await newPatient("Rita Couto");
    await last(phone, "ajuda");
    expect(await revision()).toBe(unchanged);
  });
});
