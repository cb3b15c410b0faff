// The Cloud API for a real clinic, against the Graph double that enforces
// Meta's 24-hour window and answers Meta's error shapes: Brazilian numbers
// with and without the ninth digit, throttling, the window, failed statuses,
// per-clinic settings through the admin API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLINIC_SLUG } from "../src/seed-demo.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { cloudWebhook } from "./support/cloud-webhook.js";
import { startGraphDouble, type GraphDouble } from "./support/graph-double.js";
import { startTestService, testConfig, type TestService } from "./support/service.js";

const APP_SECRET = "window-app-secret";
const TOKEN = "window-access-token";
const PNID = "209876543210";
let graph: GraphDouble;
let testDb: TestDatabase;
let service: TestService;

beforeAll(async () => {
  testDb = await createTestDatabase("cloud_api_window");
  let now = () => new Date();
  graph = await startGraphDouble({ token: TOKEN, phoneNumberId: PNID, now: () => now(), templates: { zelo_nova_mensagem: 0, zelo_lembrete_consulta: 3 } });
  service = await startTestService(testDb.db, {
    config: testConfig({
      WHATSAPP_CHANNEL: "cloud", WHATSAPP_CLOUD_BASE_URL: graph.baseUrl("svc"), WHATSAPP_CLOUD_ACCESS_TOKEN: TOKEN,
      WHATSAPP_CLOUD_APP_SECRET: APP_SECRET, WHATSAPP_CLOUD_VERIFY_TOKEN: "verify-me-please", WHATSAPP_CLOUD_PHONE_NUMBERS: `${PNID}:${DEMO_CLINIC_SLUG}`,
    }),
  });
  now = () => service.clock.now();
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
  await graph?.close();
});

const { change, webhook, patientSays } = cloudWebhook(() => service, () => graph, { appSecret: APP_SECRET, phoneNumberId: PNID });

const rowsOf = (chatKey: string) => testDb.db.prisma.outboxMessage.findMany({ where: { chatKey }, orderBy: { seq: "asc" } });

async function queueText(chatKey: string, text = "Sua receita está pronta."): Promise<string> {
  const id = crypto.randomUUID();
  await testDb.db.sql.query(
    `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", kind, text, "nextAttemptAt", "createdAt") VALUES ($1, $2, $3, 'text', $4, $5, $5)`,
    [id, service.clinicId, chatKey, text, service.clock.now()]);
  return id;
}

describe("Cloud API: Brazilian numbers", () => {
  it("takes wa_id 551187654321 and 5511987654321 as one patient, and answers the wa_id Meta used", async () => {
    expect(await patientSays("551187654321", "oi")).toBe(200);
    await service.outbox.flush();
    expect(await patientSays("5511987654321", "oi")).toBe(200);
    await service.outbox.flush();
    expect(await testDb.db.prisma.conversation.count({ where: { chatKey: { in: ["+551187654321", "+5511987654321"] } } })).toBe(1);
    expect(await testDb.db.prisma.inboxMessage.count({ where: { chatKey: "+5511987654321" } })).toBe(2);
    const tos = graph.sends.map((s) => s.to);
    expect(tos).toContain("551187654321");
    expect(tos.at(-1)).toBe("5511987654321");
  });

  it("finds a patient stored without the ninth digit when Meta sends it with the digit", async () => {
    await testDb.db.prisma.patient.create({ data: { clinicId: service.clinicId, phone: "+552176543210", name: "Bia" } });
    await patientSays("5521976543210", "oi");
    expect(await testDb.db.prisma.inboxMessage.count({ where: { chatKey: "+552176543210" } })).toBe(1);
    expect(await testDb.db.prisma.patient.count({ where: { phone: { in: ["+552176543210", "+5521976543210"] } } })).toBe(1);
  });
});

describe("Cloud API: throughput, errors and the 24-hour window", () => {
  it("retries a 130429 with backoff and delivers the message once", async () => {
    await patientSays("5511911110001", "oi");
    await service.outbox.flush();
    const id = await queueText("+5511911110001");
    graph.failNext(130429);
    await service.outbox.flush();
    const throttled = await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(throttled.status).toBe("pending");
    expect(throttled.lastError).toContain("130429");
    service.clock.advance(5_000);
    await service.outbox.flush();
    expect((await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("sent");
    expect(graph.sends.filter((s) => s.row === id)).toHaveLength(1);
  });

  it("fails an undeliverable number (131026) at once with the reason, without retrying", async () => {
    await patientSays("5511911110002", "oi");
    await service.outbox.flush();
    const id = await queueText("+5511911110002");
    graph.failNext(131026);
    await service.outbox.flush();
    const row = await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("failed");
    expect(row.lastError).toContain("undeliverable (131026)");
    const view = await service.api("GET", `/api/v1/clinics/${service.clinicId}/whatsapp/cloud/chats/5511911110002/messages`);
    expect(view.body.messages[0]).toMatchObject({ id, status: "failed", reason: expect.stringContaining("131026") });
  });

  it("answers a 131047 with the generic template, holds the message, and sends it when the patient taps the button", async () => {
    await patientSays("5511911110003", "oi");
    await service.outbox.flush();
    service.clock.advance(25 * 3600_000);
    const id = await queueText("+5511911110003", "Seu documento ficou pronto.");
    // The service thinks the window is closed too; make Meta the one that says so by pretending the patient wrote recently here.
    await testDb.db.sql.query(`UPDATE "WhatsAppCloudContact" SET "lastInboundAt" = $1 WHERE "chatKey" = '+5511911110003'`, [service.clock.now()]);
    const before = graph.bodies.length;
    await service.outbox.flush();
    const sent = graph.bodies.slice(before);
    expect(sent.map((b) => b.type)).toEqual(["text", "template"]);
    expect(sent[1]).toMatchObject({ to: "5511911110003", template: { name: "zelo_nova_mensagem", language: { code: "pt_BR" } } });
    const held = await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(held.status).toBe("held");
    // "Ver mensagem": the window opens, the held message goes, and nothing reaches the flow.
    const inboxBefore = await testDb.db.prisma.inboxMessage.count();
    graph.patientWrote("5511911110003", service.clock.now());
    await webhook(change({ messages: [{ from: "5511911110003", id: "wamid.TAP1", type: "button", button: { text: "Ver mensagem", payload: "zelo_ver_mensagem" } }] }));
    await service.outbox.flush();
    expect(await testDb.db.prisma.inboxMessage.count()).toBe(inboxBefore);
    const after = await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(after.status).toBe("sent");
    expect(graph.bodies.at(-1)).toMatchObject({ type: "text", text: { body: "Seu documento ficou pronto." } });
  });

  it("turns a later 131047 status into the template, and records other failed statuses on the row", async () => {
    await patientSays("5511911110004", "oi");
    await service.outbox.flush();
    const [first] = await rowsOf("+5511911110004");
    await webhook(change({ statuses: [{ id: first!.providerMessageId, status: "failed", recipient_id: "5511911110004", biz_opaque_callback_data: first!.id,
      errors: [{ code: 131026, title: "Message undeliverable" }] }] }));
    const failed = await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: first!.id } });
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toContain("131026");

    const id = await queueText("+5511911110004", "Lembrete da consulta.");
    await service.outbox.flush();
    const row = await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    await webhook(change({ statuses: [{ id: row.providerMessageId, status: "failed", recipient_id: "5511911110004", biz_opaque_callback_data: id,
      errors: [{ code: 131047, title: "Re-engagement message" }] }] }));
    const before = graph.bodies.length;
    await service.outbox.flush();
    expect(graph.bodies.slice(before).map((b) => b.type)).toEqual(["template"]);
    expect((await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("held");
  });
});

describe("Cloud API: per-clinic settings", () => {
  it("stores a clinic's number and secrets sealed, shows no secret, and verifies its webhooks with its own app secret", async () => {
    const clinic = await testDb.db.prisma.clinic.create({ data: { name: "Clínica Dois", slug: "clinica-dois" } });
    const put = await service.api("PUT", `/api/v1/clinics/${clinic.id}/whatsapp/cloud`, {
      phoneNumberId: "309876543210", businessAccountId: "1234567890", accessToken: "EAAG-second-clinic-token-0123456789",
      appSecret: "second-clinic-app-secret", verifyToken: "second-clinic-verify-token",
    });
    expect(put.status).toBe(200);
    const got = await service.api("GET", `/api/v1/clinics/${clinic.id}/whatsapp/cloud`);
    expect(got.body).toMatchObject({ configured: true, phoneNumberId: "309876543210" });
    expect(JSON.stringify(got.body)).not.toContain("second-clinic");
    const row = await testDb.db.prisma.whatsAppCloudAccount.findUniqueOrThrow({ where: { clinicId: clinic.id } });
    expect(row.accessTokenSealed).not.toContain("EAAG");
    expect(await patientSays("5531977770000", "oi", "309876543210", APP_SECRET)).toBe(401);
    expect(await patientSays("5531977770000", "oi", "309876543210", "second-clinic-app-secret")).toBe(200);
    expect(await testDb.db.prisma.inboxMessage.count({ where: { clinicId: clinic.id, chatKey: "+5531977770000" } })).toBe(1);
    const templates = await service.api("GET", `/api/v1/clinics/${clinic.id}/whatsapp/cloud/templates`);
    expect(templates.body.templates.map((t: { name: string }) => t.name)).toContain("zelo_lembrete_consulta");
    expect((await service.api("DELETE", `/api/v1/clinics/${clinic.id}/whatsapp/cloud`)).body).toEqual({ deleted: true });
  });
});
