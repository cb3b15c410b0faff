// Meta's WhatsApp Cloud API as a channel: the sender and the webhook router.
// Each clinic's number and secrets come from the admin API (WhatsAppCloudAccount);
// the WHATSAPP_CLOUD_* variables are the single-clinic shortcut.
import type { Router } from "express";
import type { Clock } from "../../../clock.js";
import type { Config } from "../../../config.js";
import type { Cipher } from "../../../crypto/encryption.js";
import type { Database } from "../../../db/database.js";
import type { Logger } from "../../../logger.js";
import { CloudAccounts } from "./accounts.js";
import { CloudApiChannel } from "./channel.js";
import { GraphClient } from "./graph-client.js";
import { SendPacer } from "./pacer.js";
import { cloudWebhookRouter } from "./webhook.js";

export interface CloudApiDeps {
  config: Config;
  db: Database;
  cipher: Cipher;
  clock: Clock;
  logger: Logger;
  onInbound: (clinicId: string, chatKey: string) => Promise<void>;
  onInboundDropped?: (kind: string) => void;
  /** Counts templates Meta refused (zelo_whatsapp_template_errors_total). */
  onTemplateError?: (code: string) => void;
  fetch: typeof globalThis.fetch;
}

export function buildCloudApi(deps: CloudApiDeps): { channel: CloudApiChannel; router: Router } {
  const { config, db, cipher, clock, logger } = deps;
  const graph = new GraphClient({ baseUrl: config.WHATSAPP_CLOUD_BASE_URL, fetch: deps.fetch,
    media: { maxBytes: config.MEDIA_MAX_BYTES, extraHosts: config.WHATSAPP_CLOUD_MEDIA_HOSTS?.split(",").map((host) => host.trim()).filter(Boolean) } });
  const accounts = new CloudAccounts(db, cipher, {
    phoneNumbers: config.WHATSAPP_CLOUD_PHONE_NUMBERS, accessToken: config.WHATSAPP_CLOUD_ACCESS_TOKEN,
    appSecret: config.WHATSAPP_CLOUD_APP_SECRET, verifyToken: config.WHATSAPP_CLOUD_VERIFY_TOKEN,
  });
  const pacer = new SendPacer({ perSecond: config.WHATSAPP_CLOUD_SEND_RATE_PER_SECOND });
  const router = cloudWebhookRouter({
    db, cipher, clock, logger, graph, accounts, staffPauseMinutes: config.WHATSAPP_STAFF_PAUSE_MINUTES,
    onInbound: deps.onInbound, onInboundDropped: deps.onInboundDropped,
  });
  return { channel: new CloudApiChannel({ db, cipher, clock, logger, graph, accounts, pacer, onTemplateError: deps.onTemplateError }), router };
}
