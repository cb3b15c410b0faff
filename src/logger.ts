// Structured logs. Phone numbers and message texts are personal (often
// health) data: they are redacted unless LOG_PHI=true on a developer machine.
import { pino, type DestinationStream, type Logger } from "pino";

const PHI_PATHS = [
  "phone", "*.phone", "from", "*.from", "to", "*.to", "chatKey", "*.chatKey",
  "text", "*.text", "senderPhone", "*.senderPhone", "name", "*.name", "cpf", "*.cpf",
  "transcript", "*.transcript", "password", "*.password", "accessToken", "*.accessToken",
  "req.headers.authorization",
  // Payments (docs/payments.md): not logged by the code; redacted should anyone try.
  "amountCents", "*.amountCents", "transaction_amount", "*.transaction_amount", "payer", "*.payer",
  "webhookSecret", "*.webhookSecret", "qrCode", "*.qrCode", 'req.headers["x-signature"]',
];
// Secrets stay hidden even when LOG_PHI=true.
const SECRET_PATHS = ["req.headers.authorization", "*.password", "password", "accessToken", "*.accessToken", "webhookSecret", "*.webhookSecret",
  // Keys, tokens and certificates (docs/security.md): never written, redacted should anyone try.
  "apiKey", "*.apiKey", "token", "*.token", "pkcs12", "*.pkcs12", "encryptionKey", "*.encryptionKey", "headers.authorization", "req.headers.cookie"];

export type { Logger };

export function createLogger(options: { level: string; logPhi: boolean; destination?: DestinationStream }): Logger {
  return pino({
    level: options.level,
    redact: options.logPhi ? SECRET_PATHS : { paths: [...new Set([...PHI_PATHS, ...SECRET_PATHS])], censor: "[redacted]" },
    base: { service: "zelo" },
  }, options.destination);
}
