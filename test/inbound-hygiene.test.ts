// Texts, names, file names and ids carrying what PostgreSQL's text refuses
// (NUL, lone UTF-16 surrogates) get a normal answer through the simulator.
// The Baileys and Cloud API channels have the same cases in their own files.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startTestService, texts, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let service: TestService;

beforeAll(async () => {
  testDb = await createTestDatabase("inbound_hygiene");
  service = await startTestService(testDb.db);
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

describe("inbound bytes PostgreSQL refuses", () => {
  it("answers a text with NUL and a lone surrogate, and keeps the id it was sent with usable", async () => {
    const answer = await service.post({ from: "+5511987653001", text: "oi\u0000 \ud83d", id: "sim-NUL\u0000-1" });
    expect(answer.duplicate).toBe(false);
    expect(texts(answer).join(" ")).toMatch(/consentimento|LGPD|responda \*1\*/i);
    const again = await service.post({ from: "+5511987653001", text: "oi\u0000 \ud83d", id: "sim-NUL\u0000-1" });
    expect(again).toMatchObject({ duplicate: true, messageId: answer.messageId });
    const row = await testDb.db.prisma.inboxMessage.findUniqueOrThrow({ where: { id: answer.messageId } });
    expect(row.providerMessageId).toBe("sim-NUL-1");
    expect(row.status).not.toBe("failed");
  });

  it("stores and answers a document whose file name carries NUL and a lone surrogate", async () => {
    await service.say("+5511987653002", "oi");
    await service.say("+5511987653002", "1");
    const answer = await service.post({
      from: "+5511987653002",
      document: { data: Buffer.from("%PDF-1.7").toString("base64"), mimetype: "application/pdf", filename: "exa\u0000me \udc00.pdf" },
    });
    expect(answer.replies.length).toBeGreaterThan(0);
    const row = await testDb.db.prisma.inboxMessage.findUniqueOrThrow({ where: { id: answer.messageId } });
    const media = await testDb.db.prisma.media.findUniqueOrThrow({ where: { id: row.mediaId! } });
    expect(media.filename).toBe("exame \ufffd.pdf");
  });

  it("takes a name typed with NUL as the patient's name, without it", async () => {
    const from = "+5511987653003";
    await service.say(from, "oi");
    await service.say(from, "1");
    const answer = await service.say(from, "Maria\u0000 da Silva");
    expect(answer.status).not.toBe("failed");
    const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone: from } });
    expect(patient.name).toBe("Maria da Silva");
  });
});
