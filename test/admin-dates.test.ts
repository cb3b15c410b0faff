// One date rule for the admin API: dates as YYYY-MM-DD (the clinic's local
// day), instants as ISO 8601 with an offset; a range bound may be either.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
let base: string;
let doctorId: string;
let patientId: string;

beforeAll(async () => {
  testDb = await createTestDatabase("admin-dates");
  service = await startTestService(testDb.db);
  service.clock.set(new Date("2026-11-23T12:00:00Z"));
  base = `/api/v1/clinics/${service.clinicId}`;
  doctorId = (await testDb.db.prisma.professional.findFirstOrThrow()).id;
  await service.say("+5511955560000", "oi");
  await service.say("+5511955560000", "1");
  await service.say("+5511955560000", "Rita Lee");
  patientId = (await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone: "+5511955560000" } })).id;
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

describe("dates on the appointments list", () => {
  it("takes from=2026-11-30 as that day in the clinic's zone, and an instant with offset as itself", async () => {
    const procedure = (await service.api("GET", `${base}/procedures`)).body.procedures[0];
    // Monday 30/11 at 08:00 and Tuesday 01/12 at 20:30 São Paulo (already 23:30 UTC of the 1st).
    for (const startsAt of ["2026-11-30T11:00:00Z", "2026-12-01T23:30:00Z"]) {
      expect((await service.api("POST", `${base}/appointments`, { patientId, procedureId: procedure.id, professionalId: doctorId, startsAt })).status).toBe(201);
    }
    const ids = async (query: string) => {
      const answer = await service.api("GET", `${base}/appointments?${query}`);
      expect(answer.status).toBe(200);
      return answer.body.appointments.map((a: { startsAt: string }) => a.startsAt);
    };
    expect(await ids("from=2026-11-30&to=2026-11-30")).toEqual(["2026-11-30T11:00:00.000Z"]);
    expect(await ids("from=2026-12-01&to=2026-12-01")).toEqual(["2026-12-01T23:30:00.000Z"]);
    expect(await ids(`from=${encodeURIComponent("2026-11-30T09:00:00-03:00")}`)).toEqual(["2026-12-01T23:30:00.000Z"]);
    expect((await service.api("GET", `${base}/appointments?from=30/11/2026`)).status).toBe(400);
  });
});
