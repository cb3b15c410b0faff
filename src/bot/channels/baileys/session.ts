// One clinic's WhatsApp connection on this instance, while it holds the lease:
// connect, follow connection.update (QR, open, close), reconnect with a
// backoff chosen by the close reason, and hand messages to the inbox.
import type { Boom } from "@hapi/boom";
import { downloadMediaMessage, type BaileysEventMap, type WAMessage } from "@whiskeysockets/baileys";
import type { Cipher } from "../../../crypto/encryption.js";
import type { Database } from "../../../db/database.js";
import type { Logger } from "../../../logger.js";
import { loadAuthState, phoneForLid, type DatabaseAuthState } from "./auth-store.js";
import { decideOnClose } from "./close-reason.js";
import { handleUpsert, type InboundOptions } from "./inbound-handler.js";
import { handleMessageUpdates } from "./receipts.js";
import type { SessionPatch, SessionStatus, SessionStore } from "./session-store.js";
import type { BaileysSocket, SocketFactory } from "./socket.js";

export interface SessionDeps {
  clinicId: string;
  db: Database;
  store: SessionStore;
  cipher: Cipher;
  logger: Logger;
  now: () => Date;
  socketFactory: SocketFactory;
  inbound: InboundOptions;
  /** Replaces Baileys' downloadMediaMessage (tests). */
  downloadMedia?: (socket: BaileysSocket, message: WAMessage) => Promise<Buffer>;
  onQr?: (clinicId: string, qr: string) => void;
  /** The session stopped for good (logged out, replaced): the manager forgets it, releasing the lease if asked. */
  onStopped?: (clinicId: string, releaseLease: boolean) => void;
  /** Counts scheduled reconnects (metrics). */
  onReconnect?: () => void;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => NodeJS.Timeout;
}

export class ClinicSession {
  socket: BaileysSocket | undefined;
  status: SessionStatus = "disconnected";
  private auth: DatabaseAuthState | undefined;
  private attempts = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Events of one socket are handled one after another, in the order they came. */
  private queue: Promise<unknown> = Promise.resolve();
  private pairingPhone: string | undefined;

  constructor(private readonly deps: SessionDeps) {}

  get clinicId(): string {
    return this.deps.clinicId;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.timer = undefined;
    this.auth = await loadAuthState(this.deps.db, this.deps.clinicId, this.deps.cipher);
    await this.setStatus("connecting", {});
    const socket = this.deps.socketFactory({
      clinicId: this.deps.clinicId, creds: this.auth.creds, keys: this.auth.keys, logger: this.deps.logger,
    });
    this.socket = socket;
    const run = <K extends keyof BaileysEventMap>(event: K, work: (data: BaileysEventMap[K]) => Promise<void>) => {
      socket.ev.on(event, (data) => {
        if (socket !== this.socket) return; // a socket we already replaced
        this.queue = this.queue.then(() => work(data)).catch((error) =>
          this.deps.logger.error({ err: error, clinicId: this.deps.clinicId, event }, "WhatsApp event handling failed"));
      });
    };
    run("creds.update", async () => this.auth?.saveCreds());
    run("connection.update", (update) => this.onConnectionUpdate(socket, update));
    run("messages.upsert", ({ messages }) => handleUpsert(this.inboundContext(socket), messages));
    run("messages.update", (updates) => handleMessageUpdates(this.deps.db, this.deps.clinicId, updates, this.deps.now()));
  }

  private inboundContext(socket: BaileysSocket) {
    const download = this.deps.downloadMedia
      ?? ((s: BaileysSocket, message: WAMessage) =>
        downloadMediaMessage(message, "buffer", {}, { reuploadRequest: s.updateMediaMessage, logger: this.deps.logger }));
    return {
      ...this.deps.inbound,
      db: this.deps.db,
      cipher: this.deps.cipher,
      clinicId: this.deps.clinicId,
      now: this.deps.now,
      logger: this.deps.logger,
      phoneForLid: (lidUser: string) => (this.auth ? phoneForLid(this.auth.keys, lidUser) : Promise.resolve(undefined)),
      downloadMedia: (message: WAMessage) => download(socket, message),
    };
  }

  private async onConnectionUpdate(socket: BaileysSocket, update: BaileysEventMap["connection.update"]): Promise<void> {
    if (update.qr) {
      await this.setStatus("qr", { qr: update.qr });
      this.deps.onQr?.(this.deps.clinicId, update.qr);
      if (this.pairingPhone) await this.requestPairingCode(this.pairingPhone);
    }
    if (update.connection === "open") {
      this.attempts = 0;
      const phone = socket.user?.id ? `+${socket.user.id.split(/[:@]/)[0]}` : null;
      await this.setStatus("connected", {
        qr: null, lastError: null, attempts: 0, nextAttemptAt: null, phone, lastConnectedAt: this.deps.now(),
        pairingCode: null, pairingPhone: null,
      });
      this.pairingPhone = undefined;
      this.deps.logger.info({ clinicId: this.deps.clinicId }, "WhatsApp connected");
    }
    if (update.connection === "close") await this.onClose(update.lastDisconnect?.error);
  }

  private async onClose(error: Error | Boom | undefined): Promise<void> {
    this.socket = undefined;
    if (this.stopped) return;
    const code = (error as Boom | undefined)?.output?.statusCode;
    this.attempts += 1;
    const decision = decideOnClose(code, error?.message ?? "", this.attempts, this.auth?.creds.registered ?? false, this.deps.random);
    this.deps.logger.warn({ clinicId: this.deps.clinicId, code, reason: decision.reason, decision: decision.action }, "WhatsApp connection closed");
    if (decision.action === "reconnect") {
      const nextAttemptAt = new Date(this.deps.now().getTime() + decision.delayMs);
      this.deps.onReconnect?.();
      await this.setStatus("connecting", { lastError: decision.reason, attempts: this.attempts, nextAttemptAt });
      const schedule = this.deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref());
      this.timer = schedule(() => void this.connect().catch((err) => this.reconnectFailed(err)), decision.delayMs);
      return;
    }
    this.stopped = true;
    if (decision.clearAuth) await this.auth?.clear();
    await this.setStatus(decision.status, {
      lastError: decision.reason, qr: null, pairingCode: null, enabled: false, attempts: this.attempts, nextAttemptAt: null,
      ...(decision.status === "logged_out" ? { phone: null, logoutRequested: false } : {}),
    });
    this.deps.onStopped?.(this.deps.clinicId, decision.releaseLease);
  }

  /** A reconnect that failed before a socket existed (e.g. the database was down): try again later. */
  private async reconnectFailed(error: unknown): Promise<void> {
    this.deps.logger.error({ err: error, clinicId: this.deps.clinicId }, "WhatsApp reconnect failed");
    await this.onClose(error instanceof Error ? error : new Error(String(error)));
  }

  /** Resolves when every event received so far has been handled (tests await it). */
  async idle(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.queue;
      await seen.catch(() => undefined);
    } while (seen !== this.queue);
  }

  /** Asks WhatsApp for an 8-character code to type on the phone (Linked devices > Link with phone number). */
  async requestPairingCode(phone: string): Promise<string | undefined> {
    this.pairingPhone = phone;
    if (!this.socket || this.status !== "qr" || this.auth?.creds.registered) return undefined;
    const code = await this.socket.requestPairingCode(phone.replace(/\D/g, ""));
    await this.deps.store.update(this.deps.clinicId, { pairingCode: code, pairingPhone: null });
    this.pairingPhone = undefined;
    return code;
  }

  /** Unlinks this device from the phone and forgets the keys. */
  async logout(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = undefined;
    await socket?.logout().catch((error) => this.deps.logger.warn({ err: error, clinicId: this.deps.clinicId }, "WhatsApp logout failed"));
    await (this.auth ?? (await loadAuthState(this.deps.db, this.deps.clinicId, this.deps.cipher))).clear();
    await this.setStatus("logged_out", { qr: null, phone: null, pairingCode: null, pairingPhone: null, logoutRequested: false, enabled: false, lastError: null });
  }

  /** Closes the socket without logging out (shutdown, lease lost): another instance may carry on. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = undefined;
    await socket?.end(undefined).catch(() => undefined);
    await this.queue.catch(() => undefined);
  }

  private async setStatus(status: SessionStatus, patch: SessionPatch): Promise<void> {
    const changed = status !== this.status;
    this.status = status;
    await this.deps.store.update(this.deps.clinicId, { ...patch, status });
    if (changed) this.deps.logger.info({ clinicId: this.deps.clinicId, status, lastError: patch.lastError }, "WhatsApp session status");
  }
}
