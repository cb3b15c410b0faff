// A clinic live on the Cloud API, end to end against the Graph double that
// enforces Meta's window, its limits on buttons and lists and its error
// shapes: menus arrive as reply buttons or lists and a tap answers them; a
// reminder to a patient silent for 25 hours goes as its template and the
// template's button confirms the appointment; templates Meta refuses
// (132000, 132001) are reported and the message waits for the window; staff
// writing from the WhatsApp Business app pause the bot. (Brazilian numbers,
// throttling and failed statuses: test/cloud-api-window.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { sealColumn } from "../src/crypto/sealed-columns.js";
import { DEMO_CLINIC_SLUG } from "../src/seed-demo.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { cloudWebhook } from "./support/cloud-webhook.js";
import { interactiveProblem, startGraphDouble, type GraphDouble } from "./support/graph-double.js";
import { startTestService, testConfig, type TestService } from "./support/service.js";

const APP_SECRET = "live-app-secret";
const TOKEN = "live-access-token";
const PNID = "201234567890";
const METRICS_TOKEN = "live-metrics-token-0123456789";
// Monday 2026-11-23, 09:00 in São Paulo.
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");
let graph: GraphDouble;
let testDb: TestDatabase;
let service: TestService;

beforeAll(async () => {
  testDb = await createTestDatabase("cloud_api_live");
  let now = () => new Date();
  graph = await startGraphDouble({
    token: TOKEN, phoneNumberId: PNID, now: () => now(),
    templates: { zelo_nova_mensagem: 0, zelo_lembrete_consulta: 3, zelo_consulta_agendada: 3, zelo_documento_pronto: 1 },
  });
  service = await startTestService(testDb.db, {
    config: testConfig({
      WHATSAPP_CHANNEL: "cloud", WHATSAPP_CLOUD_BASE_URL: graph.baseUrl("svc"), WHATSAPP_CLOUD_ACCESS_TOKEN: TOKEN, METRICS_TOKEN,
      WHATSAPP_CLOUD_APP_SECRET: APP_SECRET, WHATSAPP_CLOUD_VERIFY_TOKEN: "verify-me-please", WHATSAPP_CLOUD_PHONE_NUMBERS: `${PNID}:${DEMO_CLINIC_SLUG}`,
    }),
    clock: new ManualClock(MONDAY_9AM),
  });
  now = () => service.clock.now();
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
  await graph?.close();
});

const { change, webhook, patientSays, patientTaps, patientTapsTemplate } = cloudWebhook(() => service, () => graph, { appSecret: APP_SECRET, phoneNumberId: PNID });

interface Sent {
  to?: string;
  type?: string;
  text?: { body: string };
  interactive?: { type: string; body: { text: string }; action: { buttons?: { reply: { id: string; title: string } }[]; sections?: { rows: { id: string; title: string }[] }[] } };
  template?: { name: string; components?: { type: string; sub_type?: string; parameters?: { text?: string; payload?: string }[] }[] };
}

/** What the double accepted for this wa_id since `from`, in order. */
const sentTo = (waId: string, from = 0) => (graph.bodies.slice(from) as Sent[]).filter((b) => b.to === waId);
const options = (sent: Sent | undefined) =>
  sent?.interactive?.action.buttons?.map((b) => b.reply) ?? sent?.interactive?.action.sections?.flatMap((s) => s.rows) ?? [];

async function step(waId: string, act: () => Promise<number>): Promise<Sent[]> {
  const before = graph.bodies.length;
  expect(await act()).toBe(200);
  await service.outbox.flush();
  return sentTo(waId, before);
}

const HOUR = 3600_000;
const ANA = "5511987650001";

/** Onboards a patient by taps (consent button, name), leaving the chat at the menu. */
async function onboard(waId: string, name: string): Promise<void> {
  await step(waId, () => patientSays(waId, "oi"));
  await step(waId, () => patientTaps(waId, { id: "1", title: "Sim, concordo" }));
  await step(waId, () => patientSays(waId, name));
}

/** A clinic-started message queued for a chat with its template (as the domain does for its events). */
async function queueClinicMessage(chatKey: string, text: string, template: string, params: string[]): Promise<string> {
  const id = crypto.randomUUID();
  await testDb.db.sql.query(
    `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", kind, text, template, "templateParams", "nextAttemptAt", "createdAt")
     VALUES ($1, $2, $3, 'text', $4, $5, $6, $7, $7)`,
    [id, service.clinicId, chatKey, sealColumn(service.cipher, "OutboxMessage.text", id, text), template,
      sealColumn(service.cipher, "OutboxMessage.templateParams", id, JSON.stringify(params)), service.clock.now()]);
  return id;
}

async function templateErrors(code: string): Promise<number> {
  const res = await fetch(`${service.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const line = (await res.text()).split("\n").find((l) => l.startsWith(`zelo_whatsapp_template_errors_total{code="${code}"}`));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("Cloud API: menus as buttons and lists", () => {
  it("onboards and books by tapping buttons and list rows, every menu within Meta's limits", async () => {
    // A tap sends the option's id and its title, as Meta does.
    const tap = (option: { id: string; title: string } | undefined, kind: "button_reply" | "list_reply" = "list_reply") =>
      step(ANA, () => patientTaps(ANA, { id: option!.id, title: option!.title }, kind));
    const consent = (await step(ANA, () => patientSays(ANA, "oi"))).at(-1);
    expect(consent?.interactive?.type).toBe("button");
    expect(options(consent)).toEqual([{ id: "1", title: "Sim, concordo" }, { id: "2", title: "Não concordo" }]);
    // The buttons replace the numbered lines; the question stays.
    expect(consent?.interactive?.body.text).toMatch(/Você concorda\?$/);
    expect(consent?.interactive?.body.text).not.toContain("1 - ");

    expect((await tap(options(consent)[0], "button_reply")).at(-1)?.text?.body).toContain("Como você se chama?");
    const menu = (await step(ANA, () => patientSays(ANA, "Ana Souza Lima"))).at(-1);
    expect(menu?.interactive?.type).toBe("list");
    expect(options(menu).map((o) => o.title)).toEqual(["Agendar consulta", "Minhas consultas", "Meus documentos", "Falar com a recepção", "Privacidade e meus dados"]);

    // A new patient may not book the Retorno (it needs a recent visit): the list holds what they may book.
    const procedures = (await tap(options(menu)[0])).at(-1);
    expect(options(procedures)).toEqual([{ id: "1", title: "Consulta clínica geral", description: "30 min, R$ 250,00" }]);
    const days = (await tap(options(procedures)[0])).at(-1);
    const wednesday = options(days).find((o) => o.title.startsWith("quarta"))!;
    const times = (await tap(wednesday)).at(-1);
    expect(options(times)).toHaveLength(10);
    const summary = (await tap(options(times).find((o) => o.title === "10:00"))).at(-1);
    // "Escolher outro horário" is longer than a button's 20 characters: a list of two.
    expect(summary?.interactive?.type).toBe("list");
    expect(summary?.interactive?.body.text).toContain("quarta, 25/11 às 10:00");
    expect(options(summary)[0]).toEqual({ id: "1", title: "Confirmar" });
    expect((await tap(options(summary)[0])).map((b) => b.text?.body ?? "").join("\n")).toContain("Pronto, agendado!");
    const [appointment] = await testDb.db.prisma.appointment.findMany({ where: { clinicId: service.clinicId, status: { in: ["booked", "confirmed"] } } });
    expect(appointment?.startsAt.toISOString()).toBe("2026-11-25T13:00:00.000Z");

    // Meta took every menu: nothing refused, and each interactive message passes its limits.
    expect(graph.refused).toEqual([]);
    const interactive = sentTo(ANA).filter((b) => b.type === "interactive");
    expect(interactive.length).toBeGreaterThanOrEqual(6);
    for (const sent of interactive) expect(interactiveProblem(sent.interactive)).toBeUndefined();
  });

  it("has a Graph double that refuses what Meta refuses: a button title past 20 characters, an 11th row, a row title past 24", async () => {
    const send = async (interactive: Record<string, unknown>) => {
      const res = await fetch(`${graph.baseUrl("probe")}/${PNID}/messages`, {
        method: "POST", headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ messaging_product: "whatsapp", to: ANA, type: "interactive", interactive }),
      });
      return { status: res.status, body: (await res.json()) as { error?: { code: number; error_data: { details: string } } } };
    };
    const body = { text: "Escolha:" };
    const buttons = (...titles: string[]) => ({ type: "button", body, action: { buttons: titles.map((title, i) => ({ type: "reply", reply: { id: String(i + 1), title } })) } });
    const list = (rows: { id: string; title: string }[]) => ({ type: "list", body, action: { button: "Ver opções", sections: [{ rows }] } });
    const tooLong = await send(buttons("Escolher outro horário"));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: 131009, error_data: { details: expect.stringContaining("Button title length invalid") } });
    expect((await send(buttons("a", "b", "c", "d"))).body.error?.error_data.details).toContain("buttons count");
    const rows = Array.from({ length: 11 }, (_, i) => ({ id: String(i + 1), title: `${i + 8}:00` }));
    expect((await send(list(rows))).body.error?.error_data.details).toContain("row count");
    expect((await send(list([{ id: "1", title: "Consulta clínica geral (30 min)" }]))).body.error?.error_data.details).toContain("Row title length");
    expect((await send(buttons("Sim", "Não"))).status).toBe(200);
    graph.refused.length = 0;
  });

  it("sends the numbered text when Meta refuses the list (131009), and still takes a typed number", async () => {
    graph.failNext(131009);
    const menu = await step(ANA, () => patientSays(ANA, "menu"));
    expect(menu.map((b) => b.type)).toEqual(["interactive", "text"]);
    expect(menu[1]?.text?.body).toContain("1 - Agendar consulta");
    expect(graph.refused.map((r) => r.code)).toEqual([131009]);
    graph.refused.length = 0;
    const typed = await step(ANA, () => patientSays(ANA, "2"));
    expect(typed.map((b) => b.interactive?.body.text ?? b.text?.body).join("\n")).toContain("Suas próximas consultas");
  });

  it("sends the Monday booking's reminder, 25 hours after the patient last wrote, as its template; Confirmo confirms the appointment", async () => {
    service.clock.set(new Date(MONDAY_9AM.getTime() + 25 * HOUR));
    const before = graph.bodies.length;
    await service.tick();
    const [reminder, ...rest] = sentTo(ANA, before);
    expect(rest).toEqual([]);
    expect(reminder?.type).toBe("template");
    expect(reminder?.template?.name).toBe("zelo_lembrete_consulta");
    const bodyParams = reminder?.template?.components?.find((c) => c.type === "body")?.parameters?.map((p) => p.text);
    expect(bodyParams).toEqual(["consulta clínica geral", "quarta, 25/11 às 10:00", "Dra. Ana Souza"]);
    expect(reminder?.template?.components?.filter((c) => c.sub_type === "quick_reply").map((c) => c.parameters?.[0]?.payload)).toEqual(["confirmo", "remarcar", "cancelar"]);

    const answer = await step(ANA, () => patientTapsTemplate(ANA, { text: "Confirmo", payload: "confirmo" }));
    expect(answer.map((b) => b.text?.body).join("\n")).toContain("Presença confirmada");
    const appointment = await testDb.db.prisma.appointment.findFirstOrThrow({ where: { clinicId: service.clinicId, startsAt: new Date("2026-11-25T13:00:00Z") } });
    expect(appointment.confirmedAt).not.toBeNull();
  });
});

describe("Cloud API: templates Meta refuses, failed statuses, staff echoes", () => {
  it("reports a missing template (132001) on the admin API and in metrics, holds the message, and sends it plain once the patient writes", async () => {
    const wa = "5511987650002";
    await onboard(wa, "Bruno Alves");
    service.clock.advance(25 * HOUR);
    const errorsBefore = await templateErrors("132001");
    // The double has no zelo_pagamento_expirado approved: Meta answers 132001.
    const text = "O prazo para pagar o Pix acabou e o horário de quinta, 26/11 às 09:00 foi liberado.";
    const id = await queueClinicMessage(`+${wa}`, text, "payment_expired", ["consulta quinta, 26/11 às 09:00"]);
    const before = graph.bodies.length;
    await service.outbox.flush();
    expect(graph.refused.at(-1)?.code).toBe(132001);
    expect(sentTo(wa, before).map((b) => b.template?.name)).toEqual(["zelo_pagamento_expirado", "zelo_nova_mensagem"]);
    expect(await templateErrors("132001")).toBe(errorsBefore + 1);
    const templates = await service.api("GET", `/api/v1/clinics/${service.clinicId}/whatsapp/cloud/templates`);
    expect(templates.body.templates.find((t: { purpose: string }) => t.purpose === "payment_expired").lastError).toMatchObject({ code: 132001 });
    expect((await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("held");

    const answer = await step(wa, () => patientSays(wa, "oi?"));
    expect(answer[0]).toMatchObject({ type: "text", text: { body: text } });
    expect((await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("sent");
  });

  it("reports wrong template parameters (132000) the same way, and the message is not lost", async () => {
    const wa = "5511987650003";
    await onboard(wa, "Carla Dias");
    service.clock.advance(25 * HOUR);
    const errorsBefore = await templateErrors("132000");
    // zelo_consulta_agendada is approved with 3 parameters; a clinic that changed its body to 2 is refused by Meta.
    await testDb.db.sql.query(`UPDATE "WhatsAppTemplate" SET body = 'Consulta agendada: {{1}} {{2}}.' WHERE "clinicId" = $1 AND purpose = 'booking_confirmed'`, [service.clinicId]);
    const id = await queueClinicMessage(`+${wa}`, "Agendamos sua consulta.", "booking_confirmed", ["retorno", "quinta, 26/11 às 09:00", "Dra. Ana Souza"]);
    await service.outbox.flush();
    expect(graph.refused.at(-1)?.code).toBe(132000);
    expect(await templateErrors("132000")).toBe(errorsBefore + 1);
    const templates = await service.api("GET", `/api/v1/clinics/${service.clinicId}/whatsapp/cloud/templates`);
    expect(templates.body.templates.find((t: { purpose: string }) => t.purpose === "booking_confirmed").lastError).toMatchObject({ code: 132000 });
    const view = await service.api("GET", `/api/v1/clinics/${service.clinicId}/whatsapp/cloud/chats/${wa}/messages`);
    expect(view.body.messages.find((m: { id: string }) => m.id === id)).toMatchObject({ status: "held", reason: expect.stringContaining("24-hour window") });
    await step(wa, () => patientSays(wa, "oi"));
    expect((await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("sent");
  });

  it("announces a document with its template and holds it until the patient taps Receber documento", async () => {
    const wa = "5511987650006";
    await onboard(wa, "Fábio Reis");
    service.clock.advance(25 * HOUR);
    const id = await queueClinicMessage(`+${wa}`, "Receita de Dra. Ana Souza (código ABC123).", "document_ready", ["Dra. Ana Souza"]);
    const before = graph.bodies.length;
    await service.outbox.flush();
    const [announced, ...rest] = sentTo(wa, before);
    expect(rest).toEqual([]);
    expect(announced?.template?.name).toBe("zelo_documento_pronto");
    expect(announced?.template?.components?.[0]?.parameters?.map((p) => p.text)).toEqual(["Dra. Ana Souza"]);
    expect((await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("held");
    const opened = await step(wa, () => patientTapsTemplate(wa, { text: "Receber documento", payload: "zelo_ver_mensagem" }));
    expect(opened.map((b) => b.text?.body)).toEqual(["Receita de Dra. Ana Souza (código ABC123)."]);
    expect((await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("sent");
  });

  it("sends a clinic message's own template when Meta fails the free-form one later (131047 in a statuses webhook)", async () => {
    const wa = "5511987650004";
    await onboard(wa, "Davi Rocha");
    await testDb.db.sql.query(`UPDATE "WhatsAppTemplate" SET body = 'Sua consulta está agendada: {{1}} {{2}} com {{3}}. Até lá!' WHERE "clinicId" = $1 AND purpose = 'booking_confirmed'`, [service.clinicId]);
    // Inside the window for Zelo: the message goes free-form, and Meta accepts it.
    const id = await queueClinicMessage(`+${wa}`, "Agendamos sua consulta: retorno quinta, 26/11 às 09:00.", "booking_confirmed", ["retorno", "quinta, 26/11 às 09:00", "Dra. Ana Souza"]);
    await service.outbox.flush();
    const row = await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe("sent");
    const before = graph.bodies.length;
    expect(await webhook(change({ statuses: [{ id: row.providerMessageId, status: "failed", recipient_id: wa, biz_opaque_callback_data: id,
      errors: [{ code: 131047, title: "Re-engagement message" }] }] }))).toBe(200);
    await service.outbox.flush();
    const again = sentTo(wa, before);
    expect(again.map((b) => b.template?.name)).toEqual(["zelo_consulta_agendada"]);
    expect(again[0]?.template?.components?.[0]?.parameters?.map((p) => p.text)).toEqual(["retorno", "quinta, 26/11 às 09:00", "Dra. Ana Souza"]);
    expect((await testDb.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).status).toBe("sent");
  });

  it("pauses the bot in a chat when the staff write from the WhatsApp Business app, and answers again after the pause", async () => {
    const wa = "5511987650005";
    await onboard(wa, "Eva Nunes");
    const ts = String(Math.floor(service.clock.now().getTime() / 1000));
    expect(await webhook(change({ message_echoes: [{ from: "551140000000", to: wa, id: "wamid.STAFF1", timestamp: ts, type: "text", text: { body: "Oi Eva, aqui é a Júlia da recepção." } }] }))).toBe(200);
    expect(await step(wa, () => patientSays(wa, "menu"))).toEqual([]);
    service.clock.advance(61 * 60_000);
    const after = await step(wa, () => patientSays(wa, "menu"));
    expect(after.at(-1)?.interactive?.type).toBe("list");
  });
});
