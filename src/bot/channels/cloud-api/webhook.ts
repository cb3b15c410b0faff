// The Cloud API webhook: GET answers Meta's verification (hub.challenge);
// POST checks X-Hub-Signature-256 over the raw body before reading anything,
// stores the messages (a redelivery stops at the inbox's unique key), runs
// their chats, and records delivery receipts.
import express, { Router } from "express";
import type { Clock } from "../../../clock.js";
import type { Cipher } from "../../../crypto/encryption.js";
import type { Database } from "../../../db/database.js";
import type { Logger } from "../../../logger.js";
import { ingestInbound } from "../../inbox.js";
import type { InboundMessage } from "../../messages.js";
import { recordReceipts } from "../receipts.js";
import type { GraphClient } from "./graph-client.js";
import { mapCloudMessage, receiptStatus, webhookSchema, type CloudMessage } from "./inbound.js";
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
}

export function cloudWebhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  router.get(WEBHOOK_PATH, (req, res) => {
    const mode = req.query["hub.mode"];
    const token = req.query["hub.verify_token"];
    const challenge = req.query["hub.challenge"];
    if (mode === "subscribe" && token === deps.verifyToken && typeof challenge === "string") {
      res.type("text/plain").send(challenge);
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
    await handleWebhook(deps, parsed.data);
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
    for (const message of change.value.messages ?? []) {
      const chatKey = await ingestCloudMessage(deps, clinicId, message, names.get(message.from));
      if (chatKey) await deps.onInbound(clinicId, chatKey);
    }
    const now = deps.clock.now();
    await recordReceipts(deps.db, clinicId, (change.value.statuses ?? []).flatMap((status) => {
      const kind = receiptStatus(status.status);
      const at = status.timestamp ? new Date(Number(status.timestamp) * 1000) : now;
      const error = status.errors?.map((e) => `${e.code ?? ""} ${e.title ?? e.message ?? ""}`.trim()).join("; ");
      return kind ? [{ providerMessageId: status.id, status: kind, at, error: error || undefined }] : [];
    }));
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
    receivedAt: message.timestamp ? new Date(Number(message.timestamp) * 1000) : undefined,
  };
  if (content.media) {
    try {
      const media = await deps.graph.downloadMedia(content.media.id);
      inbound.media = { data: media.data, mimetype: content.media.mimetype ?? media.mimetype, filename: content.media.filename };
    } catch (error) {
      deps.logger.warn({ err: error, clinicId, messageId: message.id }, "Cloud API media download failed");
      inbound.payload = { ...inbound.payload, mediaUnavailable: true };
    }
  }
  const stored = await ingestInbound(deps.db, deps.cipher, inbound, deps.clock.now());
  return stored.duplicate ? undefined : chatKey;
}
