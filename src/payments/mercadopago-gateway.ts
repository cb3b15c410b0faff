// PaymentGateway over the official mercadopago SDK (v3). One SDK config per
// call: the SDK merges per-request options into the client's config object,
// so a shared client would keep one call's idempotency key for the next.
import { MercadoPagoConfig, MercadoPagoError, Payment, PaymentRefund } from "mercadopago";
import type { PaymentResponse } from "mercadopago/dist/clients/payment/commonTypes.js";
import { AppError } from "../errors.js";
import type { GatewayCredentials, GatewayPayment, GatewayRefund, PaymentGateway, PixRequest } from "./gateway.js";
import { baseUrlOptions } from "./sdk-base-url.js";

export interface MercadoPagoGatewayOptions {
  /** MERCADOPAGO_BASE_URL */
  baseUrl: string;
  timeoutMs: number;
}

export class MercadoPagoGateway implements PaymentGateway {
  private readonly routing: Record<string, unknown>;

  constructor(private readonly options: MercadoPagoGatewayOptions) {
    this.routing = baseUrlOptions(options.baseUrl);
  }

  async createPix(credentials: GatewayCredentials, request: PixRequest): Promise<GatewayPayment> {
    const payer = {
      ...(request.payer.email ? { email: request.payer.email } : {}),
      ...(request.payer.cpf ? { identification: { type: "CPF", number: request.payer.cpf } } : {}),
    };
    const created = await this.call("create payment", () => new Payment(this.config(credentials, request.idempotencyKey)).create({
      body: {
        transaction_amount: request.amountCents / 100,
        description: request.description,
        payment_method_id: "pix",
        payer,
        external_reference: request.externalReference,
        date_of_expiration: mercadoPagoDate(request.expiresAt),
        ...(request.notificationUrl ? { notification_url: request.notificationUrl } : {}),
      },
    }));
    return toGatewayPayment(created);
  }

  async getPayment(credentials: GatewayCredentials, paymentId: string): Promise<GatewayPayment> {
    return toGatewayPayment(await this.call("get payment", () => new Payment(this.config(credentials)).get({ id: paymentId })));
  }

  async refund(credentials: GatewayCredentials, paymentId: string, idempotencyKey: string): Promise<GatewayRefund> {
    const refund = await this.call("refund payment", () => new PaymentRefund(this.config(credentials, idempotencyKey)).total({ payment_id: paymentId }));
    return { refundId: String(refund.id), status: refund.status ?? "approved" };
  }

  private config(credentials: GatewayCredentials, idempotencyKey?: string): MercadoPagoConfig {
    return new MercadoPagoConfig({
      accessToken: credentials.accessToken,
      options: { timeout: this.options.timeoutMs, maxRetries: 1, ...(idempotencyKey ? { idempotencyKey } : {}), ...this.routing },
    });
  }

  /** Provider errors become AppErrors that name the operation and status only (no body: it may echo payer data). */
  private async call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const status = error instanceof MercadoPagoError ? error.status : undefined;
      if (status === 404) throw new AppError("not_found", `mercadopago: ${operation}: not found`);
      throw new AppError("upstream_unavailable", `mercadopago: ${operation} failed (${status ?? "no answer"})`);
    }
  }
}

/** "2026-11-23T12:30:00.000+00:00": the yyyy-MM-dd'T'HH:mm:ss.SSSz form Mercado Pago documents. */
export function mercadoPagoDate(at: Date): string {
  return at.toISOString().replace("Z", "+00:00");
}

function toGatewayPayment(payment: PaymentResponse): GatewayPayment {
  const data = payment.point_of_interaction?.transaction_data;
  return {
    id: String(payment.id),
    status: payment.status ?? "pending",
    statusDetail: payment.status_detail ?? null,
    amountCents: Math.round((payment.transaction_amount ?? 0) * 100),
    externalReference: payment.external_reference ?? null,
    qrCode: data?.qr_code ?? null,
    qrCodeBase64: data?.qr_code_base64 ?? null,
    approvedAt: payment.date_approved ? new Date(payment.date_approved) : null,
    expiresAt: payment.date_of_expiration ? new Date(payment.date_of_expiration) : null,
  };
}
