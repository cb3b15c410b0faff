// Meta's WhatsApp Cloud API as a channel: the sender and the webhook router.
import type { Router } from "express";
import type { Clock } from "../../../clock.js";
import type { Config } from "../../../config.js";
import type { Cipher } from "../../../crypto/encryption.js";
import type { Database } from "../../../db/database.js";
import type { Logger } from "../../../logger.js";
import { CloudApiChannel } from "./channel.js";
import { GraphClient } from "./graph-client.js";
import { CloudNumbers } from "./numbers.js";
import { cloudWebhookRouter } from "./webhook.js";

export interface CloudApiDeps {
  config: Config;
  db: Database;
  cipher: Cipher;
  clock: Clock;
  logger: Logger;
  onInbound: (clinicId: string, chatKey: string) => Promise<void>;
  onInboundDropped?: (kind: string) => void;
  fetch: typeof globalThis.fetch;
}

export function buildCloudApi(deps: CloudApiDeps): { channel: CloudApiChannel; router: Router } {
  const { config } = deps;
  const need = (value: string | undefined, name: string): string => {
    if (!value) throw new Error(`${name} is required when WHATSAPP_CHANNEL=cloud`);
    return value;
  };
  const graph = new GraphClient({ baseUrl: config.WHATSAPP_CLOUD_BASE_URL, accessToken: need(config.WHATSAPP_CLOUD_ACCESS_TOKEN, "WHATSAPP_CLOUD_ACCESS_TOKEN"), fetch: deps.fetch,
    media: { maxBytes: config.MEDIA_MAX_BYTES, extraHosts: config.WHATSAPP_CLOUD_MEDIA_HOSTS?.split(",").map((host) => host.trim()).filter(Boolean) } });
  const numbers = new CloudNumbers(deps.db, need(config.WHATSAPP_CLOUD_PHONE_NUMBERS, "WHATSAPP_CLOUD_PHONE_NUMBERS"));
  const router = cloudWebhookRouter({
    db: deps.db, cipher: deps.cipher, clock: deps.clock, logger: deps.logger, graph, numbers, onInbound: deps.onInbound, onInboundDropped: deps.onInboundDropped,
    appSecret: need(config.WHATSAPP_CLOUD_APP_SECRET, "WHATSAPP_CLOUD_APP_SECRET"),
    verifyToken: need(config.WHATSAPP_CLOUD_VERIFY_TOKEN, "WHATSAPP_CLOUD_VERIFY_TOKEN"),
  });
  return { channel: new CloudApiChannel(graph, numbers), router };
}
