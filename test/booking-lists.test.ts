// Every free time reachable from the chat lists, end to end over the
// simulator on PostgreSQL or PGlite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { chatHelpers, startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

// Monday 2026-11-23, 09:00 in São Paulo.
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");

beforeAll(async () => {
  testDb = await createTestDatabase("booking_lists");
  service = await startTestService(testDb.db);
});
beforeEach(() => service?.clock.set(MONDAY_9AM));
afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const { newPatient, last } = chatHelpers(() => service, 84000000);

describe("the lists reach every free time", () => {
  it("picks 16h typed at a day's list, beyond the first page", async () => {
    const phone = await newPatient("Joana Prates");
    await service.say(phone, "marcar");
    await service.say(phone, "1");
    const list = await last(phone, "2");
    expect(list).toContain("Horários livres em terça, 24/11");
    expect(list).not.toContain("16:00");
    expect(await last(phone, "16h")).toContain("terça, 24/11 às 16:00");
    expect(await last(phone, "1")).toContain("agendado");
  });

  it("books a day typed beyond the first weeks of times", async () => {
    const phone = await newPatient("Lauro Mendes");
    await service.say(phone, "marcar");
    await service.say(phone, "1");
    // Six weeks ahead: past what the first search returns, within the 60-day horizon.
    expect(await last(phone, "dia 5/1 às 10h")).toContain("terça, 05/01 às 10:00");
  });

  it("shows more days on 'ver mais dias' and books one of them", async () => {
    const phone = await newPatient("Ivo Castro");
    await service.say(phone, "marcar");
    const days = await last(phone, "1");
    expect(days).toContain("1 - segunda, 23/11");
    expect(days).toContain("Para ver mais dias, responda *mais*.");
    const more = await last(phone, "ver mais dias");
    // Monday 23/11 to Tuesday 01/12 were the first seven weekdays: the next page starts on Wednesday 02/12.
    expect(more).toContain("1 - quarta, 02/12");
    expect(more).not.toContain("segunda, 23/11");
    expect(await last(phone, "1")).toContain("Horários livres em quarta, 02/12");
    expect(await last(phone, "10h")).toContain("quarta, 02/12 às 10:00");
  });
});

