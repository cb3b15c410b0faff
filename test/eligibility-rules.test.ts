// Who may book what, end to end over the simulator on PostgreSQL or PGlite:
// the demo's Retorno as seeded, an age rule that asks a birth date it does
// not know, and a procedure that needs a referral.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { chatHelpers, startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
let base: string;

// Monday 2026-11-23, 09:00 in São Paulo.
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");

beforeAll(async () => {
  testDb = await createTestDatabase("eligibility_rules");
  service = await startTestService(testDb.db);
  base = `/api/v1/clinics/${service.clinicId}`;
});
beforeEach(() => service?.clock.set(MONDAY_9AM));
afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const { newPatient, last } = chatHelpers(() => service, 87000000);

describe("who may book a procedure, as the demo clinic is seeded", () => {
  it("offers a brand-new patient the Consulta and not the Retorno, and says why when asked for it", async () => {
    const phone = await newPatient("Vera Lúcia");
    const list = await last(phone, "1");
    expect(list).toContain("1 - Consulta clínica geral (30 min, R$ 250,00)");
    expect(list).not.toContain("Retorno");
    expect(await last(phone, "retorno")).toContain("Retorno é para quem teve atendimento aqui nos últimos 30 dias. Para a primeira vez, escolha Consulta clínica geral.");
  });
});

describe("age rules and referrals", () => {
  beforeAll(async () => {
    const doctor = await testDb.db.prisma.professional.findFirstOrThrow({ where: { clinicId: service.clinicId, crm: "123456" } });
    const pediatric = await service.api("POST", `${base}/procedures`, { name: "Consulta pediátrica", durationMinutes: 30, priceCents: 20_000, professionalIds: [doctor.id], maxAgeYears: 12 });
    expect(pediatric.body).toMatchObject({ maxAgeYears: 12, minAgeYears: null, requiresReferral: false });
    const ecg = await service.api("POST", `${base}/procedures`, { name: "Eletrocardiograma", durationMinutes: 20, priceCents: 9_000, professionalIds: [doctor.id], requiresReferral: true });
    expect(ecg.body.requiresReferral).toBe(true);
    const inverted = await service.api("PATCH", `${base}/procedures/${pediatric.body.id}`, { minAgeYears: 13 });
    expect(inverted.body.error).toMatchObject({ code: "validation_failed", field: "maxAgeYears" });
  });

  it("asks an adult's unknown birth date for the pediatric visit, says why not, and no longer offers it", async () => {
    const phone = await newPatient("Sérgio Alves");
    const list = await last(phone, "1");
    expect(list).toContain("2 - Consulta pediátrica");
    expect(await last(phone, "2")).toBe("Consulta pediátrica tem limite de idade. Qual a data de nascimento do paciente? (ex.: 15/03/1990)");
    expect(await last(phone, "ontem")).toContain("Não entendi a data");
    const refused = await last(phone, "10/10/1990");
    expect(refused).toContain("Consulta pediátrica é para pacientes de até 12 anos. Você pode escolher Consulta clínica geral.");
    expect(refused).toContain("1 - Consulta clínica geral");
    expect(refused).not.toContain("Consulta pediátrica (");
    const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
    expect(patient.birthDate).toEqual(new Date("1990-10-10T00:00:00Z"));
    await last(phone, "menu");
    expect(await last(phone, "1")).not.toContain("Consulta pediátrica");
  });

  it("books the pediatric visit for a child whose birth date the mother gave, without asking it again", async () => {
    const mother = await newPatient("Clara Reis");
    for (const text of ["agendar para minha filha", "Alice Reis", "03/04/2019", "filha"]) await last(mother, text);
    expect(await last(mother, "2")).toContain("Estes dias têm horários livres");
  });

  it("lists a procedure that needs a referral as such, and says to bring it on the summary", async () => {
    const phone = await newPatient("Paulo Brito");
    const list = await last(phone, "1");
    expect(list).toContain("Eletrocardiograma (20 min, R$ 90,00, precisa de encaminhamento)");
    const number = /(\d) - Eletrocardiograma/.exec(list)![1]!;
    await last(phone, number);
    await last(phone, "1");
    const summary = await last(phone, "1");
    expect(summary).toContain("📄 Precisa de encaminhamento médico: traga o encaminhamento no dia");
  });
});
