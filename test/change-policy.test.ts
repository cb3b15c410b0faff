// One cancellation policy, end to end over the simulator on PostgreSQL or
// PGlite: a booking can be undone right after it is made, and a reminder
// inside the notice offers only what the patient may still do.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { chatHelpers, startTestService, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

// Monday 2026-11-23, 09:00 in São Paulo.
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");
const minutesAfter = (minutes: number) => new Date(MONDAY_9AM.getTime() + minutes * 60_000);

beforeAll(async () => {
  testDb = await createTestDatabase("change_policy");
  service = await startTestService(testDb.db);
});
beforeEach(() => service?.clock.set(MONDAY_9AM));
afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const { newPatient, last } = chatHelpers(() => service, 82000000);

async function book(phone: string, wish: string): Promise<string> {
  await service.say(phone, wish);
  await service.say(phone, "1");
  expect(await last(phone, "1")).toContain("agendado");
  const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
  const [appointment] = await testDb.db.sql.query<{ id: string; bookedAt: Date | null }>(
    `SELECT id, "bookedAt" FROM "Appointment" WHERE "patientId" = $1 AND status = 'booked' ORDER BY "createdAt" DESC LIMIT 1`, [patient.id]);
  return appointment!.id;
}

const statusOf = async (id: string) => (await testDb.db.sql.query<{ status: string }>(`SELECT status FROM "Appointment" WHERE id = $1`, [id]))[0]!.status;

describe("the cancellation policy in the chat", () => {
  it("undoes a booking for today minutes after making it", async () => {
    const phone = await newPatient("Lúcia Prado");
    const id = await book(phone, "marcar hoje às 15h");
    service.clock.set(minutesAfter(5));
    await service.say(phone, "menu");
    await service.say(phone, "2");
    const actions = await last(phone, "1");
    expect(actions).toContain("3 - Cancelar");
    expect(actions).toContain("até 09:15");
    expect(await last(phone, "3")).toContain("Quer mesmo cancelar");
    expect(await last(phone, "1")).toContain("cancelada");
    expect(await statusOf(id)).toBe("cancelled");
  });

  it("offers no cancel once the grace period is over, and says to talk to the reception", async () => {
    const phone = await newPatient("Rita Campos");
    const id = await book(phone, "marcar hoje às 16h");
    service.clock.set(minutesAfter(16));
    await service.say(phone, "menu");
    await service.say(phone, "2");
    const actions = await last(phone, "1");
    expect(actions).not.toContain("3 - Cancelar");
    expect(actions).toContain("fale com a recepção");
    expect(await last(phone, "3")).toContain("Para cancelar agora, fale com a recepção");
    expect(await statusOf(id)).toBe("booked");
  });

  it("sends a reminder inside the notice with only 'Confirmo', and refuses a 3", async () => {
    const phone = await newPatient("Vera Lins");
    // Tuesday 10:00: the 24 h reminder is due Monday 10:00, exactly when the notice closes.
    const id = await book(phone, "marcar amanhã às 10h");
    await service.say(phone, "menu");
    service.clock.set(minutesAfter(61));
    await service.tick();
    const history = await (await fetch(`${service.url}/simulator/chats/${encodeURIComponent(phone)}/messages`)).json() as { messages: { text: string }[] };
    const reminder = history.messages.at(-1)!.text;
    expect(reminder).toContain("Lembrete");
    expect(reminder).toContain("1 - Confirmo");
    expect(reminder).not.toContain("3 - Cancelar");
    expect(reminder).toContain("fale com a recepção");
    expect(await last(phone, "3")).toContain("fale com a recepção");
    expect(await statusOf(id)).toBe("booked");
  });

  it("refuses in the database a cancel the chat no longer offers", async () => {
    const phone = await newPatient("Sílvia Reis");
    const id = await book(phone, "marcar hoje às 17h");
    await service.say(phone, "menu");
    await service.say(phone, "2");
    await service.say(phone, "1");
    expect(await last(phone, "3")).toContain("Quer mesmo cancelar");
    // The patient answers after the grace period ran out: the database applies the same rule.
    service.clock.set(minutesAfter(20));
    expect(await last(phone, "1")).toContain("Para cancelar agora, fale com a recepção");
    expect(await statusOf(id)).toBe("booked");
  });
});
