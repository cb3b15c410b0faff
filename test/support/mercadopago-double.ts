// A local Mercado Pago that speaks the parts of its REST API the product
// uses, so the real `mercadopago` SDK runs against it: POST /v1/payments
// (X-Idempotency-Key: the same key returns the same payment), GET
// /v1/payments/:id, POST /v1/payments/:id/refunds. A test moves a payment's
// status and has it notify the service with a signed webhook, as Mercado
// Pago does (or not: a lost webhook).
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import QRCode from "qrcode";

export interface DoublePayment {
  id: number;
  status: string;
  status_detail: string;
  transaction_amount: number;
  description: string;
  payment_method_id: string;
  external_reference: string | null;
  notification_url: string | null;
  date_of_expiration: string | null;
  date_created: string;
  date_approved: string | null;
  payer: { email?: string; identification?: { type: string; number: string } };
  point_of_interaction: { type: "PIX"; transaction_data: { qr_code: string; qr_code_base64: string; ticket_url: string } };
  refunds: { id: number; payment_id: number; amount: number; status: string; date_created: string }[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: any;
}

const STATUS_DETAIL: Record<string, string> = {
  pending: "pending_waiting_transfer", approved: "accredited", rejected: "cc_rejected_other_reason", cancelled: "expired", refunded: "refunded",
};

export class MercadoPagoDouble {
  readonly requests: RecordedRequest[] = [];
  readonly payments = new Map<number, DoublePayment>();
  private readonly byKey = new Map<string, number>();
  private readonly refundKeys = new Map<string, number>();
  private server?: Server;
  private nextId = 1_000_000_001;
  url = "";
  /** The time a notification is signed at (`ts`); a test points it at the service's clock. */
  now: () => Date = () => new Date();

  constructor(readonly credentials: { accessToken: string; webhookSecret: string }) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res).catch((error) => this.send(res, 500, { message: String(error), error: "internal_error", status: 500, cause: [] })));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The one payment created for an appointment (external_reference). */
  paymentFor(appointmentId: string): DoublePayment | undefined {
    return [...this.payments.values()].filter((p) => p.external_reference === appointmentId).at(-1);
  }

  /** What the patient's bank (or Mercado Pago) did; `approvedAt` defaults to now. */
  setStatus(id: number, status: string, at: Date = new Date()): DoublePayment {
    const payment = this.payments.get(id);
    if (!payment) throw new Error(`no payment ${id}`);
    payment.status = status;
    payment.status_detail = STATUS_DETAIL[status] ?? status;
    if (status === "approved") payment.date_approved = at.toISOString();
    return payment;
  }

  /**
   * Sends the notification Mercado Pago sends to the payment's
   * notification_url, to `serviceUrl` (the host a proxy would forward to).
   * `sign: "bad"` signs with another secret; `sign: "none"` sends no signature.
   */
  async notify(id: number, serviceUrl: string, options: { sign?: "good" | "bad" | "none"; requestId?: string; ts?: string } = {}): Promise<{ status: number; body: any }> {
    const payment = this.payments.get(id);
    if (!payment?.notification_url) throw new Error(`payment ${id} has no notification_url`);
    const target = new URL(payment.notification_url);
    const url = new URL(`${target.pathname}${target.search}`, serviceUrl);
    url.searchParams.set("data.id", String(id));
    url.searchParams.set("type", "payment");
    const requestId = options.requestId ?? randomUUID();
    const ts = options.ts ?? String(Math.floor(this.now().getTime() / 1000));
    const secret = options.sign === "bad" ? "not-the-clinic-secret" : this.credentials.webhookSecret;
    const headers: Record<string, string> = { "content-type": "application/json", "x-request-id": requestId };
    // Signed as Mercado Pago documents it, with node:crypto (not the product's helper).
    const v1 = createHmac("sha256", secret).update(`id:${id};request-id:${requestId};ts:${ts};`).digest("hex");
    if (options.sign !== "none") headers["x-signature"] = `ts=${ts},v1=${v1}`;
    const res = await fetch(url, {
      method: "POST", headers,
      body: JSON.stringify({ action: "payment.updated", api_version: "v1", data: { id: String(id) }, date_created: new Date().toISOString(), id: Date.now(), live_mode: false, type: "payment", user_id: "123456" }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = new URL(req.url ?? "/", "http://double").pathname;
    const body = raw ? JSON.parse(raw) : undefined;
    this.requests.push({ method: req.method ?? "GET", path, headers: req.headers, body });
    if (req.headers.authorization !== `Bearer ${this.credentials.accessToken}`) {
      return this.send(res, 401, { message: "invalid access token", error: "unauthorized", status: 401, cause: [{ code: 2002, description: "invalid access token" }] });
    }
    const refund = /^\/v1\/payments\/(\d+)\/refunds$/.exec(path);
    const one = /^\/v1\/payments\/(\d+)$/.exec(path);
    if (req.method === "POST" && path === "/v1/payments") return this.create(req, res, body);
    if (req.method === "GET" && one) return this.get(res, Number(one[1]));
    if (req.method === "POST" && refund) return this.refund(req, res, Number(refund[1]), body);
    this.send(res, 404, { message: "resource not found", error: "not_found", status: 404, cause: [] });
  }

  private async create(req: IncomingMessage, res: ServerResponse, body: any): Promise<void> {
    const key = header(req, "x-idempotency-key");
    if (!key) return this.send(res, 400, { message: "header X-Idempotency-Key can't be null", error: "bad_request", status: 400, cause: [] });
    const existing = this.byKey.get(key);
    if (existing !== undefined) return this.send(res, 201, this.payments.get(existing));
    if (typeof body?.transaction_amount !== "number" || body.transaction_amount <= 0) {
      return this.send(res, 400, { message: "transaction_amount must be positive", error: "bad_request", status: 400, cause: [{ code: 4037, description: "Invalid transaction_amount" }] });
    }
    if (body.payment_method_id !== "pix" || !body.payer?.email) {
      return this.send(res, 400, { message: "payer.email must be a valid email", error: "bad_request", status: 400, cause: [{ code: 4050, description: "payer.email must be a valid email" }] });
    }
    const id = this.nextId++;
    const qrCode = `00020126580014br.gov.bcb.pix0136${randomUUID()}5204000053039865406${body.transaction_amount.toFixed(2)}5802BR6009SAO PAULO62070503***6304ABCD`;
    const payment: DoublePayment = {
      id, status: "pending", status_detail: STATUS_DETAIL.pending!, transaction_amount: body.transaction_amount, description: body.description ?? "",
      payment_method_id: "pix", external_reference: body.external_reference ?? null, notification_url: body.notification_url ?? null,
      date_of_expiration: body.date_of_expiration ?? null, date_created: new Date().toISOString(), date_approved: null, payer: body.payer,
      point_of_interaction: { type: "PIX", transaction_data: { qr_code: qrCode, qr_code_base64: (await QRCode.toBuffer(qrCode)).toString("base64"), ticket_url: `https://www.mercadopago.com.br/payments/${id}/ticket` } },
      refunds: [],
    };
    this.payments.set(id, payment);
    this.byKey.set(key, id);
    this.send(res, 201, payment);
  }

  private get(res: ServerResponse, id: number): void {
    const payment = this.payments.get(id);
    if (!payment) return this.send(res, 404, { message: "Payment not found", error: "not_found", status: 404, cause: [{ code: 2000, description: "Payment not found" }] });
    this.send(res, 200, payment);
  }

  private refund(req: IncomingMessage, res: ServerResponse, id: number, body: any): void {
    const payment = this.payments.get(id);
    if (!payment) return this.send(res, 404, { message: "Payment not found", error: "not_found", status: 404, cause: [] });
    const key = header(req, "x-idempotency-key") ?? randomUUID();
    const done = this.refundKeys.get(key);
    if (done !== undefined) return this.send(res, 201, payment.refunds.find((r) => r.id === done));
    if (payment.status !== "approved") return this.send(res, 400, { message: "Invalid payment status", error: "bad_request", status: 400, cause: [{ code: 2063, description: "Invalid payment status" }] });
    const refund = { id: this.nextId++, payment_id: id, amount: body?.amount ?? payment.transaction_amount, status: "approved", date_created: new Date().toISOString() };
    payment.refunds.push(refund);
    this.refundKeys.set(key, refund.id);
    this.setStatus(id, "refunded");
    this.send(res, 201, refund);
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json", "x-request-id": randomUUID() });
    res.end(JSON.stringify(body));
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
