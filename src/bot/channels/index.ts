// Picks the channel from WHATSAPP_CHANNEL: the simulator (default), Baileys
// (one unofficial WhatsApp Web session per clinic) or Meta's Cloud API.
import type { Router } from "express";
import type { Clock } from "../../clock.js";
import type { Config } from "../../config.js";
import type { Cipher } from "../../crypto/encryption.js";
import type { Database } from "../../db/database.js";
import type { Logger } from "../../logger.js";
import type { Channel } from "../messages.js";
import type { SocketFactory } from "./baileys/socket.js";
import { buildCloudApi } from "./cloud-api/index.js";
import { SimulatorChannel } from "./simulator.js";

export interface ChannelDeps {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Seals stored messages and media; also the Baileys auth keys. */
  cipher: Cipher;
  /** Runs a chat after one of its messages was stored (engine.drainChat). */
  onInbound: (clinicId: string, chatKey: string) => Promise<void>;
  socketFactory?: SocketFactory;
  /** Counts WhatsApp reconnects (metrics). */
  onReconnect?: () => void;
  /** Counts inbound messages that could not even be stored (metrics). */
  onInboundDropped?: (kind: string) => void;
  /** Counts WhatsApp templates Meta refused (Cloud API, metrics). */
  onTemplateError?: (code: string) => void;
}

export interface BuiltChannel {
  channel: Channel;
  /** Mounted before the JSON body parser (webhooks check signatures over the raw body). */
  router?: Router;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function buildChannel(deps: ChannelDeps): Promise<BuiltChannel> {
  const { config, logger } = deps;
  if (config.WHATSAPP_CHANNEL === "baileys") {
    const { cipher } = deps;
    // Baileys and its crypto stack weigh tens of megabytes; only a Baileys instance loads them.
    const { BaileysManager } = await import("./baileys/manager.js");
    const manager = new BaileysManager({
      db: deps.db, clock: deps.clock, logger, cipher, instanceId: config.INSTANCE_ID,
      sendRatePerMinute: config.WHATSAPP_SEND_RATE_PER_MINUTE, ignoreGroups: config.WHATSAPP_IGNORE_GROUPS,
      staffPauseMinutes: config.WHATSAPP_STAFF_PAUSE_MINUTES, onInbound: deps.onInbound, socketFactory: deps.socketFactory,
      onQr: config.WHATSAPP_PRINT_QR ? printQr : undefined, onReconnect: deps.onReconnect,
    });
    return { channel: manager, start: () => manager.start(), stop: () => manager.stop() };
  }
  if (config.WHATSAPP_CHANNEL === "cloud") {
    const cloud = buildCloudApi({ ...deps, fetch: globalThis.fetch });
    return { channel: cloud.channel, router: cloud.router, start: async () => undefined, stop: async () => undefined };
  }
  return { channel: new SimulatorChannel(), start: async () => undefined, stop: async () => undefined };
}

function printQr(clinicId: string, qr: string): void {
  void import("qrcode").then(({ default: QRCode }) => QRCode.toString(qr, { type: "terminal", small: true })).then((art) =>
    process.stdout.write(`\n  WhatsApp pairing for clinic ${clinicId}: scan in WhatsApp > Linked devices\n${art}\n`));
}
