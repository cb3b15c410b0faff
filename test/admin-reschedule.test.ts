// The reception moves an appointment through the admin API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, texts, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;
let base: string;
let doctorId: string;
let patientId: string;
const phone = "+5511955580000";

beforeAll(async () => {
  testDb = await createTestDatabase("admin-reschedule");
  service = await startTestService(testDb.db);
  service.clock.set(new Date("2026-11-23T12:00:00Z"));
  base = `/api/v1/clinics/${service.clinicId}`;
  doctorId = (await testDb.db.prisma.professional.findFirstOrThrow()).id;
  await service.say(phone, "oi");
  await service.say(phone, "1");
  await service.say(phone, "Rita Lee");
  patientId = (await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } })).id;
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

describe("rescheduling from the admin API", () => {
  it("moves the appointment, frees the old time, tells the patient, and refuses a taken time", async () => {
    const procedure = (await service.api("GET", `${base}/procedures`)).body.procedures[0];
    const book = (startsAt: string) => service.api("POST", `${base}/appointments`, { patientId, procedureId: procedure.id, professionalId: doctorId, startsAt });
    const first = await book("2026-11-30T13:00:00Z");
    const other = await book("2026-12-01T13:00:00Z");
    const moved = await service.api("POST", `${base}/appointments/${first.body.id}/reschedule`, { startsAt: "2026-12-02T10:00:00-03:00" });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({ startsAt: "2026-12-02T13:00:00.000Z", status: "booked", professionalId: doctorId });
    const old = await testDb.db.prisma.appointment.findUniqueOrThrow({ where: { id: first.body.id } });
    expect(old).toMatchObject({ status: "cancelled", cancelReason: "rescheduled" });
    await service.outbox.flush();
    const chat = await (await fetch(`${service.url}/simulator/chats/${encodeURIComponent(phone)}/messages`)).json() as { messages: { text: string }[] };
    expect(chat.messages.at(-1)!.text).toContain("quarta, 02/12 às 10:00");
    const taken = await service.api("POST", `${base}/appointments/${moved.body.id}/reschedule`, { startsAt: "2026-12-01T13:00:00Z" });
    expect(taken.status).toBe(409);
    expect((await testDb.db.prisma.appointment.findUniqueOrThrow({ where: { id: moved.body.id } })).status).toBe("booked");
    expect(other.status).toBe(201);
    expect((await service.api("POST", `${base}/appointments/${first.body.id}/reschedule`, { startsAt: "2026-12-03T13:00:00Z" })).status).toBe(404);
    // The agenda shows who confirmed: the patient answers "1" to the appointment's menu.
    await service.say(phone, "menu");
    await service.say(phone, "2");
    await service.say(phone, "1");
    expect(texts(await service.say(phone, "1")).join("\n")).toContain("Presença confirmada");
    const agenda = await service.api("GET", `${base}/appointments?from=2026-11-30&to=2026-12-05`);
    const confirmed = agenda.body.appointments.find((a: { status: string }) => a.status === "confirmed");
    expect(confirmed).toMatchObject({ confirmedBy: "patient" });
    expect(confirmed.confirmedAt).not.toBeNull();
  });
});
