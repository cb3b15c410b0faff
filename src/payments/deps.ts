// What the payment use cases need besides the transaction.
import type { Cipher } from "../crypto/encryption.js";
import type { Logger } from "../logger.js";
import type { PaymentGateway } from "./gateway.js";

/** Seals secrets at rest (AES-256-GCM with ENCRYPTION_KEY). */
export interface Sealer {
  seal(plaintext: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

export interface PaymentsDeps {
  gateway: PaymentGateway;
  sealer: Sealer;
  /** Seals the chat texts and media payments write (the Pix QR code). */
  cipher: Cipher;
  /** PUBLIC_URL: Mercado Pago is told to notify `${publicUrl}/webhooks/mercadopago?clinic=<id>`; without it, polling alone confirms. */
  publicUrl?: string;
  /** A pending payment is asked about again after this many seconds (PAYMENTS_POLL_SECONDS). */
  pollSeconds: number;
  /** Sends the outbox rows written outside a chat turn (webhook). */
  wakeOutbox(): void;
  /** Payment ids and statuses only: never amounts, tokens or payer data. */
  logger: Logger;
}
