import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
let base: string;
let doctorId: string;
let patientId: string;

beforeAll(async () => {
  testDb = await createTestDatabase("admin-scheduling");
  service = await startTestService(testDb.db);
  service.clock.set(new Date("2026-11-23T12:00:00Z"));
  base = `/api/v1/clinics/${service.clinicId}`;
  doctorId = (await testDb.db.prisma.professional.findFirstOrThrow()).id;
  await service.say("+5511955550000", "oi");
  await service.say("+5511955550000", "1");
  await service.say("+5511955550000", "Rita Lee");
  patientId = (await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone: "+5511955550000" } })).id;
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

describe("scheduling admin API", () => {
  it("creates and updates a procedure performed by a professional", async () => {
    const created = await service.api("POST", `${base}/procedures`, { name: "Eletrocardiograma", durationMinutes: 15, priceCents: 12000, professionalIds: [doctorId] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ prepaymentRequired: false, paymentHoldMinutes: 30 });
    const unknown = await service.api("POST", `${base}/procedures`, { name: "Raio X", durationMinutes: 15, professionalIds: ["nobody"] });
    expect(unknown.body.error).toMatchObject({ code: "validation_failed", field: "professionalIds" });
    const patched = await service.api("PATCH", `${base}/procedures/${created.body.id}`, { priceCents: 15000 });
    expect(patched.body.priceCents).toBe(15000);
    const list = await service.api("GET", `${base}/procedures`);
    expect(list.body.procedures.map((p: { name: string }) => p.name)).toEqual(["Consulta clínica geral", "Eletrocardiograma", "Retorno"]);
  });

  it("replaces weekly hours and validates intervals", async () => {
    const path = `${base}/professionals/${doctorId}/working-hours`;
    const bad = await service.api("PUT", path, { hours: [{ weekday: 1, start: "12:00", end: "08:00" }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("hours.0.end");
    const hours = [1, 2, 3, 4, 5].flatMap((weekday) => [{ weekday, start: "08:00", end: "12:00" }, { weekday, start: "13:00", end: "18:00" }]);
    expect((await service.api("PUT", path, { hours })).status).toBe(200);
    expect((await service.api("GET", path)).body.hours).toHaveLength(10);
  });

  it("closes a date with an override and adds time off", async () => {
    const override = await service.api("PUT", `${base}/professionals/${doctorId}/overrides/2026-11-24`, { intervals: [], reason: "Congresso" });
    expect(override.status).toBe(200);
    const procedure = (await service.api("GET", `${base}/procedures`)).body.procedures[0];
    const slots = await service.api("GET", `${base}/slots?procedureId=${procedure.id}&from=2026-11-24&to=2026-11-24`);
    expect(slots.body.slots).toEqual([]);
    const off = await service.api("POST", `${base}/professionals/${doctorId}/time-off`, { startsAt: "2026-11-25T11:00:00Z", endsAt: "2026-11-25T15:00:00Z" });
    expect(off.status).toBe(201);
    const wednesday = await service.api("GET", `${base}/slots?procedureId=${procedure.id}&from=2026-11-25&to=2026-11-25`);
    expect(wednesday.body.slots[0].startsAt).toBe("2026-11-25T16:00:00.000Z");
  });

  it("books, refuses a double booking, lists, cancels and marks attendance", async () => {
    const procedure = (await service.api("GET", `${base}/procedures`)).body.procedures[0];
    const body = { patientId, procedureId: procedure.id, professionalId: doctorId, startsAt: "2026-11-26T13:00:00Z" };
    const booked = await service.api("POST", `${base}/appointments`, body);
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ status: "booked", source: "admin", startsAt: "2026-11-26T13:00:00.000Z" });
    const twice = await service.api("POST", `${base}/appointments`, { ...body, startsAt: "2026-11-26T13:15:00Z" });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("slot_taken");
    const list = await service.api("GET", `${base}/appointments?from=2026-11-26T00:00:00Z&to=2026-11-27T00:00:00Z&professionalId=${doctorId}&status=booked`);
    expect(list.body.appointments.map((a: { id: string }) => a.id)).toEqual([booked.body.id]);
    const done = await service.api("POST", `${base}/appointments/${booked.body.id}/complete`);
    expect(done.body.status).toBe("completed");
    const second = await service.api("POST", `${base}/appointments`, { ...body, startsAt: "2026-11-27T13:00:00Z" });
    const cancelled = await service.api("POST", `${base}/appointments/${second.body.id}/cancel`, { reason: "paciente pediu" });
    expect(cancelled.body.status).toBe("cancelled");
    expect((await service.api("POST", `${base}/appointments/${second.body.id}/cancel`, {})).status).toBe(404);
    const events = await testDb.db.prisma.auditEvent.findMany({ where: { entityId: second.body.id } });
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["appointment.booked", "appointment.cancelled"]));
  });

  it("lists appointments whose reminder is unanswered", async () => {
    const procedure = (await service.api("GET", `${base}/procedures`)).body.procedures[0];
    const booked = await service.api("POST", `${base}/appointments`, { patientId, procedureId: procedure.id, professionalId: doctorId, startsAt: "2026-11-30T13:00:00Z" });
    service.clock.set(new Date("2026-11-29T13:30:00Z"));
    await service.tick();
    const unconfirmed = await service.api("GET", `${base}/appointments?unconfirmed=true`);
    expect(unconfirmed.body.appointments.map((a: { id: string }) => a.id)).toContain(booked.body.id);
    expect(unconfirmed.body.appointments[0].reminderSentAt).toBe("2026-11-29T13:30:00.000Z");
    service.clock.set(new Date("2026-11-23T12:00:00Z"));
  });
});
