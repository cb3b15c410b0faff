// The Baileys channel end to end with a fake socket: Baileys-shaped events
// in, recorded sendMessage calls out, everything else real (engine, inbox,
// outbox, admin API, PostgreSQL or PGlite).
import { DisconnectReason, proto } from "@whiskeysockets/baileys";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { BaileysManager } from "../src/bot/channels/baileys/manager.js";
import { botMessageId } from "../src/bot/channels/baileys/sender.js";
import { loadAuthState } from "../src/bot/channels/baileys/auth-store.js";
import { ManualClock } from "../src/clock.js";
import { createCipher, parseKey } from "../src/crypto/encryption.js";
import { saveMedia } from "../src/db/media.js";
import { createLogger } from "../src/logger.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { fakeSocketFactory, waMessage, type FakeSocket } from "./support/fake-baileys.js";
import { startTestService, testConfig, type TestService } from "./support/service.js";
import { TEST_ENCRYPTION_KEY, unsealed } from "./support/records.js";

// The service and the channel share one cipher, as service.ts builds them.
const cipher = createCipher(parseKey(TEST_ENCRYPTION_KEY));
const clock = new ManualClock(new Date("2026-11-23T12:00:00Z"));
const fake = fakeSocketFactory();
const delays: number[] = [];
const reconnects: (() => void)[] = [];
let testDb: TestDatabase;
let service: TestService;
let manager: BaileysManager;

const socket = (): FakeSocket => fake.sockets[fake.sockets.length - 1]!;
const session = () => manager.session(service.clinicId)!;
const settle = async () => {
  await session()?.idle();
  await service.outbox.flush();
};
const sessionRow = () => testDb.db.prisma.whatsAppSession.findUniqueOrThrow({ where: { clinicId: service.clinicId } });
const sentTexts = (s: FakeSocket, jid: string) => s.sent.filter((m) => m.jid === jid && "text" in m.content).map((m) => (m.content as { text: string }).text);

beforeAll(async () => {
  testDb = await createTestDatabase("baileys_channel");
  manager = new BaileysManager({
    db: testDb.db, clock, logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent", logPhi: false }), cipher, instanceId: "instance-a",
    sendRatePerMinute: 600, ignoreGroups: true, staffPauseMinutes: 60, socketFactory: fake.factory,
    onInbound: (clinicId, chatKey) => service.engine.drainChat(clinicId, chatKey),
    downloadMedia: async (_socket, message) => Buffer.from(`media-of-${message.key.id}`),
    sleep: async () => undefined,
    setTimer: (run, ms) => {
      delays.push(ms);
      reconnects.push(run);
      return undefined as unknown as NodeJS.Timeout;
    },
  });
  service = await startTestService(testDb.db, { clock, channel: manager, config: testConfig({ WHATSAPP_CHANNEL: "baileys" }) });
  await manager.tick();
  socket().open();
  await settle();
});

afterAll(async () => {
  await manager?.stop();
  await service?.stop();
  await testDb?.close();
});

describe("Baileys channel", () => {
  it("connects the clinic's session and shows it in the admin API", async () => {
    const status = await service.api("GET", `/api/v1/clinics/${service.clinicId}/whatsapp`);
    expect(status.body).toMatchObject({ channel: "baileys", status: "connected", phone: "+5511933330000", lastError: null, ownerInstanceId: "instance-a" });
  });

  it("holds a conversation from the first message to a delivered PDF", async () => {
    const jid = "5511987650001@s.whatsapp.net";
    socket().upsert([waMessage({ from: "+5511987650001", at: clock.now(), message: { conversation: "oi" } })]);
    await settle();
    const greeting = sentTexts(socket(), jid);
    expect(greeting.join(" ")).toMatch(/consentimento|LGPD|responda \*1\*/i);
    socket().upsert([waMessage({ from: "+5511987650001", at: clock.now(), message: { extendedTextMessage: { text: "1" } } })]);
    await settle();
    expect(sentTexts(socket(), jid).length).toBeGreaterThan(greeting.length);
    expect(socket().presence).toContain("composing");

    // The document flow is not wired yet: queue a PDF as the interpreter will.
    const pdf = Buffer.from("%PDF-1.7 receita");
    const mediaId = await saveMedia(testDb.db.sql, service.cipher, { clinicId: service.clinicId, data: pdf, mimetype: "application/pdf", filename: "receita.pdf" });
    const outboxId = randomUUID();
    await testDb.db.sql.query(
      `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", kind, "mediaId", mimetype, filename, caption, "nextAttemptAt", "createdAt")
       VALUES ($1, $2, '+5511987650001', 'document', $3, 'application/pdf', 'receita.pdf', 'Sua receita', $4, $4)`,
      [outboxId, service.clinicId, mediaId, clock.now()]);
    await service.outbox.flush();
    const sent = socket().sent.at(-1)!;
    expect(sent.jid).toBe(jid);
    expect(sent.content).toMatchObject({ mimetype: "application/pdf", fileName: "receita.pdf", caption: "Sua receita" });
    expect(Buffer.isBuffer((sent.content as { document: Buffer }).document)).toBe(true);
    expect((sent.content as { document: Buffer }).document.equals(pdf)).toBe(true);
    const providerId = botMessageId(outboxId);
    expect(sent.options?.messageId).toBe(providerId);
    let row = await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: outboxId } });
    expect(row).toMatchObject({ status: "sent", providerMessageId: providerId, deliveredAt: null });

    // Baileys echoes our own send as a fromMe upsert: that is not staff typing.
    socket().upsert([waMessage({ from: "+5511987650001", id: providerId, fromMe: true, at: clock.now(), message: { documentMessage: { fileName: "receita.pdf" } } })], "append");
    socket().receipt({ remoteJid: jid, fromMe: true, id: providerId }, proto.WebMessageInfo.Status.DELIVERY_ACK);
    await settle();
    row = await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: outboxId } });
    expect(row.status).toBe("delivered");
    expect(row.deliveredAt?.toISOString()).toBe(clock.now().toISOString());
    socket().receipt({ remoteJid: jid, fromMe: true, id: providerId }, proto.WebMessageInfo.Status.READ);
    await settle();
    row = await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: outboxId } });
    expect(row).toMatchObject({ status: "read" });
    expect(row.readAt).not.toBeNull();
    const conversation = await testDb.db.prisma.conversation.findFirstOrThrow({ where: { clinicId: service.clinicId, chatKey: "+5511987650001" } });
    expect(conversation.handoffUntil).toBeNull();
  });

  it("answers a text, contact name, file name and id carrying NUL and lone surrogates (which PostgreSQL refuses)", async () => {
    const jid = "5511987650077@s.whatsapp.net";
    const text = waMessage({ from: "+5511987650077", id: "3ANUL\u0000TEXT", at: clock.now(), message: { conversation: "oi\u0000 \ud83d" } });
    text.pushName = "Ma\u0000ria \udc00";
    socket().upsert([text]);
    await settle();
    expect(sentTexts(socket(), jid).length).toBeGreaterThan(0);
    const stored = await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { providerMessageId: "3ANULTEXT" } });
    expect(stored.status).not.toBe("failed");
    const before = sentTexts(socket(), jid).length;
    socket().upsert([waMessage({ from: "+5511987650077", id: "3ANUL\u0000DOC", at: clock.now(),
      message: { documentMessage: { mimetype: "application/pdf", fileName: "exa\u0000me \ud800.pdf" } } })]);
    await settle();
    const doc = await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { providerMessageId: "3ANULDOC" } });
    const media = await testDb.db.prisma.media.findUniqueOrThrow({ where: { id: doc.mediaId! } });
    expect(media.filename).toBe("exame \ufffd.pdf");
    expect(sentTexts(socket(), jid).length).toBeGreaterThan(before);
  });

  it("handles a duplicate append after a reconnect once", async () => {
    const first = waMessage({ from: "+5511987650002", id: "3AREPLAYED0001", at: clock.now(), message: { conversation: "oi" } });
    socket().upsert([first]);
    await settle();
    const answered = sentTexts(socket(), "5511987650002@s.whatsapp.net").length;
    expect(answered).toBeGreaterThan(0);

    const before = socket();
    before.close(DisconnectReason.connectionClosed);
    await session().idle();
    expect((await sessionRow()).status).toBe("connecting");
    reconnects.pop()!();
    await vi.waitFor(() => expect(fake.sockets.at(-1)).not.toBe(before));
    socket().open();
    await settle();
    expect((await sessionRow()).status).toBe("connected");

    socket().upsert([waMessage({ from: "+5511987650002", id: "3AREPLAYED0001", at: clock.now(), message: { conversation: "oi" } })], "append");
    await settle();
    const inbox = await testDb.db.prisma.inboxMessage.count({ where: { clinicId: service.clinicId, providerMessageId: "3AREPLAYED0001" } });
    expect(inbox).toBe(1);
    expect(sentTexts(socket(), "5511987650002@s.whatsapp.net")).toEqual([]);
  });

  it("resolves a LID and a phone number to one patient", async () => {
    const phone = "+5511987650003";
    const lid = "207000000000003@lid";
    socket().upsert([waMessage({ from: phone, lid, lidFirst: true, at: clock.now(), message: { conversation: "oi" } })]);
    await settle();
    socket().upsert([waMessage({ from: phone, lid, lidFirst: true, at: clock.now(), message: { conversation: "1" } })]);
    await settle();
    const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { clinicId: service.clinicId, phone } });
    expect(patient.whatsappLid).toBe(lid);

    // Later the same person writes with only the LID on the message.
    socket().upsert([waMessage({ lid, id: "3ALIDONLY0001", at: clock.now(), message: { conversation: "Maria Lid" } })]);
    await settle();
    const byLid = await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { providerMessageId: "3ALIDONLY0001" } });
    expect(byLid).toMatchObject({ chatKey: phone, senderPhone: phone, senderLid: lid });
    expect(await testDb.db.prisma.patient.count({ where: { clinicId: service.clinicId, OR: [{ phone }, { whatsappLid: lid }] } })).toBe(1);
    expect((await testDb.db.prisma.patient.findFirstOrThrow({ where: { id: patient.id } })).name).toBe("Maria Lid");

    // A LID Baileys has mapped (lid-mapping store) resolves before any patient exists.
    const auth = await loadAuthState(testDb.db, service.clinicId, cipher);
    await auth.keys.set({ "lid-mapping": { "5511987650004": "207000000000004", "207000000000004_reverse": "5511987650004" } });
    socket().upsert([waMessage({ lid: "207000000000004@lid", id: "3ALIDMAPPED01", at: clock.now(), message: { conversation: "oi" } })]);
    await settle();
    expect(await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { providerMessageId: "3ALIDMAPPED01" } }))
      .toMatchObject({ chatKey: "+5511987650004", senderLid: "207000000000004@lid" });
    expect(sentTexts(socket(), "5511987650004@s.whatsapp.net").length).toBeGreaterThan(0);
  });

  it("pauses the bot in a chat where staff typed from the clinic's phone", async () => {
    const phone = "+5511987650005";
    const jid = "5511987650005@s.whatsapp.net";
    socket().upsert([waMessage({ from: phone, at: clock.now(), message: { conversation: "oi" } })]);
    await settle();
    const before = sentTexts(socket(), jid).length;
    socket().upsert([waMessage({ from: phone, fromMe: true, id: "3ASTAFF000001", at: clock.now(), message: { conversation: "Olá, aqui é a Ana da recepção" } })]);
    await settle();
    const conversation = await testDb.db.prisma.conversation.findFirstOrThrow({ where: { clinicId: service.clinicId, chatKey: phone } });
    expect(conversation.handoffUntil?.toISOString()).toBe(new Date(clock.now().getTime() + 60 * 60_000).toISOString());
    socket().upsert([waMessage({ from: phone, at: clock.now(), message: { conversation: "1" } })]);
    await settle();
    expect(sentTexts(socket(), jid).length).toBe(before);
    expect(await testDb.db.prisma.inboxMessage.count({ where: { clinicId: service.clinicId, chatKey: phone, providerMessageId: "3ASTAFF000001" } })).toBe(0);
  });

  it("ignores status broadcasts and groups, and stores a voice note for dictation", async () => {
    const status = proto.WebMessageInfo.fromObject({ key: { remoteJid: "status@broadcast", id: "3ASTATUS", participant: "5511987650006@s.whatsapp.net" }, message: { conversation: "story" } });
    const group = proto.WebMessageInfo.fromObject({ key: { remoteJid: "120363000000@g.us", id: "3AGROUP", participant: "5511987650006@s.whatsapp.net" }, message: { conversation: "grupo" } });
    socket().upsert([status as never, group as never]);
    socket().upsert([waMessage({ from: "+5511987650006", id: "3AVOICE0001", at: clock.now(), message: { audioMessage: { mimetype: "audio/ogg; codecs=opus", ptt: true, seconds: 7 } } })]);
    await settle();
    expect(await testDb.db.prisma.inboxMessage.count({ where: { providerMessageId: { in: ["3ASTATUS", "3AGROUP"] } } })).toBe(0);
    const voice = await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { providerMessageId: "3AVOICE0001" } });
    expect(voice.kind).toBe("audio");
    const media = await testDb.db.prisma.media.findUniqueOrThrow({ where: { id: voice.mediaId! } });
    expect(unsealed.media(media).toString()).toBe("media-of-3AVOICE0001");
    expect(media.mimetype).toContain("audio/ogg");
  });

  it("shows the QR as text and PNG, and hands out a pairing code through the owner", async () => {
    socket().ev.emit("connection.update", { qr: "2@ZELOTESTQR,abc,def,ghi" });
    await settle();
    const shown = await service.api("GET", `/api/v1/clinics/${service.clinicId}/whatsapp`);
    expect(shown.body).toMatchObject({ status: "qr", qr: "2@ZELOTESTQR,abc,def,ghi" });
    expect(shown.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const asked = service.api("POST", `/api/v1/clinics/${service.clinicId}/whatsapp/pairing-code`, { phone: "+55 11 93333-0000" });
    await vi.waitFor(async () => expect((await sessionRow()).pairingPhone).toBe("+5511933330000"));
    await manager.tick();
    const answer = await asked;
    expect(answer.status).toBe(200);
    expect(answer.body.pairingCode).toBe("ZELO1234");
    expect(socket().pairingRequests).toEqual(["5511933330000"]);
  });

  it("backs off after a failed connection and shows the last error", async () => {
    delays.length = 0;
    socket().close(undefined, "getaddrinfo ENOTFOUND web.whatsapp.com");
    await session().idle();
    const row = await sessionRow();
    expect(row.status).toBe("connecting");
    expect(row.lastError).toContain("ENOTFOUND");
    expect(delays[0]).toBeGreaterThanOrEqual(1600);
    expect(delays[0]).toBeLessThanOrEqual(2400);
    const count = fake.sockets.length;
    reconnects.pop()!();
    await vi.waitFor(() => expect(session().socket && session().socket === fake.sockets[count]).toBe(true));
    const current = session();
    socket().close(undefined, "getaddrinfo ENOTFOUND web.whatsapp.com");
    await current.idle();
    expect(delays[1]).toBeGreaterThanOrEqual(3200);
  });

  it("stops on loggedOut, forgets the keys and waits for a new pairing", async () => {
    const count = fake.sockets.length;
    reconnects.pop()!();
    await vi.waitFor(() => expect(session().socket && session().socket === fake.sockets[count]).toBe(true));
    socket().open();
    await settle();
    const sockets = fake.sockets.length;
    const current = session();
    socket().close(DisconnectReason.loggedOut, "Intentional Logout");
    await current.idle();
    const row = await sessionRow();
    expect(row).toMatchObject({ status: "logged_out", enabled: false, phone: null });
    expect(await testDb.db.prisma.whatsAppAuthKey.count({ where: { clinicId: service.clinicId } })).toBe(0);
    await manager.tick();
    expect(fake.sockets.length).toBe(sockets);
    expect(manager.session(service.clinicId)).toBeUndefined();
    const shown = await service.api("GET", `/api/v1/clinics/${service.clinicId}/whatsapp`);
    expect(shown.body.status).toBe("logged_out");
  });
});
