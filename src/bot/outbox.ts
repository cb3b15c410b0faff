// Sends what the turns queued. Per chat, strictly in order: a chat's next
// message waits until the one before it is sent or has failed for good.
// Retries with exponential backoff; a row claimed by an instance that died
// is claimed again once its lease passes.
import type { Clock } from "../clock.js";
import type { Database } from "../db/database.js";
import { loadMedia } from "../db/media.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../observability/metrics.js";
import type { Channel, OutboundMessage } from "./messages.js";

export interface OutboxOptions {
  maxAttempts: number;
  /** How long a claimed row stays with its claimer before another instance may take it. */
  claimLeaseMs?: number;
  batchSize?: number;
  metrics?: Metrics;
}

interface ClaimedRow {
  id: string;
  clinicId: string;
  chatKey: string;
  kind: string;
  text: string | null;
  mediaId: string | null;
  mimetype: string | null;
  filename: string | null;
  caption: string | null;
  attempts: number;
}

const DEFER_MS = 5_000;
const MAX_ROUNDS_PER_PASS = 20;

interface FlushWaiter {
  generation: number;
  resolve(sent: number): void;
  reject(error: unknown): void;
}

interface SentRow {
  id: string;
  status: "sent" | "delivered";
  providerMessageId: string;
}

export class OutboxDispatcher {
  private requested = 0;
  private completed = 0;
  private looping = false;
  private waiters: FlushWaiter[] = [];

  constructor(
    private readonly db: Database,
    private readonly channel: Channel,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxOptions,
  ) {}

  /**
   * Sends everything that was due when it was called. Concurrent calls share
   * the work: a call waits for the first pass that starts after it, never for
   * the passes that later callers ask for (under steady load that would be
   * forever).
   */
  flush(): Promise<number> {
    const generation = ++this.requested;
    const done = new Promise<number>((resolve, reject) => this.waiters.push({ generation, resolve, reject }));
    if (!this.looping) void this.loop();
    return done;
  }

  private async loop(): Promise<void> {
    this.looping = true;
    try {
      while (this.completed < this.requested) {
        const target = this.requested;
        try {
          const sent = await this.pass();
          this.settle(target, (waiter) => waiter.resolve(sent));
        } catch (error) {
          this.settle(target, (waiter) => waiter.reject(error));
        }
        this.completed = target;
      }
    } finally {
      this.looping = false;
    }
  }

  private settle(upTo: number, finish: (waiter: FlushWaiter) => void): void {
    const ready = this.waiters.filter((waiter) => waiter.generation <= upTo);
    this.waiters = this.waiters.filter((waiter) => waiter.generation > upTo);
    ready.forEach(finish);
  }

  /** Claims rounds until nothing is due; a chat's next message needs one more round, so a few rounds suffice. */
  private async pass(): Promise<number> {
    let sent = 0;
    for (let round = 0; round < MAX_ROUNDS_PER_PASS; round++) {
      const rows = await this.claim();
      if (rows.length === 0) break;
      const delivered = await Promise.all(rows.map((row) => this.deliver(row)));
      await this.recordSent(delivered.filter((entry): entry is SentRow => entry !== undefined));
      sent += rows.length;
    }
    return sent;
  }

  /** The oldest unsent message of each chat that is due, at most batchSize chats. */
  private async claim(): Promise<ClaimedRow[]> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + (this.options.claimLeaseMs ?? 60_000));
    return this.db.sql.query<ClaimedRow>(
      `UPDATE "OutboxMessage" AS o SET status = 'sending', "nextAttemptAt" = $2
       WHERE o.id IN (
         SELECT c.id FROM "OutboxMessage" AS c
         WHERE c.status IN ('pending', 'sending') AND c."nextAttemptAt" <= $1
           AND NOT EXISTS (
             SELECT 1 FROM "OutboxMessage" AS e
             WHERE e."clinicId" = c."clinicId" AND e."chatKey" = c."chatKey"
               AND e.status IN ('pending', 'sending') AND e.seq < c.seq)
         ORDER BY c.seq
         LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING o.id, o."clinicId", o."chatKey", o.kind, o.text, o."mediaId", o.mimetype, o.filename, o.caption, o.attempts`,
      [now, leaseUntil, this.options.batchSize ?? 50],
    );
  }

  private async deliver(row: ClaimedRow): Promise<SentRow | undefined> {
    if (this.channel.readyFor && !this.channel.readyFor(row.clinicId)) {
      await this.defer(row);
      return undefined;
    }
    try {
      const message = await this.toOutbound(row);
      const result = await this.channel.send(message);
      this.options.metrics?.outboundMessages.inc({ kind: row.kind, result: "sent" });
      return { id: row.id, status: result.status, providerMessageId: result.providerMessageId };
    } catch (error) {
      await this.recordFailure(row, error);
      return undefined;
    }
  }

  /** Not ours to send now: back to pending, no attempt counted, looked at again shortly. */
  private async defer(row: ClaimedRow): Promise<void> {
    await this.db.sql.query(
      `UPDATE "OutboxMessage" SET status = 'pending', "nextAttemptAt" = $2 WHERE id = $1`,
      [row.id, new Date(this.clock.now().getTime() + DEFER_MS)],
    );
  }

  /** One statement for the whole batch. */
  private async recordSent(rows: SentRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.sql.query(
      `UPDATE "OutboxMessage" AS o SET status = s.status, "providerMessageId" = s.provider, attempts = o.attempts + 1,
         "sentAt" = $4, "deliveredAt" = CASE WHEN s.status = 'delivered' THEN $4::timestamp ELSE o."deliveredAt" END
       FROM unnest($1::text[], $2::text[], $3::text[]) AS s(id, status, provider)
       WHERE o.id = s.id`,
      [rows.map((r) => r.id), rows.map((r) => r.status), rows.map((r) => r.providerMessageId), this.clock.now()],
    );
  }

  private async recordFailure(row: ClaimedRow, error: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const giveUp = attempts >= this.options.maxAttempts;
    // 2 s, 4 s, 8 s, ... capped at 10 minutes, with jitter so instances do not retry in step.
    const delayMs = Math.min(2000 * 2 ** (attempts - 1), 600_000) * (0.8 + Math.random() * 0.4);
    const message = error instanceof Error ? error.message : String(error);
    this.options.metrics?.outboundMessages.inc({ kind: row.kind, result: giveUp ? "gave_up" : "failed" });
    this.logger.warn({ outboxMessageId: row.id, attempts, giveUp, err: message.slice(0, 300) }, "outbound send failed");
    await this.db.sql.query(
      `UPDATE "OutboxMessage" SET status = $2, attempts = $3, "lastError" = $4, "nextAttemptAt" = $5 WHERE id = $1`,
      [row.id, giveUp ? "failed" : "pending", attempts, message.slice(0, 2000), new Date(this.clock.now().getTime() + delayMs)],
    );
  }

  private async toOutbound(row: ClaimedRow): Promise<OutboundMessage> {
    const base = { id: row.id, clinicId: row.clinicId, chatKey: row.chatKey, kind: row.kind as OutboundMessage["kind"] };
    if (!row.mediaId) return { ...base, text: row.text ?? "" };
    const media = await loadMedia(this.db.sql, row.mediaId);
    if (!media) throw new Error(`media ${row.mediaId} is missing`);
    return {
      ...base,
      caption: row.caption ?? undefined,
      media: { data: media.data, mimetype: row.mimetype ?? media.mimetype, filename: row.filename ?? media.filename ?? undefined },
    };
  }
}
