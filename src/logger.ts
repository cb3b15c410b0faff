// Structured logs. Phone numbers and message texts are personal (often
// health) data: they are redacted unless LOG_PHI=true on a developer machine.
import { pino, type Logger } from "pino";

const PHI_PATHS = [
  "phone", "*.phone", "from", "*.from", "to", "*.to", "chatKey", "*.chatKey",
  "text", "*.text", "senderPhone", "*.senderPhone", "name", "*.name", "cpf", "*.cpf",
  "transcript", "*.transcript", "password", "*.password", "accessToken", "*.accessToken",
  "req.headers.authorization",
];

export type { Logger };

export function createLogger(options: { level: string; logPhi: boolean }): Logger {
  return pino({
    level: options.level,
    redact: options.logPhi ? ["req.headers.authorization", "*.password", "password"] : { paths: PHI_PATHS, censor: "[redacted]" },
    base: { service: "zelo" },
  });
}
