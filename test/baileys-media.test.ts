// Baileys inbound media through the product's own download path: no
// downloadMedia stand-in, so session.ts calls Baileys' real
// downloadMediaMessage, which fetches the file from a local HTTP server and
// decrypts it. The server holds files encrypted here with node:crypto after
// WhatsApp's media scheme, independently of Baileys' helpers: HKDF-SHA256 of
// the 32-byte mediaKey with "WhatsApp <Type> Keys" expanded to 112 bytes (iv
// 0-16, cipherKey 16-48, macKey 48-80), AES-256-CBC, then the first 10 bytes
// of HMAC-SHA256(macKey, iv + ciphertext) appended.
//
// The messages carry `url` and no `directPath`: given a directPath, Baileys
// builds https://<host><directPath>, which a plain-HTTP server on 127.0.0.1
// cannot answer; without one it fetches `url` as it is, through the same
// download and decryption code.
import { createCipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BaileysManager } from "../src/bot/channels/baileys/manager.js";
import { ManualClock } from "../src/clock.js";
import { openColumn } from "../src/crypto/sealed-columns.js";
import { createLogger } from "../src/logger.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { fakeSocketFactory, waMessage, type FakeSocket } from "./support/fake-baileys.js";
import { testCipher, unsealed } from "./support/records.js";
import { startTestService, testConfig, type TestService } from "./support/service.js";

// The first bytes of an Ogg/Opus voice note and of a JFIF JPEG, padded to a few blocks.
const OGG = Buffer.concat([Buffer.from("OggS\x00\x02", "latin1"), Buffer.alloc(10), Buffer.from("OpusHead\x01\x01", "latin1"), randomBytes(200)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from("JFIF\x00", "latin1"), randomBytes(300), Buffer.from([0xff, 0xd9])]);

function encryptForWhatsApp(plain: Buffer, type: "Audio" | "Image") {
  const mediaKey = randomBytes(32);
  const expanded = Buffer.from(hkdfSync("sha256", mediaKey, Buffer.alloc(0), `WhatsApp ${type} Keys`, 112));
  const iv = expanded.subarray(0, 16);
  const cipherKey = expanded.subarray(16, 48);
  const macKey = expanded.subarray(48, 80);
  const aes = createCipheriv("aes-256-cbc", cipherKey, iv);
  const encrypted = Buffer.concat([aes.update(plain), aes.final()]);
  const mac = createHmac("sha256", macKey).update(iv).update(encrypted).digest().subarray(0, 10);
  const file = Buffer.concat([encrypted, mac]);
  const sha256 = (data: Buffer) => createHash("sha256").update(data).digest();
  return { file, mediaKey, fileSha256: sha256(plain), fileEncSha256: sha256(file), fileLength: plain.length };
}

const files = new Map<string, Buffer>();
const requests: string[] = [];
let media: Server;
let mediaUrl: string;
let testDb: TestDatabase;
let service: TestService;
let manager: BaileysManager;
const clock = new ManualClock(new Date("2026-11-23T12:00:00Z"));
const fake = fakeSocketFactory();
const socket = (): FakeSocket => fake.sockets[fake.sockets.length - 1]!;

beforeAll(async () => {
  media = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    requests.push(`${req.method} ${path} ${req.headers.origin ?? ""}`);
    const file = files.get(path);
    if (!file) return void res.writeHead(410).end();
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.length }).end(file);
  });
  await new Promise<void>((resolve) => media.listen(0, "127.0.0.1", resolve));
  mediaUrl = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
  testDb = await createTestDatabase("baileys_media");
  manager = new BaileysManager({
    db: testDb.db, clock, logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? "silent", logPhi: false }),
    cipher: testCipher, instanceId: "media-instance", sendRatePerMinute: 600, ignoreGroups: true,
    staffPauseMinutes: 60, socketFactory: fake.factory, sleep: async () => undefined,
    onInbound: (clinicId, chatKey) => service.engine.drainChat(clinicId, chatKey),
  });
  service = await startTestService(testDb.db, { clock, channel: manager, config: testConfig({ WHATSAPP_CHANNEL: "baileys" }) });
  await manager.tick();
  socket().open();
  await manager.session(service.clinicId)!.idle();
});

afterAll(async () => {
  await manager?.stop();
  await service?.stop();
  await testDb?.close();
  await new Promise((resolve) => media?.close(resolve));
});

async function receive(message: Parameters<typeof waMessage>[0]) {
  socket().upsert([waMessage({ at: clock.now(), ...message })]);
  await manager.session(service.clinicId)!.idle();
  return testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { providerMessageId: message.id! } });
}

async function storedBytes(mediaId: string | null): Promise<Buffer> {
  const row = await testDb.db.prisma.media.findUniqueOrThrow({ where: { id: mediaId! } });
  return unsealed.media(row);
}

describe("Baileys inbound media downloaded by Baileys itself", () => {
  it("stores a WhatsApp-encrypted voice note decrypted, byte for byte", async () => {
    const enc = encryptForWhatsApp(OGG, "Audio");
    files.set("/v/t62.7117-24/voice-1.enc", enc.file);
    const inbox = await receive({
      from: "+5511973000001", id: "3AMEDIAVOICE01",
      message: { audioMessage: {
        url: `${mediaUrl}/v/t62.7117-24/voice-1.enc?ccb=11-4&oh=01&oe=6800&_nc_sid=5e03e0&mms3=true`,
        mimetype: "audio/ogg; codecs=opus", ptt: true, seconds: 4, mediaKey: enc.mediaKey,
        fileSha256: enc.fileSha256, fileEncSha256: enc.fileEncSha256, fileLength: enc.fileLength,
      } },
    });
    expect(inbox.kind).toBe("audio");
    expect((await storedBytes(inbox.mediaId)).equals(OGG)).toBe(true);
    // Baileys fetched it as WhatsApp Web does (with its Origin header).
    expect(requests).toContain("GET /v/t62.7117-24/voice-1.enc https://web.whatsapp.com");
  });

  it("stores an image with its caption", async () => {
    const enc = encryptForWhatsApp(JPEG, "Image");
    files.set("/v/t62.7118-24/photo-1.enc", enc.file);
    const inbox = await receive({
      from: "+5511973000002", id: "3AMEDIAIMAGE01",
      message: { imageMessage: {
        url: `${mediaUrl}/v/t62.7118-24/photo-1.enc?ccb=11-4`, mimetype: "image/jpeg", caption: "pedido de exame",
        mediaKey: enc.mediaKey, fileSha256: enc.fileSha256, fileEncSha256: enc.fileEncSha256, fileLength: enc.fileLength,
      } },
    });
    expect(inbox.kind).toBe("image");
    expect(unsealed.inText(inbox)).toBe("pedido de exame");
    expect((await storedBytes(inbox.mediaId)).equals(JPEG)).toBe(true);
  });

  it("keeps the message, marked media unavailable, when the file is gone from WhatsApp's servers", async () => {
    const enc = encryptForWhatsApp(OGG, "Audio");
    const before = requests.length;
    const inbox = await receive({
      from: "+5511973000003", id: "3AMEDIAGONE001",
      message: { audioMessage: {
        url: `${mediaUrl}/v/t62.7117-24/expired.enc?ccb=11-4`, mimetype: "audio/ogg; codecs=opus", ptt: true,
        mediaKey: enc.mediaKey, fileSha256: enc.fileSha256, fileEncSha256: enc.fileEncSha256, fileLength: enc.fileLength,
      } },
    });
    expect(inbox.mediaId).toBeNull();
    const payload = JSON.parse(openColumn(testCipher, "InboxMessage.payload", inbox.id, inbox.payload) ?? "{}");
    expect(payload).toMatchObject({ mediaUnavailable: true, voiceNote: true });
    expect(requests.slice(before).filter((r) => r.includes("/expired.enc")).length).toBeGreaterThanOrEqual(3);
  });
});
