// The payment provider behind a small port: create a Pix charge, read a
// payment, refund it. One implementation talks to Mercado Pago through its
// SDK (mercadopago-gateway.ts); tests point it at a local test double.

/** A clinic's own account at the provider. */
export interface GatewayCredentials {
  accessToken: string;
}

export interface PixRequest {
  /** Ours, one per appointment and attempt: a retried call returns the same charge. */
  idempotencyKey: string;
  amountCents: number;
  description: string;
  expiresAt: Date;
  /** The appointment id, so the provider's reports point back at it. */
  externalReference: string;
  notificationUrl?: string;
  payer: { email?: string; cpf?: string };
}

export interface GatewayPayment {
  id: string;
  status: string;
  statusDetail: string | null;
  amountCents: number;
  externalReference: string | null;
  /** Pix "copia e cola". */
  qrCode: string | null;
  /** PNG of the QR code, base64. */
  qrCodeBase64: string | null;
  approvedAt: Date | null;
  expiresAt: Date | null;
}

export interface GatewayRefund {
  refundId: string;
  status: string;
}

export interface PaymentGateway {
  createPix(credentials: GatewayCredentials, request: PixRequest): Promise<GatewayPayment>;
  getPayment(credentials: GatewayCredentials, paymentId: string): Promise<GatewayPayment>;
  refund(credentials: GatewayCredentials, paymentId: string, idempotencyKey: string): Promise<GatewayRefund>;
}
