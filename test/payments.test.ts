// Pix prepayment end to end: the chat through /simulator/messages, the real
// mercadopago SDK against a local Mercado Pago double, signed webhooks,
// polling, expiry and refunds; on PostgreSQL or PGlite.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { MercadoPagoDouble } from "./support/mercadopago-double.js";
import { startTestService, testConfig, texts, type SimulatorAnswer, type TestService } from "./support/service.js";
import { openState } from "../src/crypto/sealed-columns.js";

const ACCESS_TOKEN = "APP_USR-test-7f3c9a1e5b2d4c6e8a0b";
const WEBHOOK_SECRET = "whsec-clinic-demo-4b9e2f7a";
const PUBLIC_URL = "https://zelo.example.com.br";
const CPF = "52998224725";
// Monday 2026-11-23, 09:00 in São Paulo.
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");

let testDb: TestDatabase;
let service: TestService;
let double: MercadoPagoDouble;
const logLines: string[] = [];

beforeAll(async () => {
  double = new MercadoPagoDouble({ accessToken: ACCESS_TOKEN, webhookSecret: WEBHOOK_SECRET });
  await double.start();
  testDb = await createTestDatabase("payments");
  const sink = new Writable({ write(chunk, _encoding, done) { logLines.push(String(chunk)); done(); } });
  service = await startTestService(testDb.db, {
    config: testConfig({ MERCADOPAGO_BASE_URL: double.url, PUBLIC_URL, PAYMENTS_POLL_SECONDS: "60", ENCRYPTION_KEY: "a".repeat(63) + "b" }),
    logger: createLogger({ level: "trace", logPhi: false, destination: sink }),
  });
  service.clock.set(MONDAY_9AM);
  double.now = () => service.clock.now();
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
  await double?.stop();
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

const said = async (phone: string, text: string) => texts(await service.say(phone, text)).join("\n");

async function history(phone: string): Promise<{ direction: string; type: string; text?: string }[]> {
  await service.outbox.flush();
  const res = await fetch(`${service.url}/simulator/chats/${encodeURIComponent(phone)}/messages`);
  return ((await res.json()) as { messages: { direction: string; type: string; text?: string }[] }).messages;
}
const lastOut = async (phone: string) => (await history(phone)).filter((m) => m.direction === "out").at(-1)?.text ?? "";

async function appointmentsOf(phone: string) {
  const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
  return testDb.db.prisma.appointment.findMany({ where: { patientId: patient.id }, orderBy: { createdAt: "asc" } });
}

async function procedureId(): Promise<string> {
  return (await testDb.db.prisma.procedure.findFirstOrThrow({ where: { clinicId: service.clinicId, name: "Consulta clínica geral" } })).id;
}

/** "quero marcar <when>" -> procedure 1 -> summary -> confirm: the answer with the Pix. */
async function bookPrepaid(phone: string, when: string): Promise<SimulatorAnswer> {
  expect(await said(phone, `quero marcar ${when}`)).toContain("Qual atendimento");
  expect(await said(phone, "1")).toContain("💰 R$ 250,00\n💳 Pagamento antecipado por Pix");
  return service.say(phone, "1");
}

async function heldAppointment(phone: string) {
  const held = (await appointmentsOf(phone)).filter((a) => a.status === "held");
  expect(held).toHaveLength(1);
  return held[0]!;
}

const pixOf = (appointmentId: string) => {
  const payment = double.paymentFor(appointmentId);
  if (!payment) throw new Error(`no Pix for ${appointmentId}`);
  return payment;
};

describe("Pix prepayment with Mercado Pago", () => {
  it("refuses to require prepayment until the clinic's Mercado Pago is configured, and never returns the secrets", async () => {
    const path = `/api/v1/clinics/${service.clinicId}`;
    const refused = await service.api("PATCH", `${path}/procedures/${await procedureId()}`, { prepaymentRequired: true });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("payment_unavailable");
    expect(refused.body.error.message).toContain("configure Mercado Pago first");
    expect((await service.api("GET", `${path}/payments/mercadopago`)).body).toMatchObject({ configured: false });

    const put = await service.api("PUT", `${path}/payments/mercadopago`, { accessToken: ACCESS_TOKEN, webhookSecret: WEBHOOK_SECRET });
    expect(put).toMatchObject({ status: 200, body: { configured: true } });
    expect(JSON.stringify(put.body)).not.toContain(ACCESS_TOKEN);
    const read = await service.api("GET", `${path}/payments/mercadopago`);
    expect(read.body.configured).toBe(true);
    expect(JSON.stringify(read.body)).not.toContain(WEBHOOK_SECRET);
    const [stored] = await testDb.db.sql.query<{ accessTokenEncrypted: string; webhookSecretEncrypted: string }>(
      `SELECT "accessTokenEncrypted", "webhookSecretEncrypted" FROM "ClinicPaymentSettings" WHERE "clinicId" = $1`, [service.clinicId]);
    expect(stored!.accessTokenEncrypted).toMatch(/^v1:/);
    expect(JSON.stringify(stored)).not.toContain(ACCESS_TOKEN);
    expect(JSON.stringify(stored)).not.toContain(WEBHOOK_SECRET);

    const on = await service.api("PATCH", `${path}/procedures/${await procedureId()}`, { prepaymentRequired: true, paymentHoldMinutes: 30 });
    expect(on.status).toBe(200);
    // A patch changes only what it names: the price stays.
    expect(on.body).toMatchObject({ prepaymentRequired: true, paymentHoldMinutes: 30, priceCents: 25_000 });
  });

  it("sends the QR code and the copia e cola, then books when the signed webhook says approved", async () => {
    const phone = await newPatient("Paula Pix");
    await testDb.db.prisma.patient.updateMany({ where: { clinicId: service.clinicId, phone, guardianPatientId: null }, data: { cpf: CPF } });
    const answer = await bookPrepaid(phone, "quarta às 10h");
    expect(answer.replies.map((r) => r.type)).toEqual(["image", "text", "text"]);
    const [image, code, instructions] = answer.replies;
    expect(image).toMatchObject({ mimetype: "image/png" });
    expect((image as { caption?: string }).caption).toContain("R$ 250,00");
    const png = Buffer.from(await (await fetch(`${service.url}${image!.url}`)).arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(code!.text).toMatch(/^00020126/);
    expect(instructions!.text).toContain("reservado até segunda, 23/11 às 09:30");
    expect(instructions!.text).toContain("1 - Reenviar o código Pix");

    const held = await heldAppointment(phone);
    expect(held.holdExpiresAt).toEqual(new Date(MONDAY_9AM.getTime() + 30 * 60_000));
    const pix = pixOf(held.id);
    const created = double.requests.find((r) => r.method === "POST" && r.path === "/v1/payments" && r.body.external_reference === held.id)!;
    expect(created.headers["x-idempotency-key"]).toBe(`zelo-${held.id}-1`);
    expect(created.body).toMatchObject({
      transaction_amount: 250, payment_method_id: "pix", description: "Consulta clínica geral", external_reference: held.id,
      date_of_expiration: "2026-11-23T12:30:00.000+00:00",
      notification_url: `${PUBLIC_URL}/webhooks/mercadopago?clinic=${service.clinicId}`,
      payer: { email: "contato@clinicademo.com.br", identification: { type: "CPF", number: CPF } },
    });

    // "1": the same Pix again, not a second charge.
    const again = await service.say(phone, "1");
    expect(again.replies.map((r) => r.type)).toEqual(["image", "text", "text"]);
    expect(again.replies[1]!.text).toBe(code!.text);
    expect(double.requests.filter((r) => r.method === "POST" && r.body?.external_reference === held.id)).toHaveLength(1);

    service.clock.advance(5 * 60_000);
    double.setStatus(pix.id, "approved", service.clock.now());
    const webhook = await double.notify(pix.id, service.url);
    expect(webhook).toMatchObject({ status: 200, body: { outcome: "booked" } });
    const [booked] = await appointmentsOf(phone);
    expect(booked).toMatchObject({ id: held.id, status: "booked", startsAt: new Date("2026-11-25T13:00:00Z") });
    expect(await lastOut(phone)).toContain("Pagamento recebido ✅ R$ 250,00 via Pix.\nConsulta agendada: quarta, 25/11 às 10:00 com Dra. Ana Souza.\nVou mandar um lembrete (terça, 24/11 às 10:00).");
    const conversation = await testDb.db.prisma.conversation.findFirstOrThrow({ where: { chatKey: phone } });
    expect(openState(service.cipher, conversation.id, conversation.state)).toEqual({ type: "menu" });

    const listed = await service.api("GET", `/api/v1/clinics/${service.clinicId}/appointments/${held.id}/payments`);
    expect(listed.body.payments).toMatchObject([{ appointmentId: held.id, providerPaymentId: String(pix.id), status: "approved", amountCents: 25_000 }]);
  });

  it("changes nothing when the same notification arrives twice", async () => {
    const payment = await testDb.db.prisma.payment.findFirstOrThrow({ where: { status: "approved" } });
    const outboxBefore = await testDb.db.prisma.outboxMessage.count();
    const again = await double.notify(Number(payment.providerPaymentId), service.url);
    expect(again).toMatchObject({ status: 200, body: { outcome: "unchanged" } });
    expect(await testDb.db.prisma.outboxMessage.count()).toBe(outboxBefore);
    expect(await testDb.db.prisma.payment.findUniqueOrThrow({ where: { id: payment.id } })).toEqual(payment);
    expect(await testDb.db.prisma.appointment.count({ where: { id: payment.appointmentId, status: "booked" } })).toBe(1);
  });

  it("answers 401 to an unsigned or badly signed notification and changes nothing", async () => {
    const phone = await newPatient("Beto Assinatura");
    await bookPrepaid(phone, "quarta às 11h");
    const held = await heldAppointment(phone);
    const pix = pixOf(held.id);
    double.setStatus(pix.id, "approved", service.clock.now());
    expect((await double.notify(pix.id, service.url, { sign: "bad" })).status).toBe(401);
    expect((await double.notify(pix.id, service.url, { sign: "none" })).status).toBe(401);
    const forged = await fetch(`${service.url}/webhooks/mercadopago?clinic=another-clinic&data.id=${pix.id}&type=payment`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(forged.status).toBe(401);
    expect((await heldAppointment(phone)).id).toBe(held.id);
    expect(await testDb.db.prisma.payment.findFirstOrThrow({ where: { providerPaymentId: String(pix.id) } })).toMatchObject({ status: "pending", approvedAt: null });
    // A well-signed notification from more than 5 minutes ago (or ahead) is a replay.
    const ts = (offsetSeconds: number) => String(Math.floor(service.clock.now().getTime() / 1000) + offsetSeconds);
    expect((await double.notify(pix.id, service.url, { ts: ts(-301) })).status).toBe(401);
    expect((await double.notify(pix.id, service.url, { ts: ts(-86_400) })).status).toBe(401);
    expect((await double.notify(pix.id, service.url, { ts: ts(+360) })).status).toBe(401);
    expect(await testDb.db.prisma.payment.findFirstOrThrow({ where: { providerPaymentId: String(pix.id) } })).toMatchObject({ status: "pending", approvedAt: null });
    // The real notification still works afterwards.
    expect((await double.notify(pix.id, service.url)).body.outcome).toBe("booked");
  });

  it("books through polling when the webhook is lost", async () => {
    const phone = await newPatient("Carla Polling");
    await bookPrepaid(phone, "quinta às 10h");
    const held = await heldAppointment(phone);
    double.setStatus(pixOf(held.id).id, "approved", service.clock.now()); // and no notification
    service.clock.set(new Date(service.clock.now().getTime() + 2 * 60_000));
    await service.tick();
    expect((await appointmentsOf(phone))[0]).toMatchObject({ id: held.id, status: "booked" });
    expect(await lastOut(phone)).toContain("Pagamento recebido ✅");
  });

  it("promises no reminder after a Pix for a time too close for one", async () => {
    const phone = await newPatient("Rosa Perto");
    await testDb.db.prisma.patient.updateMany({ where: { clinicId: service.clinicId, phone, guardianPatientId: null }, data: { cpf: CPF } });
    // 11:30 today, held a little after 09:00 and paid at 09:31: the 2 h reminder's time (09:30) has passed.
    await bookPrepaid(phone, "hoje às 11h30");
    const held = await heldAppointment(phone);
    service.clock.set(new Date(MONDAY_9AM.getTime() + 31 * 60_000));
    double.setStatus(pixOf(held.id).id, "approved", service.clock.now());
    expect((await double.notify(pixOf(held.id).id, service.url)).body.outcome).toBe("booked");
    const confirmation = await lastOut(phone);
    expect(confirmation).toContain("Consulta agendada: segunda, 23/11 às 11:30");
    expect(confirmation).toContain("Como é em breve, não vou mandar lembrete: anote o horário.");
    expect(confirmation).not.toContain("Vou mandar um lembrete");
    const booked = await testDb.db.prisma.appointment.findUniqueOrThrow({ where: { id: held.id } });
    expect([booked.reminder24hDueAt, booked.reminder2hDueAt]).toEqual([null, null]);
  });

  it("frees an unpaid hold when it expires, tells the patient and offers the time to the waitlist", async () => {
    const waiting = await newPatient("Wagner Espera");
    await said(waiting, "1");
    await said(waiting, "1");
    expect(await said(waiting, "0")).toContain("Quais dias e horários servem");
    expect(await said(waiting, "qualquer horário")).toContain("lista de espera");
    const phone = await newPatient("Diana Prazo");
    await bookPrepaid(phone, "sexta às 10h");
    const held = await heldAppointment(phone);
    service.clock.set(new Date(held.holdExpiresAt!.getTime() + 60_000));
    await service.tick();
    expect((await appointmentsOf(phone))[0]).toMatchObject({ id: held.id, status: "expired" });
    expect(await lastOut(phone)).toContain("O prazo para pagar o Pix acabou e o horário de sexta, 27/11 às 10:00 foi liberado");
    expect(await lastOut(waiting)).toContain("Abriu um horário: sexta, 27/11 às 10:00");
    expect(await testDb.db.prisma.payment.findFirstOrThrow({ where: { appointmentId: held.id } })).toMatchObject({ status: "expired" });
    // Nobody else waits for this time: the chat must not say it went to another person.
    const declined = await said(waiting, "2");
    expect(declined).toContain("Tudo bem, liberei a vaga");
    expect(declined).not.toContain("outra pessoa");
    // A patient who says no stays on the list for other times; Wagner leaves it, so the times later tests free stay theirs.
    await testDb.db.sql.query(`UPDATE "WaitlistEntry" SET status = 'cancelled' WHERE "patientId" = (SELECT id FROM "Patient" WHERE phone = $1)`, [waiting]);
  });

  it("books a payment approved after expiry when the time is still free", async () => {
    const phone = await newPatient("Elisa Atrasada");
    await bookPrepaid(phone, "segunda que vem às 10h");
    const held = await heldAppointment(phone);
    service.clock.set(new Date(held.holdExpiresAt!.getTime() + 60_000));
    await service.tick();
    expect(await lastOut(phone)).toContain("O prazo para pagar o Pix acabou");
    const pix = pixOf(held.id);
    double.setStatus(pix.id, "approved", service.clock.now());
    expect((await double.notify(pix.id, service.url)).body.outcome).toBe("rebooked");
    const active = (await appointmentsOf(phone)).filter((a) => a.status === "booked");
    expect(active).toHaveLength(1);
    expect(active[0]!.startsAt).toEqual(held.startsAt);
    expect(await lastOut(phone)).toContain("depois do prazo, mas o horário ainda estava livre");
    expect((await testDb.db.prisma.payment.findFirstOrThrow({ where: { providerPaymentId: String(pix.id) } })).appointmentId).toBe(active[0]!.id);
  });

  it("refunds a payment approved after expiry when the time was taken meanwhile", async () => {
    const late = await newPatient("Fábio Tarde");
    await bookPrepaid(late, "terça que vem às 10h");
    const held = await heldAppointment(late);
    service.clock.set(new Date(held.holdExpiresAt!.getTime() + 60_000));
    await service.tick();
    const other = await newPatient("Gabi Rápida");
    await bookPrepaid(other, "terça que vem às 10h");
    expect((await heldAppointment(other)).startsAt).toEqual(held.startsAt);

    const pix = pixOf(held.id);
    double.setStatus(pix.id, "approved", service.clock.now());
    expect((await double.notify(pix.id, service.url)).body.outcome).toBe("refunding");
    expect(await lastOut(late)).toContain("o horário já tinha sido ocupado. Vou devolver o valor");
    await service.tick();
    expect(double.payments.get(pix.id)!.status).toBe("refunded");
    const refund = double.requests.find((r) => r.path === `/v1/payments/${pix.id}/refunds`)!;
    const payment = await testDb.db.prisma.payment.findFirstOrThrow({ where: { providerPaymentId: String(pix.id) } });
    expect(refund.headers["x-idempotency-key"]).toBe(`zelo-refund-${payment.id}`);
    expect(payment).toMatchObject({ status: "refunded", refundReason: "slot_taken_after_expiry" });
    expect(payment.refundedAt).not.toBeNull();
    expect(await lastOut(late)).toContain("Estorno feito: devolvemos R$ 250,00");
    expect((await appointmentsOf(other))[0]!.status).toBe("held");
  });

  it("refunds a paid appointment cancelled within the clinic's notice rule", async () => {
    const phone = await newPatient("Helena Cancela");
    await bookPrepaid(phone, "quinta às 15h");
    const held = await heldAppointment(phone);
    const pix = pixOf(held.id);
    double.setStatus(pix.id, "approved", service.clock.now());
    expect((await double.notify(pix.id, service.url)).body.outcome).toBe("booked");
    await said(phone, "menu");
    await said(phone, "2");
    await said(phone, "1");
    expect(await said(phone, "3")).toContain("Quer mesmo cancelar");
    expect(await said(phone, "1")).toContain("cancelada");
    await service.tick();
    expect(double.payments.get(pix.id)!.status).toBe("refunded");
    expect(await testDb.db.prisma.payment.findFirstOrThrow({ where: { providerPaymentId: String(pix.id) } })).toMatchObject({ status: "refunded", refundReason: "appointment_cancelled" });
    expect(await lastOut(phone)).toContain("Estorno feito");
  });

  it("lets the patient give up: the hold is released and a later payment is refunded", async () => {
    const phone = await newPatient("Igor Desiste");
    await bookPrepaid(phone, "sexta que vem às 10h");
    const held = await heldAppointment(phone);
    expect(await said(phone, "2")).toContain("cancelei a reserva");
    expect((await appointmentsOf(phone))[0]).toMatchObject({ status: "expired", cancelReason: "payment_abandoned" });
    const pix = pixOf(held.id);
    double.setStatus(pix.id, "approved", service.clock.now());
    expect((await double.notify(pix.id, service.url)).body.outcome).toBe("refunding");
    await service.tick();
    expect(double.payments.get(pix.id)!.status).toBe("refunded");
  });

  it("moves a paid appointment to another time without charging again", async () => {
    const phone = await newPatient("Joana Remarca");
    await bookPrepaid(phone, "quarta às 14h");
    const held = await heldAppointment(phone);
    const pix = pixOf(held.id);
    double.setStatus(pix.id, "approved", service.clock.now());
    expect((await double.notify(pix.id, service.url)).body.outcome).toBe("booked");
    const creates = double.requests.filter((r) => r.path === "/v1/payments").length;
    await said(phone, "menu");
    await said(phone, "2");
    await said(phone, "1");
    await said(phone, "2"); // remarcar
    await said(phone, "1");
    expect(await said(phone, "1")).toContain("Pagamento antecipado por Pix");
    expect(await said(phone, "1")).toContain("remarcado");
    expect(double.requests.filter((r) => r.path === "/v1/payments")).toHaveLength(creates);
    const all = await appointmentsOf(phone);
    expect(all.find((a) => a.id === held.id)).toMatchObject({ status: "cancelled", cancelReason: "rescheduled" });
    const moved = all.find((a) => a.id !== held.id);
    expect(moved!.status).toBe("booked");
    expect(await testDb.db.prisma.payment.findFirstOrThrow({ where: { providerPaymentId: String(pix.id) } })).toMatchObject({ appointmentId: moved!.id, status: "approved" });
  });

  it("reports payments and daily totals (approved minus refunded) in the clinic's time zone", async () => {
    const all = await testDb.db.prisma.payment.findMany({ where: { clinicId: service.clinicId } });
    const approved = all.filter((p) => p.approvedAt !== null);
    const refunded = all.filter((p) => p.refundedAt !== null);
    expect(refunded.length).toBeGreaterThan(0);
    const totals = await service.api("GET", `/api/v1/clinics/${service.clinicId}/payments/daily-totals?from=2026-11-23&to=2026-11-23`);
    expect(totals.status).toBe(200);
    expect(totals.body).toMatchObject({
      timeZone: "America/Sao_Paulo",
      days: [{ date: "2026-11-23", approvedCents: 25_000 * approved.length, refundedCents: 25_000 * refunded.length, netCents: 25_000 * (approved.length - refunded.length), count: approved.length }],
    });
    const none = await service.api("GET", `/api/v1/clinics/${service.clinicId}/payments/daily-totals?from=2026-11-24&to=2026-11-30`);
    expect(none.body).toMatchObject({ days: [], total: { netCents: 0, count: 0 } });
    const list = await service.api("GET", `/api/v1/clinics/${service.clinicId}/payments?from=2026-11-23&to=2026-11-23&status=refunded`);
    expect(list.body.payments).toHaveLength(refunded.length);
    expect(list.body.payments.every((p: { status: string }) => p.status === "refunded")).toBe(true);
  });

  it("logs no amount, token or payer datum", () => {
    const logs = logLines.join("");
    expect(logs.includes("payment status applied")).toBe(true);
    expect(logs.includes("payment refunded")).toBe(true);
    const leaked = [ACCESS_TOKEN, WEBHOOK_SECRET, CPF, "contato@clinicademo.com.br", "250,00", "250.00", "transaction_amount", "amountCents", "00020126"]
      .filter((secret) => logs.includes(secret));
    expect(leaked).toEqual([]);
    expect(/\b25000\b/.test(logs)).toBe(false);
  });
});
