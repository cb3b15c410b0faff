// Time off and a date's own hours: listed and deleted through the admin API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
let pro: string;

beforeAll(async () => {
  testDb = await createTestDatabase("admin-schedule-listing");
  service = await startTestService(testDb.db);
  service.clock.set(new Date("2026-11-23T12:00:00Z"));
  const doctorId = (await testDb.db.prisma.professional.findFirstOrThrow()).id;
  pro = `/api/v1/clinics/${service.clinicId}/professionals/${doctorId}`;
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

describe("listing and deleting schedule changes", () => {
  it("lists a time off and deletes it", async () => {
    const created = await service.api("POST", `${pro}/time-off`, { startsAt: "2026-12-07T08:00:00-03:00", endsAt: "2026-12-11T18:00:00-03:00", reason: "Congresso" });
    expect(created.status).toBe(201);
    const listed = await service.api("GET", `${pro}/time-off`);
    expect(listed.body.timeOff).toEqual([{ id: created.body.id, startsAt: "2026-12-07T11:00:00.000Z", endsAt: "2026-12-11T21:00:00.000Z", reason: "Congresso" }]);
    expect((await service.api("GET", `${pro}/time-off?from=2026-12-12`)).body.timeOff).toEqual([]);
    expect((await service.api("DELETE", `${pro}/time-off/${created.body.id}`)).body).toEqual({ deleted: true });
    expect((await service.api("GET", `${pro}/time-off`)).body.timeOff).toEqual([]);
    expect((await service.api("DELETE", `${pro}/time-off/${created.body.id}`)).status).toBe(404);
  });

  it("lists a date's own hours and deletes them", async () => {
    expect((await service.api("PUT", `${pro}/overrides/2026-12-24`, { intervals: [{ start: "08:00", end: "12:00" }], reason: "Véspera de Natal" })).status).toBeLessThan(300);
    expect((await service.api("GET", `${pro}/overrides`)).body.overrides).toEqual([{ date: "2026-12-24", intervals: [{ start: "08:00", end: "12:00" }], reason: "Véspera de Natal" }]);
    expect((await service.api("DELETE", `${pro}/overrides/2026-12-24`)).body).toEqual({ deleted: true });
    expect((await service.api("GET", `${pro}/overrides`)).body.overrides).toEqual([]);
    expect((await service.api("DELETE", `${pro}/overrides/2026-12-24`)).status).toBe(404);
  });

  it("changes a time off: a new end over a booking answers 409 until onConflict says what to do", async () => {
    const created = await service.api("POST", `${pro}/time-off`, { startsAt: "2026-12-14T08:00:00-03:00", endsAt: "2026-12-14T12:00:00-03:00", reason: "Exames" });
    const base = `/api/v1/clinics/${service.clinicId}`;
    const patient = await service.api("POST", `${base}/patients`, { name: "Nilo Faria", phone: "+5511955570001" });
    const procedure = (await service.api("GET", `${base}/procedures`)).body.procedures[0];
    const doctorId = pro.split("/").at(-1);
    const booked = await service.api("POST", `${base}/appointments`, { patientId: patient.body.id, procedureId: procedure.id, professionalId: doctorId, startsAt: "2026-12-14T14:00:00-03:00" });
    expect(booked.status).toBe(201);
    const longer = await service.api("PATCH", `${pro}/time-off/${created.body.id}`, { endsAt: "2026-12-14T18:00:00-03:00" });
    expect(longer.status).toBe(409);
    expect(longer.body.error).toMatchObject({ code: "conflicts_with_bookings", conflicts: [expect.objectContaining({ appointmentId: booked.body.id })] });
    const kept = await service.api("PATCH", `${pro}/time-off/${created.body.id}`, { endsAt: "2026-12-14T18:00:00-03:00", onConflict: "keep" });
    expect(kept.body).toMatchObject({ id: created.body.id, startsAt: "2026-12-14T11:00:00.000Z", endsAt: "2026-12-14T21:00:00.000Z", reason: "Exames", affected: [expect.objectContaining({ appointmentId: booked.body.id })] });
    expect((await service.api("PATCH", `${pro}/time-off/${created.body.id}`, { reason: null })).body.reason).toBeNull();
    expect((await service.api("PATCH", `${pro}/time-off/${created.body.id}`, { startsAt: "2026-12-15T08:00:00-03:00" })).body.error).toMatchObject({ code: "validation_failed", field: "endsAt" });
    expect((await service.api("PATCH", `${pro}/time-off/${created.body.id}`, { endsAt: "2026-12-14 18:00" })).status).toBe(400);
    expect((await service.api("PATCH", `${pro}/time-off/nope`, { reason: "x" })).status).toBe(404);
  });

  it("changes a date's own hours or only its reason, and answers 404 for a date without them", async () => {
    await service.api("PUT", `${pro}/overrides/2026-12-31`, { intervals: [{ start: "08:00", end: "12:00" }], reason: "Réveillon" });
    const reason = await service.api("PATCH", `${pro}/overrides/2026-12-31`, { reason: "Véspera de Ano-Novo" });
    expect(reason.body).toMatchObject({ date: "2026-12-31", intervals: [{ start: "08:00", end: "12:00" }], reason: "Véspera de Ano-Novo" });
    const hours = await service.api("PATCH", `${pro}/overrides/2026-12-31`, { intervals: [{ start: "09:00", end: "11:00" }] });
    expect(hours.body).toMatchObject({ intervals: [{ start: "09:00", end: "11:00" }], reason: "Véspera de Ano-Novo" });
    expect((await service.api("PATCH", `${pro}/overrides/2026-12-30`, { reason: "x" })).status).toBe(404);
    expect((await service.api("PATCH", `${pro}/overrides/31-12-2026`, { reason: "x" })).status).toBe(400);
  });
});
