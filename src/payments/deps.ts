// What the payment use cases need besides the transaction.
import type { ChatEvents } from "../chat-events/raise.js";
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
  /** Seals the media payments write (the Pix QR code). */
  cipher: Cipher;
  /** What the patient is told about their payment, as chat events the flow answers. */
  events: ChatEvents;
  /** PUBLIC_URL: Mercado Pago is told to notify `${publicUrl}/webhooks/mercadopago?clinic=<id>`; without it, polling alone confirms. */
  publicUrl?: string;
  /** A pending payment is asked about again after this many seconds (PAYMENTS_POLL_SECONDS). */
  pollSeconds: number;
  /** Handles the chat events committed outside a turn (webhook, timed tasks), and sends what they queued. */
  wakeChats(): Promise<void>;
  /** Payment ids and statuses only: never amounts, tokens or payer data. */
  logger: Logger;
}
