// Every environment variable the service reads, parsed and validated once at
// start. Nothing else in the code reads process.env.
import { z } from "zod";
import { weakKeyReason } from "./crypto/key-strength.js";

const booleanFromString = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const configSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().default("./data"),
  /** Unset: the simulator outside production; production refuses to start without a real channel. */
  WHATSAPP_CHANNEL: z.enum(["simulator", "baileys", "cloud"]).optional(),
  ADMIN_API_KEY: z.string().min(24, "must be at least 24 characters").optional(),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$|^[A-Za-z0-9+/]{43}=$/, "must be 32 bytes as 64 hex characters or base64")
    .optional(),
  /** Older keys, comma separated: still read, never written; see docs/security.md#rotation. */
  ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .regex(/^\s*([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)\s*(,\s*([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)\s*)*$/, "must be keys like ENCRYPTION_KEY, comma separated")
    .optional(),
  // Abuse limits; see docs/security.md
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  API_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  CHAT_RATE_LIMIT_MESSAGES: z.coerce.number().int().min(1).default(20),
  CHAT_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  MESSAGE_MAX_CHARS: z.coerce.number().int().min(1).default(4096),
  MEDIA_MAX_BYTES: z.coerce.number().int().min(1).default(25 * 1024 * 1024),
  /** The largest JSON body of any route but the simulator's, read only after the API key is checked. */
  HTTP_BODY_MAX_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** The simulator's uploads arrive base64 in JSON: MEDIA_MAX_BYTES (25 MiB) is about 34 MiB of base64. */
  SIMULATOR_BODY_MAX_BYTES: z.coerce.number().int().min(1024).default(40 * 1024 * 1024),
  /** When set, GET /metrics asks for `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_PHI: booleanFromString.default(false),
  CONVERSATION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  HANDOFF_MINUTES: z.coerce.number().int().min(1).default(120),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  INBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  // Turn transactions running side by side, and how many ready chats one may take (src/bot/engine.ts).
  TURN_WORKERS: z.coerce.number().int().min(1).max(64).default(4),
  TURN_BATCH_SIZE: z.coerce.number().int().min(1).max(256).default(16),
  /** Unset: `auto` outside production, `never` in production (where `auto` and `always` are refused). */
  SEED_DEMO: z.enum(["auto", "always", "never"]).optional(),
  // WhatsApp (Baileys and Cloud API); see docs/whatsapp.md
  INSTANCE_ID: z.string().min(1).max(100).optional(),
  WHATSAPP_IGNORE_GROUPS: booleanFromString.default(true),
  WHATSAPP_STAFF_PAUSE_MINUTES: z.coerce.number().int().min(0).default(60),
  WHATSAPP_SEND_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(20),
  WHATSAPP_PRINT_QR: booleanFromString.default(true),
  WHATSAPP_CLOUD_BASE_URL: z.url().default("https://graph.facebook.com/v21.0"),
  WHATSAPP_CLOUD_ACCESS_TOKEN: z.string().min(1).optional(),
  WHATSAPP_CLOUD_APP_SECRET: z.string().min(1).optional(),
  WHATSAPP_CLOUD_VERIFY_TOKEN: z.string().min(1).optional(),
  /** "<phone-number-id>:<clinic id or slug>" pairs, comma separated. */
  WHATSAPP_CLOUD_PHONE_NUMBERS: z
    .string()
    .regex(/^\s*[^:,\s]+:[^:,\s]+\s*(,\s*[^:,\s]+:[^:,\s]+\s*)*$/, "must be <phone-number-id>:<clinic id or slug>[,...]")
    .optional(),
  /** Hosts (or host:port) media may come from besides Meta's own, comma separated: a test double; see docs/whatsapp.md. */
  /** Sends per second per Cloud API number from this instance (Meta's default limit is 80; error 130429 past it). */
  WHATSAPP_CLOUD_SEND_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(80),
  WHATSAPP_CLOUD_MEDIA_HOSTS: z.string().regex(/^\s*[^,\s]+\s*(,\s*[^,\s]+\s*)*$/, "must be host names, comma separated").optional(),
  // Dictation and documents; see docs/dictation.md and docs/documents.md
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_TRANSCRIPTION_MODEL: z.string().min(1).default("whisper-1"),
  OPENAI_NOTE_MODEL: z.string().min(1).default("gpt-4o-mini"),
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).default(120_000),
  DICTATION_MAX_SECONDS: z.coerce.number().int().min(1).default(600),
  DICTATION_MAX_BYTES: z.coerce.number().int().min(1).default(25 * 1024 * 1024),
  DICTATION_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(4),
  DICTATION_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).default(15),
  AUDIO_RETENTION_DAYS: z.coerce.number().int().min(0).default(0),
  /** A patient's voice note waits on these retries (5 s, 10 s, 20 s by default) before the patient is asked to type. */
  PATIENT_VOICE_RETRY_LIMIT: z.coerce.number().int().min(0).max(10).default(3),
  PATIENT_VOICE_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).default(5),
  /** Base of the public verification links in documents; defaults to PUBLIC_URL. */
  VERIFY_BASE_URL: z.url().optional(),
  /** ICP-Brasil roots (PEM or DER file, or a folder of them) a cloud certificate must chain to; see docs/documents.md. */
  ICP_BRASIL_ROOTS_PATH: z.string().min(1).optional(),
  /** A test PSC's root, trusted outside production only; what it signs is marked as a test document. */
  PSC_TEST_ROOTS_PATH: z.string().min(1).optional(),
  // Pix payments through Mercado Pago; see docs/payments.md
  MERCADOPAGO_BASE_URL: z.url().default("https://api.mercadopago.com"),
  MERCADOPAGO_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  PAYMENTS_POLL_SECONDS: z.coerce.number().int().min(1).default(60),
});

type ParsedConfig = z.infer<typeof configSchema>;

export type Config = Omit<ParsedConfig, "WHATSAPP_CHANNEL" | "SEED_DEMO"> & {
  WHATSAPP_CHANNEL: NonNullable<ParsedConfig["WHATSAPP_CHANNEL"]>;
  SEED_DEMO: NonNullable<ParsedConfig["SEED_DEMO"]>;
  databaseKind: "postgres" | "pglite";
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw configError(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
  }
  const config = parsed.data;
  const production = config.NODE_ENV === "production";
  const problems = [...(production ? productionProblems(config) : []), ...cloudProblems(config)];
  if (problems.length > 0) throw configError(problems);
  return {
    ...config,
    WHATSAPP_CHANNEL: config.WHATSAPP_CHANNEL ?? "simulator",
    SEED_DEMO: config.SEED_DEMO ?? (production ? "never" : "auto"),
    databaseKind: config.DATABASE_URL ? "postgres" : "pglite",
  };
}

type Problem = [variable: string, message: string];

function configError(problems: Problem[]): ConfigError {
  return new ConfigError(`Invalid configuration:\n${problems.map(([name, message]) => `  ${name}: ${message}`).join("\n")}`);
}

/**
 * What production refuses, and why (docs/security.md#production-checklist):
 * the simulator lets anyone write as any phone, the doctor's included, and the
 * demo seed creates that doctor, so a production instance that falls back to
 * either is open to the internet; LOG_PHI would write patients' data to logs.
 */
function productionProblems(config: ParsedConfig): Problem[] {
  const problems: Problem[] = [];
  const weakKey = config.ENCRYPTION_KEY ? weakKeyReason(config.ENCRYPTION_KEY) : "required in production";
  if (weakKey) problems.push(["ENCRYPTION_KEY", weakKey]);
  if (config.WHATSAPP_CHANNEL === undefined) problems.push(["WHATSAPP_CHANNEL", "required in production (baileys or cloud)"]);
  if (config.WHATSAPP_CHANNEL === "simulator") problems.push(["WHATSAPP_CHANNEL", "the simulator is refused in production: anyone could write as any phone"]);
  if (config.SEED_DEMO !== undefined && config.SEED_DEMO !== "never") {
    problems.push(["SEED_DEMO", `${config.SEED_DEMO} is refused in production (the demo clinic is not for real patients); leave it unset or set never`]);
  }
  if (config.LOG_PHI) problems.push(["LOG_PHI", "refused in production: logs would hold patients' phones, names and messages"]);
  if (config.PSC_TEST_ROOTS_PATH) problems.push(["PSC_TEST_ROOTS_PATH", "refused in production: a test root would make a test PSC's signatures look like a doctor's"]);
  return problems;
}

// Each clinic's number and secrets are set through the admin API (PUT .../whatsapp/cloud); the variables are the
// single-clinic shortcut, so once one of them is set, all four are needed.
function cloudProblems(config: ParsedConfig): Problem[] {
  if (config.WHATSAPP_CHANNEL !== "cloud") return [];
  const names = ["WHATSAPP_CLOUD_ACCESS_TOKEN", "WHATSAPP_CLOUD_APP_SECRET", "WHATSAPP_CLOUD_VERIFY_TOKEN", "WHATSAPP_CLOUD_PHONE_NUMBERS"] as const;
  const shortcut = names.some((name) => config[name]);
  return [...names.filter((name) => shortcut && !config[name])
    .map((name): Problem => [name, "required with the other WHATSAPP_CLOUD_* variables (or set each clinic through the admin API instead)"]),
  ...mediaHostProblems(config)];
}

/** The Graph token goes to these hosts: in production, never to this machine or a bare address (a request forger's favourite targets). */
function mediaHostProblems(config: ParsedConfig): Problem[] {
  if (config.NODE_ENV !== "production" || !config.WHATSAPP_CLOUD_MEDIA_HOSTS) return [];
  const local = config.WHATSAPP_CLOUD_MEDIA_HOSTS.split(",").map((host) => host.trim().toLowerCase())
    .filter((host) => /^(localhost|.*\.localhost|\[.*\]|[\d.]+)(:\d+)?$/.test(host));
  return local.length > 0 ? [["WHATSAPP_CLOUD_MEDIA_HOSTS", `refused in production: ${local.join(", ")} is local or a bare IP address`]] : [];
}
