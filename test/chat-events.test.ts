// What the clinic starts in a chat, through the engine on PostgreSQL or
// PGlite: each chat event against each kind of state the patient may be in
// (at the menu, in the middle of a booking, waiting on the thing the event is
// about), and the waitlist case that used to send a patient in the middle of
// a booking back to the menu.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConversationEngine } from "../src/bot/engine.js";
import { chatEvents } from "../src/chat-events/raise.js";
import type { AppointmentFacts, PatientChatEvent } from "../src/chat-events/types.js";
import { openState, sealState } from "../src/crypto/sealed-columns.js";
import type { PatientState } from "../src/flows/patient/state.js";
import { createLogger } from "../src/logger.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { chat, outgoing } from "./support/records.js";
import { startTestService, testConfig, texts, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

// Monday 2026-11-23, 09:00 in São Paulo.
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");

beforeAll(async () => {
  testDb = await createTestDatabase("chat_events");
  // A tight rate limit: events must never count against it.
  service = await startTestService(testDb.db, { config: testConfig({ CHAT_RATE_LIMIT_MESSAGES: "40" }) });
});

beforeEach(() => service?.clock.set(MONDAY_9AM));

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

let counter = 0;
async function newPatient(name = "Maria da Silva"): Promise<string> {
  counter += 1;
  const phone = `+55119${String(82000000 + counter)}`;
  await service.say(phone, "oi");
  await service.say(phone, "1");
  await service.say(phone, name);
  return phone;
}

const last = async (phone: string, text: string) => texts(await service.say(phone, text)).join("\n");

async function setState(phone: string, state: PatientState): Promise<void> {
  const conversation = await testDb.db.prisma.conversation.findFirstOrThrow({ where: { chatKey: phone } });
  await testDb.db.prisma.conversation.update({ where: { id: conversation.id }, data: { state: sealState(service.cipher, conversation.id, state) } });
}

async function stateOf(phone: string): Promise<PatientState> {
  const conversation = await testDb.db.prisma.conversation.findFirstOrThrow({ where: { chatKey: phone } });
  return openState(service.cipher, conversation.id, conversation.state) as PatientState;
}

/** Raises the event as domain code does, then lets the engine and the outbox run; returns what the patient read. */
async function raise(phone: string, event: PatientChatEvent, cause = `${event.type}:${phone}`): Promise<string[]> {
  const before = (await outgoing(service, phone)).length;
  await testDb.db.transaction((sql) => chatEvents(service.cipher).toPatient(sql, { clinicId: service.clinicId, chatKey: phone }, event, cause, service.clock.now()));
  await service.engine.retryDue();
  await service.outbox.flush();
  return (await outgoing(service, phone)).slice(before).map((m) => m.text ?? m.caption ?? "");
}

const appointment: AppointmentFacts = {
  appointmentId: "appt-1", startsAt: "2026-11-25T13:00:00.000Z", endsAt: "2026-11-25T13:30:00.000Z",
  professionalId: "pro-1", professionalName: "Dra. Ana Souza", procedureName: "Consulta",
};
const slot = { startsAt: "2026-11-24T17:00:00.000Z", endsAt: "2026-11-24T17:30:00.000Z", professionalId: "pro-1" };

const STATES: Record<string, PatientState> = {
  atTheMenu: { type: "menu" },
  choosingATime: { type: "choosingTime", procedureId: "proc-1", professionalId: null, date: "2026-11-24", options: [slot], slots: [slot] },
  waitingOnThePix: { type: "awaitingPayment", appointmentId: "appt-1", procedureId: "proc-1", deadline: "2026-11-23T12:30:00.000Z" },
  answeringTheOffer: { type: "answeringWaitlistOffer", entryId: "entry-1", appointmentId: "appt-1" },
};

const EVENTS: Record<string, PatientChatEvent> = {
  reminderDue: { type: "reminderDue", which: "24h", appointment },
  waitlistOfferOpened: { type: "waitlistOfferOpened", entryId: "entry-2", appointment, holdMinutes: 15 },
  waitlistOfferExpired: { type: "waitlistOfferExpired", entryId: "entry-1", appointmentId: "appt-1", passedOn: false, procedureId: "proc-1", professionalId: null },
  paymentApproved: { type: "paymentApproved", appointment, amountCents: 15000, late: false },
  paymentExpired: { type: "paymentExpired", appointment },
};

// state x event -> [the state the chat is left in, words the patient reads]
const TABLE: [keyof typeof STATES, keyof typeof EVENTS, PatientState["type"], string][] = [
  ["atTheMenu", "reminderDue", "answeringReminder", "1 - Confirmo"],
  ["choosingATime", "reminderDue", "choosingTime", "*confirmo presença*"],
  ["waitingOnThePix", "reminderDue", "awaitingPayment", "*confirmo presença*"],
  ["answeringTheOffer", "reminderDue", "answeringReminder", "1 - Confirmo"],
  ["atTheMenu", "waitlistOfferOpened", "answeringWaitlistOffer", "1 - Sim, quero"],
  ["choosingATime", "waitlistOfferOpened", "choosingTime", "*quero a vaga*"],
  ["answeringTheOffer", "waitlistOfferExpired", "offeredRebooking", "não foi confirmado a tempo e a reserva acabou"],
  ["choosingATime", "waitlistOfferExpired", "choosingTime", "não foi confirmado a tempo"],
  ["atTheMenu", "waitlistOfferExpired", "offeredRebooking", "não foi confirmado a tempo"],
  ["waitingOnThePix", "paymentApproved", "menu", "Pagamento recebido ✅ R$ 150,00"],
  ["choosingATime", "paymentApproved", "choosingTime", "Pagamento recebido"],
  ["waitingOnThePix", "paymentExpired", "menu", "O prazo para pagar o Pix acabou e o horário de quarta, 25/11 às 10:00 foi liberado"],
  ["choosingATime", "paymentExpired", "choosingTime", "O prazo para pagar o Pix acabou"],
];

describe("clinic-started events through the engine", () => {
  it.each(TABLE)("a patient %s hearing %s is left in %s and reads %j", async (stateName, eventName, expectedState, words) => {
    const phone = await newPatient();
    await setState(phone, STATES[stateName]!);
    const read = await raise(phone, EVENTS[eventName]!);
    expect(read).toHaveLength(1);
    expect(read[0]).toContain(words);
    expect((await stateOf(phone)).type).toBe(expectedState);
  });

  it("raises an event once per cause, however often the cause is seen", async () => {
    const phone = await newPatient();
    expect(await raise(phone, EVENTS.reminderDue!, "appt-1:24h")).toHaveLength(1);
    expect(await raise(phone, EVENTS.reminderDue!, "appt-1:24h")).toEqual([]);
    expect(await testDb.db.prisma.inboxMessage.count({ where: { chatKey: phone, kind: "event" } })).toBe(1);
  });

  it("keeps the chat's idle clock and any handoff: an event is not the patient writing", async () => {
    const phone = await newPatient();
    const conversation = await testDb.db.prisma.conversation.findFirstOrThrow({ where: { chatKey: phone } });
    const handoffUntil = new Date(MONDAY_9AM.getTime() + 3_600_000);
    await testDb.db.prisma.conversation.update({ where: { id: conversation.id }, data: { handoffUntil } });
    service.clock.set(new Date(MONDAY_9AM.getTime() + 5 * 60_000));
    expect(await raise(phone, EVENTS.reminderDue!)).toHaveLength(1);
    const after = await testDb.db.prisma.conversation.findFirstOrThrow({ where: { chatKey: phone } });
    expect(after.lastInboundAt).toEqual(conversation.lastInboundAt);
    expect(after.handoffUntil).toEqual(handoffUntil);
  });

  it("answers a chat over its rate limit, without counting the event against it", async () => {
    const phone = await newPatient();
    for (let i = 0; i < 40; i++) await service.say(phone, "oi");
    expect((await service.say(phone, "oi")).replies).toEqual([]);
    expect(await raise(phone, EVENTS.reminderDue!)).toHaveLength(1);
  });

  it("drops a reminder answered but not yet sent when the patient withdraws consent", async () => {
    const phone = await newPatient();
    expect(texts(await service.say(phone, "revogar consentimento"))[0]).toContain("deixo de tratar seus dados");
    // Handled by an engine whose outbox cannot send (WhatsApp down): the answer waits in the outbox.
    await testDb.db.transaction((sql) => chatEvents(service.cipher).toPatient(sql, { clinicId: service.clinicId, chatKey: phone }, EVENTS.reminderDue!, `withdraw:${phone}`, service.clock.now()));
    const offline = new ConversationEngine(testDb.db, service.clock, createLogger({ level: "silent", logPhi: false }), { cipher: service.cipher, maxAttempts: 3, idleMinutes: 30, handoffMinutes: 120 });
    await offline.retryDue();
    expect(await testDb.db.prisma.outboxMessage.count({ where: { chatKey: phone, status: "pending" } })).toBe(1);
    expect(texts(await service.say(phone, "1"))[0]).toContain("Consentimento revogado");
    await service.outbox.flush();
    expect((await outgoing(service, phone)).filter((m) => (m.text ?? "").includes("Lembrete"))).toEqual([]);
  });

  it("confirms the next appointment from the middle of a booking with 'confirmo presença'", async () => {
    const phone = await newPatient();
    await service.say(phone, "marcar amanhã às 15h");
    await service.say(phone, "1");
    expect(await last(phone, "1")).toContain("agendado");
    const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
    const booked = await testDb.db.prisma.appointment.findFirstOrThrow({ where: { patientId: patient.id } });
    await service.say(phone, "menu");
    expect(await last(phone, "1")).toContain("Qual atendimento");
    await raise(phone, { ...EVENTS.reminderDue!, appointment: { ...appointment, appointmentId: booked.id } } as PatientChatEvent);
    expect(await last(phone, "confirmo presença")).toContain("Presença confirmada");
    expect((await testDb.db.prisma.appointment.findUniqueOrThrow({ where: { id: booked.id } })).status).toBe("confirmed");
  });
});

describe("a waitlist offer that runs out while the patient books something else", () => {
  it("tells them, and their next '2' still picks the second day", async () => {
    const first = await newPatient("Ana Beatriz");
    await service.say(first, "quero marcar quarta às 10h");
    await service.say(first, "1");
    expect(await last(first, "1")).toContain("agendado");

    const waiting = await newPatient("Bruno Costa");
    await service.say(waiting, "1");
    await service.say(waiting, "1");
    expect(await last(waiting, "0")).toContain("Quais dias e horários servem");
    expect(await last(waiting, "qualquer horário")).toContain("Você está na lista de espera (qualquer dia, qualquer horário)");

    await service.say(first, "2");
    await service.say(first, "1");
    await service.say(first, "3");
    expect(await last(first, "1")).toContain("cancelada");
    await service.outbox.flush();
    expect((await chat(service, waiting)).at(-1)?.text).toContain("Abriu um horário");

    // Bruno ignores the offer and starts another booking; he is choosing a day when the offer runs out.
    service.clock.advance(13 * 60_000);
    await service.say(waiting, "menu");
    await service.say(waiting, "1");
    const days = await last(waiting, "1");
    expect(days).toContain("2 - terça, 24/11");
    service.clock.advance(3 * 60_000);
    await service.tick();
    expect((await chat(service, waiting)).at(-1)?.text).toContain("não foi confirmado a tempo");

    const times = await last(waiting, "2");
    expect(times).toContain("Horários livres em terça, 24/11");
    expect(times).not.toContain("Você não tem consultas marcadas");
  });
});

describe("a chat event that cannot be handled", () => {
  it("is kept as failed after its attempts, and the patient is not asked to try again", async () => {
    const phone = await newPatient();
    await testDb.db.transaction((sql) => chatEvents(service.cipher).toPatient(sql, { clinicId: service.clinicId, chatKey: phone }, EVENTS.reminderDue!, `fails:${phone}`, service.clock.now()));
    const failing = new ConversationEngine(testDb.db, service.clock, createLogger({ level: "silent", logPhi: false }), {
      cipher: service.cipher, maxAttempts: 1, idleMinutes: 30, handoffMinutes: 120,
      beforeCommit: () => { throw new Error("disk full"); },
    });
    const before = await testDb.db.prisma.outboxMessage.count({ where: { chatKey: phone } });
    await failing.retryDue();
    expect(await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { chatKey: phone, kind: "event" } })).toMatchObject({ status: "failed", lastError: "disk full" });
    expect(await testDb.db.prisma.outboxMessage.count({ where: { chatKey: phone } })).toBe(before);
  });
});
