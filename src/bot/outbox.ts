// Sends what the turns queued. Per chat, strictly in order: a chat's next
// message waits until the one before it is sent or has failed for good.
// Retries with exponential backoff; a row claimed by an instance that died
// is claimed again once its lease passes, or at once when that instance
// starts again under the same INSTANCE_ID (reclaimOwn).
//
// A turn's text replies to a chat with nothing else waiting are written
// already claimed by this instance (the send intent committed with the turn)
// and sent at once by sendClaimed, without a claim statement; everything else
// is claimed by the passes below.
//
// Duplicates after a crash: the claim records the send intent (claimedBy,
// sendStartedAt) before the channel is called, and each row's outcome (the
// provider's message id) is recorded as soon as its own send returns, so a
// row whose id was recorded is sent and never sent again. What remains is a
// crash between the provider accepting a message and that record: the row is
// sent again. Baileys reuses the message id derived from the row (the phone
// shows one message); the Cloud API has no idempotency key, so the patient
// may read that one message twice (docs/whatsapp.md).
import { randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import type { Cipher } from "../crypto/encryption.js";
import { openColumn } from "../crypto/sealed-columns.js";
import type { Database } from "../db/database.js";
import { WriteGroup } from "../db/write-group.js";
import { loadMedia } from "../db/media.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../observability/metrics.js";
import type { ClaimedOutboxRow } from "../db/rows.js";
import { claimDueRows, deferOutboxRow, holdOutboxRow, reclaimOwnRows, recordOutboxFailure, recordSentRows, releaseClaimedRows } from "./outbox-statements.js";
import { SendHeldError, SendRefusedError, type Channel, type OutboundMessage, type SendResult } from "./messages.js";

export interface OutboxOptions {
  /** Opens the sealed texts, captions and media it sends. */
  cipher: Cipher;
  maxAttempts: number;
  /** How long a claimed row stays with its claimer before another instance may take it. */
  claimLeaseMs?: number;
  /**
   * Written on the rows this dispatcher claims. Keep it stable across
   * restarts (INSTANCE_ID) and unique among running instances: a restart then
   * takes its own rows back at once (reclaimOwn).
   */
  instanceId?: string;
  batchSize?: number;
  metrics?: Metrics;
}

type ClaimedRow = ClaimedOutboxRow;

const DEFER_MS = 5_000;

interface SentRecord {
  id: string;
  status: SendResult["status"];
  providerMessageId: string | null | undefined;
  at: Date;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

export class OutboxDispatcher {
  readonly instanceId: string;
  private looping = false;
  /** The pass under way, if any. */
  private running: Promise<void> | null = null;
  private readonly sendingClaimed = new Set<Promise<void>>();
  /** The callers of the next pass, which starts when the running one ends. */
  private queued: Deferred<number> | null = null;
  private readonly sentRecords = new WriteGroup<SentRecord, void>(async (rows) => {
    await recordSentRows(this.db.sql, rows);
    return rows.map(() => undefined);
  });

  /** How long a claimed row stays with its claimer (also what a turn that claims its replies writes). */
  get claimLeaseMs(): number {
    return this.options.claimLeaseMs ?? 60_000;
  }

  constructor(
    private readonly db: Database,
    private readonly channel: Channel,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxOptions,
  ) {
    this.instanceId = options.instanceId ?? randomUUID();
  }

  /**
   * At start: rows this instance id claimed before it stopped (a kill -9, a
   * crash) are due now instead of when their lease runs out, so their chats
   * do not wait a minute. Answers how many were taken back.
   */
  async reclaimOwn(): Promise<number> {
    const rows = await reclaimOwnRows(this.db.sql, this.instanceId, this.clock.now());
    if (rows.length > 0) this.logger.warn({ instanceId: this.instanceId, rows: rows.length }, "outbox rows left sending by this instance's previous run taken back");
    return rows.length;
  }

  /**
   * Sends everything that was due when it was called. Concurrent calls share
   * the work: a call waits for the first pass that starts after it, never for
   * the passes that later callers ask for (under steady load that would be
   * forever).
   */
  flush(): Promise<number> {
    this.queued ??= deferred<number>();
    const waiting = this.queued.promise;
    if (!this.looping) void this.loop();
    // Replies a turn claimed for this instance are being sent outside the passes: the call waits for those too.
    const direct = [...this.sendingClaimed];
    return direct.length === 0 ? waiting : Promise.all([waiting, ...direct]).then(([sent]) => sent);
  }

  /** Waits for the sends under way (claimed replies, the running and the queued pass) without asking for a new pass. */
  async idle(): Promise<void> {
    const passes = this.queued ? [this.queued.promise] : [];
    await Promise.allSettled([...passes, ...this.sendingClaimed, this.running ?? Promise.resolve()]);
  }

  /**
   * Text replies a turn wrote already claimed by this instance (the send
   * intent with the turn, turn-writes.ts): sent at once, without a claim
   * statement, each chat's in order. When one cannot be sent now, the chat's
   * later ones go back to the passes, behind it.
   */
  sendClaimed(rows: ClaimedRow[]): void {
    const byChat = new Map<string, ClaimedRow[]>();
    for (const row of rows) {
      const key = `${row.clinicId}\n${row.chatKey}`;
      byChat.set(key, [...(byChat.get(key) ?? []), row]);
    }
    for (const chat of byChat.values()) {
      const sending = this.sendInOrder(chat).catch((error: unknown) => this.logger.error({ err: error }, "sending claimed replies failed"));
      this.sendingClaimed.add(sending);
      void sending.finally(() => this.sendingClaimed.delete(sending));
    }
  }

  private async sendInOrder(rows: ClaimedRow[]): Promise<void> {
    for (const [i, row] of rows.entries()) {
      const outcome = await this.deliver(row);
      if (outcome === "sent" || outcome === "held") continue;
      const rest = rows.slice(i + 1);
      if (rest.length === 0) return;
      await releaseClaimedRows(this.db.sql, rest.map((r) => r.id), this.clock.now());
      void this.flush().catch(() => undefined);
      return;
    }
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      while (this.queued) {
        const callers = this.queued;
        this.queued = null;
        this.running = this.pass().then(callers.resolve, callers.reject);
        await this.running;
        this.running = null;
      }
    } finally {
      this.looping = false;
    }
  }

  /**
   * Claims rounds until nothing is left that was due when the pass started: a
   * chat's next message needs one more round, so a chat with 30 replies
   * waiting takes 30 rounds. What turns queue meanwhile is due after the start
   * and waits for the next pass, so a pass ends even under steady load.
   */
  private async pass(): Promise<number> {
    const dueBy = this.clock.now();
    let sent = 0;
    const limit = this.options.batchSize ?? 50;
    for (;;) {
      const rows = await this.claim(dueBy, limit);
      await Promise.all(rows.map((row) => this.deliver(row)));
      sent += rows.length;
      // Done when the round took every chat there was and none has another message due: no empty claim to learn it.
      if (rows.length < limit && !rows.some((row) => row.hasNext)) break;
    }
    return sent;
  }

  /**
   * The oldest unsent message of each chat that was due by `dueBy`, at most
   * batchSize chats. The claim is the send intent: it writes who sends and
   * since when, and answers the intent an earlier claim left unresolved.
   */
  private async claim(dueBy: Date, limit: number): Promise<ClaimedRow[]> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.claimLeaseMs);
    return claimDueRows(this.db.sql, dueBy, now, leaseUntil, limit, this.instanceId);
  }

  private async deliver(row: ClaimedRow): Promise<"sent" | "held" | "deferred" | "failed"> {
    if (this.channel.readyFor && !this.channel.readyFor(row.clinicId)) {
      await this.defer(row);
      return "deferred";
    }
    if (row.unsureSince) {
      // Maybe accepted already: sent again, under the same id where the channel has one (Baileys).
      this.options.metrics?.outboundMessages.inc({ kind: row.kind, result: "resent_unsure" });
      this.logger.warn({ outboxMessageId: row.id, since: row.unsureSince }, "outbound message sent again after an unrecorded send");
    }
    let result: SendResult;
    try {
      result = await this.channel.send(await this.toOutbound(row));
    } catch (error) {
      return this.recordFailure(row, error);
    }
    this.options.metrics?.outboundMessages.inc({ kind: row.kind, result: "sent" });
    // As soon as it returns, not after the rest of the batch: the window in which a crash re-sends an accepted message stays one or two statements.
    await this.recordSent(row.id, result);
    return "sent";
  }

  /** Not ours to send now: back to pending, no attempt counted, looked at again shortly. */
  private async defer(row: ClaimedRow): Promise<void> {
    await deferOutboxRow(this.db.sql, row.id, new Date(this.clock.now().getTime() + DEFER_MS));
  }

  /**
   * Sends that return while one record is being written wait for it and are
   * written together in the next one (src/db/write-group.ts): a batch of 50
   * sends costs a few statements, not 50, and no row waits longer than one
   * statement in flight plus its own (the crash window above stays that short).
   */
  private recordSent(id: string, result: SendResult): Promise<void> {
    return this.sentRecords.add({ id, status: result.status, providerMessageId: result.providerMessageId, at: this.clock.now() });
  }

  private async recordFailure(row: ClaimedRow, error: unknown): Promise<"held" | "failed"> {
    if (error instanceof SendHeldError) {
      this.options.metrics?.outboundMessages.inc({ kind: row.kind, result: "held" });
      await holdOutboxRow(this.db.sql, row.id, error.message.slice(0, 2000));
      return "held";
    }
    const attempts = row.attempts + 1;
    const giveUp = attempts >= this.options.maxAttempts || error instanceof SendRefusedError;
    // 2 s, 4 s, 8 s, ... capped at 10 minutes, with jitter so instances do not retry in step.
    const delayMs = Math.min(2000 * 2 ** (attempts - 1), 600_000) * (0.8 + Math.random() * 0.4);
    const message = error instanceof Error ? error.message : String(error);
    this.options.metrics?.outboundMessages.inc({ kind: row.kind, result: giveUp ? "gave_up" : "failed" });
    this.logger.warn({ outboxMessageId: row.id, attempts, giveUp, err: message.slice(0, 300) }, "outbound send failed");
    await recordOutboxFailure(this.db.sql, row.id, giveUp ? "failed" : "pending", attempts, message.slice(0, 2000), new Date(this.clock.now().getTime() + delayMs));
    return "failed";
  }

  private async toOutbound(row: ClaimedRow): Promise<OutboundMessage> {
    const base = { id: row.id, clinicId: row.clinicId, chatKey: row.chatKey, kind: row.kind as OutboundMessage["kind"] };
    const { cipher } = this.options;
    if (!row.mediaId) {
      const choices = openColumn(cipher, "OutboxMessage.choices", row.id, row.choices);
      return { ...base, text: openColumn(cipher, "OutboxMessage.text", row.id, row.text) ?? "", ...(choices ? { choices: JSON.parse(choices) as OutboundMessage["choices"] } : {}) };
    }
    const media = await loadMedia(this.db.sql, cipher, row.mediaId);
    if (!media) throw new Error(`media ${row.mediaId} is missing`);
    return {
      ...base,
      caption: openColumn(cipher, "OutboxMessage.caption", row.id, row.caption) ?? undefined,
      media: { data: media.data, mimetype: row.mimetype ?? media.mimetype, filename: row.filename ?? media.filename ?? undefined },
    };
  }
}
