// Every booking gets a reminder or is told it will not, end to end over the
// simulator on PostgreSQL or PGlite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { chatHelpers, startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

// Monday 2026-11-23, 09:00 in São Paulo.
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");

beforeAll(async () => {
  testDb = await createTestDatabase("booking_reminders");
  service = await startTestService(testDb.db);
});
beforeEach(() => service?.clock.set(MONDAY_9AM));
afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const { newPatient, last } = chatHelpers(() => service, 83000000);
const history = async (phone: string) =>
  ((await (await fetch(`${service.url}/simulator/chats/${encodeURIComponent(phone)}/messages`)).json()) as { messages: { text: string }[] }).messages;

describe("a reminder for every booking", () => {
  it("gives a booking for later today the short reminder, says when, and sends it", async () => {
    const phone = await newPatient("Helena Dias");
    await service.say(phone, "marcar hoje às 15h");
    await service.say(phone, "1");
    expect(await last(phone, "1")).toContain("Vou mandar um lembrete (segunda, 23/11 às 13:00)");
    service.clock.set(new Date("2026-11-23T16:01:00Z"));
    await service.tick();
    expect((await history(phone)).at(-1)!.text).toContain("Lembrete");
  });

  it("promises no reminder for a time too close to have one", async () => {
    const phone = await newPatient("Ivo Santos");
    await service.say(phone, "marcar hoje às 11h");
    await service.say(phone, "1");
    const booked = await last(phone, "1");
    expect(booked).toContain("agendado");
    expect(booked).toContain("não vou mandar lembrete");
    expect(booked).not.toContain("Vou mandar um lembrete");
  });
});
