// The Cloud API webhook: GET answers Meta's verification (hub.challenge);
// POST checks X-Hub-Signature-256 over the raw body before reading anything,
// stores the messages (a redelivery stops at the inbox's unique key), runs
// their chats, and records delivery receipts.
import express, { Router } from "express";
import type { Clock } from "../../../clock.js";
import type { Cipher } from "../../../crypto/encryption.js";
import type { Database } from "../../../db/database.js";
import type { Logger } from "../../../logger.js";
import { cleanValue } from "../../clean-inbound.js";
import { ingestInbound } from "../../inbox.js";
import type { InboundMessage } from "../../messages.js";
import { recordReceipts } from "../receipts.js";
import type { GraphClient } from "./graph-client.js";
import { MediaDownloadError } from "./media-download.js";
import { mapCloudMessage, receiptStatus, webhookSchema, type CloudMessage, type CloudStatus } from "./inbound.js";
import type { CloudNumbers } from "./numbers.js";
import { isValidSignature } from "./signature.js";

export const WEBHOOK_PATH = "/webhooks/whatsapp";

export interface WebhookDeps {
  db: Database;
  cipher: Cipher;
  clock: Clock;
  logger: Logger;
  graph: GraphClient;
  numbers: CloudNumbers;
  appSecret: string;
  verifyToken: string;
  onInbound: (clinicId: string, chatKey: string) => Promise<void>;
  /** A message that could not even be stored (metrics: zelo_inbound_messages_total{outcome="dropped"}). */
  onInboundDropped?: (kind: string) => void;
}

export function cloudWebhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  router.get(WEBHOOK_PATH, (req, res) => {
    const mode = req.query["hub.mode"];
    const token = req.query["hub.verify_token"];
    const challenge = req.query["hub.challenge"];
    if (mode === "subscribe" && token === deps.verifyToken && typeof challenge === "string") {
      res.type("text/plain").setHeader("X-Content-Type-Options", "nosniff").send(challenge);
      return;
    }
    res.status(403).json({ error: { code: "forbidden", message: "verification failed" } });
  });
  router.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: "5mb" }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!isValidSignature(raw, req.header("x-hub-signature-256"), deps.appSecret)) {
      deps.logger.warn({ path: WEBHOOK_PATH }, "Cloud API webhook with a bad signature refused");
      res.status(401).json({ error: { code: "unauthorized", message: "bad signature" } });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      res.status(400).json({ error: { code: "invalid_json", message: "the body is not JSON" } });
      return;
    }
    const parsed = webhookSchema.safeParse(body);
    if (!parsed.success) {
      // Answer 200 anyway: Meta would retry a payload we will never understand.
      deps.logger.warn({ issue: parsed.error.issues[0]?.message }, "Cloud API webhook payload not understood");
      res.json({ ok: true, ignored: true });
      return;
    }
    // Strings PostgreSQL refuses (NUL, lone surrogates) in ids, names or statuses are cleaned before anything reads them.
    await handleWebhook(deps, cleanValue(parsed.data));
    res.json({ ok: true });
  });
  return router;
}

async function handleWebhook(deps: WebhookDeps, payload: ReturnType<typeof webhookSchema.parse>): Promise<void> {
  for (const change of payload.entry.flatMap((entry) => entry.changes)) {
    const phoneNumberId = change.value.metadata?.phone_number_id;
    const clinicId = phoneNumberId ? await deps.numbers.clinicFor(phoneNumberId) : undefined;
    if (!clinicId) {
      deps.logger.warn({ phoneNumberId }, "Cloud API webhook for a number no clinic is configured with");
      continue;
    }
    const names = new Map((change.value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
    // Each message on its own: one that fails is logged and counted, the others are still stored and answered,
    // and the delivery is acknowledged (Meta would otherwise redeliver the whole batch).
    for (const message of change.value.messages ?? []) await takeMessage(deps, clinicId, message, names.get(message.from));
    await takeReceipts(deps, clinicId, change.value.statuses ?? []);
  }
}

async function takeMessage(deps: WebhookDeps, clinicId: string, message: CloudMessage, name?: string): Promise<void> {
  let chatKey: string | undefined;
  try {
    chatKey = await ingestCloudMessage(deps, clinicId, message, name);
  } catch (error) {
    deps.logger.error({ err: error, clinicId, messageId: message.id, type: message.type }, "Cloud API message could not be stored: dropped");
    deps.onInboundDropped?.(message.type);
    return;
  }
  // Stored: a failed run is retried by the engine's loop, so it does not fail the delivery.
  if (chatKey) await deps.onInbound(clinicId, chatKey).catch((error) => deps.logger.error({ err: error, clinicId, messageId: message.id }, "Cloud API chat run failed"));
}

async function takeReceipts(deps: WebhookDeps, clinicId: string, statuses: CloudStatus[]): Promise<void> {
  const now = deps.clock.now();
  try {
    await recordReceipts(deps.db, clinicId, statuses.flatMap((status) => {
      const kind = receiptStatus(status.status);
      const at = epochSeconds(status.timestamp) ?? now;
      const error = status.errors?.map((e) => `${e.code ?? ""} ${e.title ?? e.message ?? ""}`.trim()).join("; ");
      return kind ? [{ providerMessageId: status.id, status: kind, at, error: error || undefined }] : [];
    }));
  } catch (error) {
    deps.logger.error({ err: error, clinicId, count: statuses.length }, "Cloud API receipts could not be recorded");
  }
}

/** Answers the chat key when the message is new (a duplicate answers undefined). */
async function ingestCloudMessage(deps: WebhookDeps, clinicId: string, message: CloudMessage, name?: string): Promise<string | undefined> {
  const content = mapCloudMessage(message);
  if (!content) return undefined;
  const chatKey = `+${message.from.replace(/\D/g, "")}`;
  const inbound: InboundMessage = {
    clinicId, chatKey, senderPhone: chatKey, providerMessageId: message.id, kind: content.kind, text: content.text,
    payload: { ...content.payload, ...(name ? { pushName: name } : {}) },
    receivedAt: epochSeconds(message.timestamp),
  };
  if (content.media) {
    try {
      const media = await deps.graph.downloadMedia(content.media.id);
      inbound.media = { data: media.data, mimetype: content.media.mimetype ?? media.mimetype, filename: content.media.filename };
    } catch (error) {
      // Stored without the file: the chat still gets its answer. A refused host or a stream over MEDIA_MAX_BYTES is said in the payload.
      const reason = error instanceof MediaDownloadError ? error.reason : "failed";
      deps.logger.warn({ err: error, clinicId, messageId: message.id, reason }, "Cloud API media download failed");
      inbound.payload = { ...inbound.payload, mediaUnavailable: true, ...(reason === "failed" ? {} : { mediaRefused: reason }) };
    }
  }
  const stored = await ingestInbound(deps.db, deps.cipher, inbound, deps.clock.now());
  return stored.duplicate ? undefined : chatKey;
}

/** Meta's "1795435200"; anything else (an empty or garbled timestamp) is no time at all rather than an Invalid Date. */
function epochSeconds(value: string | undefined): Date | undefined {
  const seconds = value && /^\d{1,12}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined;
}
