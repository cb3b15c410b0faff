// All Baileys sessions of this instance, and the Channel the outbox sends
// through. Every tick (5 s) it renews the leases it holds, stops sessions
// whose lease another instance took, takes free leases (an instance that died
// stops renewing; its sessions are taken over within leaseMs + one tick),
// and carries out admin commands left on the session rows.
import type { WAMessage } from "@whiskeysockets/baileys";
import type { Cipher } from "../../../crypto/encryption.js";
import type { Database } from "../../../db/database.js";
import type { Logger } from "../../../logger.js";
import type { Channel, OutboundMessage, SendResult } from "../../messages.js";
import type { Clock } from "../../../clock.js";
import type { InboundOptions } from "./inbound-handler.js";
import { sendThroughSocket } from "./sender.js";
import { SendPacer } from "./send-pacer.js";
import { ClinicSession } from "./session.js";
import { SessionStore } from "./session-store.js";
import { makeBaileysSocket, type BaileysSocket, type SocketFactory } from "./socket.js";
import { defaultInstanceId } from "../instance-id.js";

export interface BaileysManagerOptions extends InboundOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  cipher: Cipher;
  instanceId?: string;
  sendRatePerMinute: number;
  socketFactory?: SocketFactory;
  downloadMedia?: (socket: BaileysSocket, message: WAMessage) => Promise<Buffer>;
  onQr?: (clinicId: string, qr: string) => void;
  leaseMs?: number;
  tickMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => NodeJS.Timeout;
  /** Counts scheduled reconnects (metrics). */
  onReconnect?: () => void;
}

export class BaileysManager implements Channel {
  readonly store: SessionStore;
  private readonly sessions = new Map<string, ClinicSession>();
  private readonly pacer: SendPacer;
  private readonly sleep: (ms: number) => Promise<void>;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(private readonly options: BaileysManagerOptions) {
    this.store = new SessionStore(options.db, options.clock, options.instanceId ?? defaultInstanceId(), options.leaseMs ?? 45_000);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.pacer = new SendPacer(options.sendRatePerMinute, () => options.clock.now().getTime(), this.sleep, options.random);
  }

  get instanceId(): string {
    return this.store.instanceId;
  }

  /** First tick now (the QR codes print at start), then every tickMs. */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => void this.tick().catch((error) => this.options.logger.error({ err: error }, "WhatsApp session tick failed")),
      this.options.tickMs ?? 5000);
    this.timer.unref();
  }

  /** One pass; concurrent calls share it. */
  tick(): Promise<void> {
    this.ticking ??= this.runTick().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  session(clinicId: string): ClinicSession | undefined {
    return this.sessions.get(clinicId);
  }

  readyFor(clinicId: string): boolean {
    const session = this.sessions.get(clinicId);
    return Boolean(session?.socket) && session?.status === "connected";
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    const session = this.sessions.get(message.clinicId);
    if (!session) throw new Error("this instance does not hold the clinic's WhatsApp session");
    if (!session.socket || session.status !== "connected") throw new Error(`WhatsApp session is ${session.status}`);
    return sendThroughSocket({ db: this.options.db, pacer: this.pacer, sleep: this.sleep }, session.socket, message);
  }

  /** Closes every socket and frees the leases, so another instance takes over at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking?.catch(() => undefined);
    for (const [clinicId, session] of this.sessions) {
      await session.stop();
      await this.store.release(clinicId).catch(() => undefined);
    }
    this.sessions.clear();
  }

  private async runTick(): Promise<void> {
    await this.store.ensureRows();
    for (const clinicId of await this.store.renew([...this.sessions.keys()])) {
      this.options.logger.warn({ clinicId }, "WhatsApp lease lost to another instance: closing the local socket");
      await this.sessions.get(clinicId)?.stop();
      this.sessions.delete(clinicId);
    }
    for (const clinicId of await this.store.claimable()) {
      if (this.sessions.has(clinicId) || !(await this.store.acquire(clinicId))) continue;
      const session = this.createSession(clinicId);
      this.sessions.set(clinicId, session);
      this.options.logger.info({ clinicId, instanceId: this.instanceId }, "WhatsApp session taken");
      await session.start().catch((error) => this.options.logger.error({ err: error, clinicId }, "WhatsApp session start failed"));
    }
    await this.runCommands();
  }

  private async runCommands(): Promise<void> {
    for (const command of await this.store.commands([...this.sessions.keys()])) {
      const session = this.sessions.get(command.clinicId);
      if (!session) continue;
      if (command.logoutRequested || !command.enabled) {
        if (command.logoutRequested) await session.logout();
        else await session.stop();
        this.sessions.delete(command.clinicId);
        await this.store.release(command.clinicId);
      } else if (command.pairingPhone && !command.pairingCode) {
        await session.requestPairingCode(command.pairingPhone).catch((error) =>
          this.store.update(command.clinicId, { lastError: `pairing code: ${error instanceof Error ? error.message : String(error)}`, pairingPhone: null }));
      }
    }
  }

  private createSession(clinicId: string): ClinicSession {
    const { db, cipher, logger, clock } = this.options;
    return new ClinicSession({
      clinicId, db, cipher, store: this.store, now: () => clock.now(),
      logger: logger.child({ clinicId }),
      socketFactory: this.options.socketFactory ?? makeBaileysSocket,
      inbound: { ignoreGroups: this.options.ignoreGroups, staffPauseMinutes: this.options.staffPauseMinutes, onInbound: this.options.onInbound },
      downloadMedia: this.options.downloadMedia,
      onQr: this.options.onQr,
      random: this.options.random,
      setTimer: this.options.setTimer,
      onReconnect: this.options.onReconnect,
      onStopped: (id, releaseLease) => {
        this.sessions.delete(id);
        if (releaseLease) void this.store.release(id).catch(() => undefined);
      },
    });
  }
}
