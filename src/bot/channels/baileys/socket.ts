// The part of a Baileys socket Zelo uses. makeWASocket's result fits it; the
// tests' fake socket implements just this (no network).
import makeWASocket, {
  Browsers, makeCacheableSignalKeyStore,
  type AuthenticationCreds, type BaileysEventEmitter, type Contact, type SignalKeyStore, type WASocket,
} from "@whiskeysockets/baileys";
import type { Logger } from "../../../logger.js";

export interface BaileysSocket {
  ev: BaileysEventEmitter;
  user?: Contact;
  sendMessage: WASocket["sendMessage"];
  sendPresenceUpdate: WASocket["sendPresenceUpdate"];
  requestPairingCode: WASocket["requestPairingCode"];
  logout: WASocket["logout"];
  end: WASocket["end"];
  updateMediaMessage: WASocket["updateMediaMessage"];
}

export interface SocketOptions {
  clinicId: string;
  creds: AuthenticationCreds;
  keys: SignalKeyStore;
  logger: Logger;
}

export type SocketFactory = (options: SocketOptions) => BaileysSocket;

/** The real socket: our database key store behind Baileys' cache, quiet logs, no own QR printing. */
export const makeBaileysSocket: SocketFactory = ({ creds, keys, logger }) => {
  const baileysLogger = logger.child({ module: "baileys" }, { level: logger.levelVal > 40 ? logger.level : "warn" });
  return makeWASocket({
    auth: { creds, keys: makeCacheableSignalKeyStore(keys, baileysLogger) },
    logger: baileysLogger,
    browser: Browsers.ubuntu("Zelo"),
    markOnlineOnConnect: false,
    syncFullHistory: false,
    connectTimeoutMs: 20_000,
  });
};
