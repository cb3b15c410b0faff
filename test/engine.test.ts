// The spine, against a real database (PostgreSQL or PGlite, see test/support/db.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { PATIENT, startTestService, texts, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

beforeAll(async () => {
  testDb = await createTestDatabase("engine");
  service = await startTestService(testDb.db);
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

const phone = (n: number) => `+55119${String(70000000 + n).padStart(8, "0")}`;

async function onboard(from: string, name = "Maria da Silva"): Promise<void> {
  await service.say(from, "oi");
  await service.say(from, "1");
  await service.say(from, name);
}

describe("conversation engine", () => {
  it("handles a duplicate delivery once", async () => {
    const from = phone(1);
    const first = await service.say(from, "oi", "wamid.DUPLICATE-1");
    const second = await service.say(from, "oi", "wamid.DUPLICATE-1");
    expect(first.duplicate).toBe(false);
    expect(first.replies.length).toBeGreaterThan(0);
    expect(second).toMatchObject({ duplicate: true, replies: [], messageId: first.messageId });
    const inbox = await testDb.db.prisma.inboxMessage.count({ where: { chatKey: from } });
    const outbox = await testDb.db.prisma.outboxMessage.count({ where: { chatKey: from } });
    expect(inbox).toBe(1);
    expect(outbox).toBe(first.replies.length);
  });

  it("answers messages of one chat sent at once in the order they arrived", async () => {
    const from = phone(2);
    await onboard(from);
    // Ten messages in flight together: each must be answered in turn, and the
    // chat's history must alternate question / answer in arrival order.
    const sent = ["5", "menu", "ajuda", "5", "cancelar", "2", "3", "5", "menu", "ajuda"];
    await Promise.all(sent.map((text, i) => service.say(from, text, `order-${i}`)));
    const inbound = await testDb.db.prisma.inboxMessage.findMany({ where: { chatKey: from }, orderBy: { seq: "asc" } });
    const handledOrder = [...inbound].sort((a, b) => a.handledAt!.getTime() - b.handledAt!.getTime() || Number(a.seq - b.seq));
    expect(handledOrder.map((m) => m.id)).toEqual(inbound.map((m) => m.id));
    // The replies to each message were written before any reply to the next one.
    const outbox = await testDb.db.prisma.outboxMessage.findMany({ where: { chatKey: from }, orderBy: { seq: "asc" } });
    const answeredInOrder = outbox.map((reply) => inbound.findIndex((m) => m.id === reply.inboxMessageId));
    expect(answeredInOrder).toEqual([...answeredInOrder].sort((a, b) => a - b));
    expect(new Set(answeredInOrder).size).toBe(inbound.length);
  });

  it("does not store a name before consent is given", async () => {
    const from = phone(3);
    await service.say(from, "oi");
    const answer = await service.say(from, "João Pereira");
    expect(texts(answer).join(" ")).toContain("responda *1*");
    expect(await testDb.db.prisma.patient.findFirst({ where: { phone: from } })).toBeNull();
    await service.say(from, "2");
    expect(await testDb.db.prisma.patient.findFirst({ where: { phone: from } })).toBeNull();
    const retry = await service.say(from, "João Pereira");
    expect(texts(retry).join(" ")).toContain("consentimento");
    expect(await testDb.db.prisma.patient.count({ where: { phone: from } })).toBe(0);
  });

  it("records consent with its time and text version before asking the name", async () => {
    const from = phone(4);
    await service.say(from, "oi");
    await service.say(from, "sim");
    const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone: from }, include: { consents: true } });
    expect(patient.name).toBeNull();
    expect(patient.consentGrantedAt?.toISOString()).toBe(service.clock.now().toISOString());
    expect(patient.consents).toEqual([expect.objectContaining({ granted: true, textVersion: "2026-11-v2", channel: "whatsapp" })]);
    await service.say(from, "joão pereira");
    expect((await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone: from } })).name).toBe("João Pereira");
  });

  it("keeps the bot silent while a person handles the chat, until the admin releases it", async () => {
    const from = phone(5);
    await onboard(from);
    expect(texts(await service.say(from, "atendente")).join(" ")).toContain("recepção");
    // The bot keeps helping until the patient asks it to wait for a person.
    expect(texts(await service.say(from, "aguardar")).join(" ")).toContain("silêncio");
    expect((await service.say(from, "oi, alguém aí?")).replies).toEqual([]);
    const list = await service.api("GET", `/api/v1/clinics/${service.clinicId}/conversations`);
    expect(list.body.conversations.map((c: { chat: string }) => c.chat)).toContain(from);
    const released = await service.api("POST", `/api/v1/clinics/${service.clinicId}/conversations/${encodeURIComponent(from)}/release`);
    expect(released.status).toBe(200);
    expect(texts(await service.say(from, "menu"))[0]).toContain("Como posso ajudar");
  });

  it("ends the handoff by itself when its time passes", async () => {
    const from = phone(6);
    await onboard(from);
    await service.say(from, "4");
    await service.say(from, "aguardar");
    expect((await service.say(from, "menu")).replies).toEqual([]);
    service.clock.advance(121 * 60_000);
    expect(texts(await service.say(from, "menu"))[0]).toContain("Como posso ajudar");
  });

  it("starts again at the menu after 30 idle minutes, saying so", async () => {
    const from = phone(7);
    await onboard(from);
    await service.say(from, "5");
    service.clock.advance(31 * 60_000);
    const answer = texts(await service.say(from, "1"));
    expect(answer[0]).toContain("voltei ao início");
    expect(answer[1]).toContain("Como posso ajudar");
  });

  it("routes a registered professional's phone to the doctor flow", async () => {
    const answer = texts(await service.say("+5511900000001", "oi"));
    expect(answer[0]).toContain("Dra. Ana Souza");
    expect(await testDb.db.prisma.patient.count({ where: { phone: "+5511900000001" } })).toBe(0);
  });

  it("acknowledges media it does not expect instead of failing", async () => {
    const from = phone(8);
    await onboard(from);
    const answer = await service.post({ from, image: { data: Buffer.from("fake-png").toString("base64"), mimetype: "image/png" } });
    expect(answer.status).toBe("handled");
    expect(texts(answer)[0]).toContain("Recebi sua imagem");
    const media = await fetch(`${service.url}/simulator/media/${(await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { id: answer.messageId } })).mediaId}`);
    expect(media.headers.get("content-type")).toContain("image/png");
    expect(Buffer.from(await media.arrayBuffer()).toString()).toBe("fake-png");
  });

  it("answers bad simulator input with a JSON error naming the field", async () => {
    const res = await fetch(`${service.url}/simulator/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: "abc", text: "oi" }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "validation_failed", field: "from" } });
    const both = await fetch(`${service.url}/simulator/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from: PATIENT }),
    });
    expect(both.status).toBe(400);
  });
});
