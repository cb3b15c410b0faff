// One date rule for every route of the admin API: a day is YYYY-MM-DD and
// must exist, an instant is ISO 8601 with its offset. Each route that takes
// a day refuses 2026-02-31 and 30/11/2026 with a JSON error, and takes a real day.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
let clinic: string;
let pro: string;

beforeAll(async () => {
  testDb = await createTestDatabase("admin-dates");
  service = await startTestService(testDb.db);
  service.clock.set(new Date("2026-11-23T12:00:00Z"));
  const doctorId = (await testDb.db.prisma.professional.findFirstOrThrow()).id;
  clinic = `/api/v1/clinics/${service.clinicId}`;
  pro = `${clinic}/professionals/${doctorId}`;
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

type Call = [method: string, path: (day: string) => string, body?: (day: string) => unknown];

const routes: Record<string, Call> = {
  "appointments list": ["GET", (day) => `${clinic}/appointments?from=${day}`],
  "payments list": ["GET", (day) => `${clinic}/payments?from=${day}`],
  "payment daily totals": ["GET", (day) => `${clinic}/payments/daily-totals?from=${day}&to=2027-12-31`],
  "reception agenda": ["GET", (day) => `${clinic}/agenda?date=${day}`],
  "time off list": ["GET", (day) => `${pro}/time-off?from=${day}`],
  "a date's own hours": ["PUT", (day) => `${pro}/overrides/${day}`, () => ({ intervals: [{ start: "08:00", end: "12:00" }] })],
  "clinic closure": ["PUT", (day) => `${clinic}/closures/${day}`, () => ({ reason: "Reforma" })],
  "patient birth date": ["POST", () => `${clinic}/patients`, (day) => ({ name: "Rita Datas", phone: `+55119555${day.replace(/\D/g, "").slice(-5)}`, birthDate: day })],
};

describe("dates on every route", () => {
  it.each(Object.entries(routes))("%s refuses a day that does not exist and one not in YYYY-MM-DD", async (_name, [method, path, body]) => {
    for (const bad of ["2026-02-31", "30-11-2026"]) {
      const answer = await service.api(method, path(bad), body?.(bad));
      expect(answer.status, `${bad}: ${JSON.stringify(answer.body)}`).toBe(400);
      expect(answer.body.error.code).toBe("validation_failed");
    }
  });

  it.each(Object.entries(routes))("%s takes a real day", async (_name, [method, path, body]) => {
    const answer = await service.api(method, path("2027-01-15"), body?.("2027-01-15"));
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  });
});
