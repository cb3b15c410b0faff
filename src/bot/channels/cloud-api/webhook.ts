// The Cloud API webhook: GET answers Meta's verification (hub.challenge);
// POST checks X-Hub-Signature-256 over the raw body with the app secret of
// the clinic each number belongs to before acting on anything, stores the messages (a redelivery stops at the inbox's unique key), runs
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
import { mapCloudMessage, receiptStatus, webhookSchema, type CloudEcho, type CloudMessage, type CloudStatus } from "./inbound.js";
import type { CloudAccount, CloudAccounts } from "./accounts.js";
import { linkWamidToRow, sendAgainAsTemplate } from "./cloud-api-statements.js";
import { chatKeyFor, recordInbound, releaseHeld } from "./contacts.js";
import { pauseForStaffEcho } from "./echoes.js";
import { isValidSignature } from "./signature.js";
import { REOPEN_PAYLOAD } from "./templates.js";
import { META } from "./channel.js";

export const WEBHOOK_PATH = "/webhooks/whatsapp";

export interface WebhookDeps {
  db: Database;
  cipher: Cipher;
  clock: Clock;
  logger: Logger;
  graph: GraphClient;
  accounts: CloudAccounts;
  /** Staff messages from the Business app pause the bot this long (WHATSAPP_STAFF_PAUSE_MINUTES; 0: never). */
  staffPauseMinutes: number;
  onInbound: (clinicId: string, chatKey: string) => Promise<void>;
  /** A message that could not even be stored (metrics: zelo_inbound_messages_total{outcome="dropped"}). */
  onInboundDropped?: (kind: string) => void;
}

type Payload = ReturnType<typeof webhookSchema.parse>;
type Change = Payload["entry"][number]["changes"][number];

export function cloudWebhookRouter(deps: WebhookDeps): Router {
  const router = Router();
  router.get(WEBHOOK_PATH, async (req, res) => {
    const mode = req.query["hub.mode"];
    const token = req.query["hub.verify_token"];
    const challenge = req.query["hub.challenge"];
    if (mode === "subscribe" && typeof token === "string" && typeof challenge === "string" && (await deps.accounts.isVerifyToken(token))) {
      res.type("text/plain").setHeader("X-Content-Type-Options", "nosniff").send(challenge);
      return;
    }
    res.status(403).json({ error: { code: "forbidden", message: "verification failed" } });
  });
  router.post(WEBHOOK_PATH, express.raw({ type: () => true, limit: "5mb" }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = req.header("x-hub-signature-256");
    // The body is read only to learn which numbers it names: nothing acts on it before one of their secrets signs it.
    const parsed = webhookSchema.safeParse(parseJson(raw));
    const accounts = parsed.success ? await accountsOf(deps, parsed.data) : new Map<string, CloudAccount>();
    const signedBy = new Set([...accounts.values()].filter((a) => isValidSignature(raw, signature, a.appSecret)).map((a) => a.phoneNumberId));
    // A delivery naming none of our numbers (a template status, an account update) may be signed by any app we know.
    const unnamed = accounts.size === 0 && (await deps.accounts.signedByAnyApp((secret) => isValidSignature(raw, signature, secret)));
    if (signedBy.size === 0 && !unnamed) {
      deps.logger.warn({ path: WEBHOOK_PATH }, "Cloud API webhook with a bad signature refused");
      res.status(401).json({ error: { code: "unauthorized", message: "bad signature" } });
      return;
    }
    if (!parsed.success || signedBy.size === 0) {
      // Answer 200 anyway: Meta would retry a payload we will never understand, or one for a number we do not serve.
      if (!parsed.success) deps.logger.warn({ issue: parsed.error.issues[0]?.message }, "Cloud API webhook payload not understood");
      res.json({ ok: true, ignored: true });
      return;
    }
    // Strings PostgreSQL refuses (NUL, lone surrogates) in ids, names or statuses are cleaned before anything reads them.
    await handleWebhook(deps, cleanValue(parsed.data), accounts, signedBy);
    res.json({ ok: true });
  });
  return router;
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return undefined;
  }
}

async function accountsOf(deps: WebhookDeps, payload: Payload): Promise<Map<string, CloudAccount>> {
  const accounts = new Map<string, CloudAccount>();
  for (const change of payload.entry.flatMap((entry) => entry.changes)) {
    const id = change.value.metadata?.phone_number_id;
    if (!id || accounts.has(id)) continue;
    const account = await deps.accounts.forPhoneNumberId(id);
    if (account) accounts.set(id, account);
    else deps.logger.warn({ phoneNumberId: id }, "Cloud API webhook for a number no clinic is configured with");
  }
  return accounts;
}

async function handleWebhook(deps: WebhookDeps, payload: Payload, accounts: Map<string, CloudAccount>, signedBy: Set<string>): Promise<void> {
  for (const change of payload.entry.flatMap((entry) => entry.changes)) {
    const id = change.value.metadata?.phone_number_id;
    const account = id && signedBy.has(id) ? accounts.get(id) : undefined;
    if (!account) continue;
    await handleChange(deps, account, change);
  }
}

async function handleChange(deps: WebhookDeps, account: CloudAccount, change: Change): Promise<void> {
  const { clinicId } = account;
  const names = new Map((change.value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
  // Each message on its own: one that fails is logged and counted, the others are still stored and answered,
  // and the delivery is acknowledged (Meta would otherwise redeliver the whole batch).
  for (const message of change.value.messages ?? []) await takeMessage(deps, account, message, names.get(message.from));
  for (const echo of change.value.message_echoes ?? []) await takeEcho(deps, clinicId, echo);
  await takeStatuses(deps, clinicId, change.value.statuses ?? []);
}

async function takeMessage(deps: WebhookDeps, account: CloudAccount, message: CloudMessage, name?: string): Promise<void> {
  const { clinicId } = account;
  let chatKey: string | undefined;
  try {
    chatKey = await chatKeyFor(deps.db, clinicId, message.from);
    // The window opens and held messages go first, before the answer to what the person just wrote.
    await recordInbound(deps.db, clinicId, chatKey, message.from, deps.clock.now());
    await releaseHeld(deps.db, clinicId, chatKey, deps.clock.now());
    // "Ver mensagem" on a template only asks for what was held: nothing for the flow to read.
    if (message.type === "button" && message.button?.payload === REOPEN_PAYLOAD) return;
    if (!(await ingestCloudMessage(deps, account, chatKey, message, name))) return;
  } catch (error) {
    deps.logger.error({ err: error, clinicId, messageId: message.id, type: message.type }, "Cloud API message could not be stored: dropped");
    deps.onInboundDropped?.(message.type);
    return;
  }
  // Stored: a failed run is retried by the engine's loop, so it does not fail the delivery.
  await deps.onInbound(clinicId, chatKey).catch((error) => deps.logger.error({ err: error, clinicId, messageId: message.id }, "Cloud API chat run failed"));
}

async function takeEcho(deps: WebhookDeps, clinicId: string, echo: CloudEcho): Promise<void> {
  if (deps.staffPauseMinutes <= 0) return;
  const sentAt = epochSeconds(echo.timestamp) ?? deps.clock.now();
  try {
    const chatKey = await chatKeyFor(deps.db, clinicId, echo.to);
    const until = new Date(sentAt.getTime() + deps.staffPauseMinutes * 60_000);
    if (await pauseForStaffEcho(deps.db, clinicId, chatKey, echo.id, until, deps.clock.now())) {
      deps.logger.info({ clinicId, chatKey, until }, "staff wrote from the WhatsApp Business app: bot paused in this chat");
    }
  } catch (error) {
    deps.logger.error({ err: error, clinicId, messageId: echo.id }, "Cloud API message echo could not be recorded");
  }
}

async function takeStatuses(deps: WebhookDeps, clinicId: string, statuses: CloudStatus[]): Promise<void> {
  const now = deps.clock.now();
  try {
    for (const status of statuses) await linkStatusToRow(deps, clinicId, status);
    const outsideWindow = statuses.filter((s) => s.status === "failed" && s.errors?.some((e) => e.code === META.outsideWindow));
    // Meta accepted a free-form message and failed it later (131047): the window was closed, so it goes again, as its template.
    for (const status of outsideWindow) await sendAgainAsTemplate(deps.db.sql, clinicId, status.id, now);
    await recordReceipts(deps.db, clinicId, statuses.filter((s) => !outsideWindow.includes(s)).flatMap((status) => {
      const kind = receiptStatus(status.status);
      const at = epochSeconds(status.timestamp) ?? now;
      const error = status.errors?.map((e) => `${e.code ?? ""} ${e.title ?? e.message ?? ""}`.trim()).join("; ");
      return kind ? [{ providerMessageId: status.id, status: kind, at, error: error || undefined }] : [];
    }));
  } catch (error) {
    deps.logger.error({ err: error, clinicId, count: statuses.length }, "Cloud API receipts could not be recorded");
  }
}

/** A status names its row (biz_opaque_callback_data): a send whose wamid was never recorded (a crash) is found too. */
async function linkStatusToRow(deps: WebhookDeps, clinicId: string, status: CloudStatus): Promise<void> {
  if (!status.biz_opaque_callback_data) return;
  await linkWamidToRow(deps.db.sql, clinicId, status.biz_opaque_callback_data, status.id);
}

/** Answers whether the message was new (a duplicate answers false). */
async function ingestCloudMessage(deps: WebhookDeps, account: CloudAccount, chatKey: string, message: CloudMessage, name?: string): Promise<boolean> {
  const { clinicId } = account;
  const content = mapCloudMessage(message);
  if (!content) return false;
  const inbound: InboundMessage = {
    clinicId, chatKey, senderPhone: chatKey, providerMessageId: message.id, kind: content.kind, text: content.text,
    payload: { ...content.payload, waId: message.from, ...(name ? { pushName: name } : {}) },
    receivedAt: epochSeconds(message.timestamp),
  };
  if (content.media) {
    try {
      const media = await deps.graph.downloadMedia(account.accessToken, content.media.id);
      inbound.media = { data: media.data, mimetype: content.media.mimetype ?? media.mimetype, filename: content.media.filename };
    } catch (error) {
      // Stored without the file: the chat still gets its answer. A refused host or a stream over MEDIA_MAX_BYTES is said in the payload.
      const reason = error instanceof MediaDownloadError ? error.reason : "failed";
      deps.logger.warn({ err: error, clinicId, messageId: message.id, reason }, "Cloud API media download failed");
      inbound.payload = { ...inbound.payload, mediaUnavailable: true, ...(reason === "failed" ? {} : { mediaRefused: reason }) };
    }
  }
  const stored = await ingestInbound(deps.db, deps.cipher, inbound, deps.clock.now());
  return !stored.duplicate;
}

/** Meta's "1795435200"; anything else (an empty or garbled timestamp) is no time at all rather than an Invalid Date. */
function epochSeconds(value: string | undefined): Date | undefined {
  const seconds = value && /^\d{1,12}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined;
}
