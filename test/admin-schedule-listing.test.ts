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
});
