// Sends what the turns queued. Per chat, strictly in order: a chat's next
// message waits until the one before it is sent or has failed for good.
// Retries with exponential backoff; a row claimed by an instance that died
// is claimed again once its lease passes.
import type { Clock } from "../clock.js";
import type { Database } from "../db/database.js";
import { loadMedia } from "../db/media.js";
import type { Logger } from "../logger.js";
import type { Channel, OutboundMessage } from "./messages.js";

export interface OutboxOptions {
  maxAttempts: number;
  /** How long a claimed row stays with its claimer before another instance may take it. */
  claimLeaseMs?: number;
  batchSize?: number;
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

export class OutboxDispatcher {
  private running: Promise<number> | null = null;
  private again = false;

  constructor(
    private readonly db: Database,
    private readonly channel: Channel,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: OutboxOptions,
  ) {}

  /** Sends everything due now; concurrent calls share one run (and ask for one more pass). */
  async flush(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => (this.running = null));
    return this.running;
  }

  private async loop(): Promise<number> {
    let sent = 0;
    do {
      this.again = false;
      for (;;) {
        const rows = await this.claim();
        if (rows.length === 0) break;
        await Promise.all(rows.map((row) => this.deliver(row)));
        sent += rows.length;
      }
    } while (this.again);
    return sent;
  }

  /** The oldest unsent message of each chat that is due, at most batchSize chats. */
  private async claim(): Promise<ClaimedRow[]> {
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + (this.options.claimLeaseMs ?? 60_000));
    return this.db.prisma.$queryRaw<ClaimedRow[]>`
      UPDATE "OutboxMessage" AS o SET status = 'sending', "nextAttemptAt" = ${leaseUntil}
      WHERE o.id IN (
        SELECT c.id FROM "OutboxMessage" AS c
        WHERE c.status IN ('pending', 'sending') AND c."nextAttemptAt" <= ${now}
          AND NOT EXISTS (
            SELECT 1 FROM "OutboxMessage" AS e
            WHERE e."clinicId" = c."clinicId" AND e."chatKey" = c."chatKey"
              AND e.status IN ('pending', 'sending') AND e.seq < c.seq)
        ORDER BY c.seq
        LIMIT ${this.options.batchSize ?? 50}
        FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o."clinicId", o."chatKey", o.kind, o.text, o."mediaId", o.mimetype, o.filename, o.caption, o.attempts`;
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    try {
      const message = await this.toOutbound(row);
      const result = await this.channel.send(message);
      const now = this.clock.now();
      await this.db.prisma.outboxMessage.update({
        where: { id: row.id },
        data: {
          status: result.status,
          providerMessageId: result.providerMessageId,
          attempts: row.attempts + 1,
          sentAt: now,
          deliveredAt: result.status === "delivered" ? now : null,
        },
      });
    } catch (error) {
      await this.recordFailure(row, error);
    }
  }

  private async recordFailure(row: ClaimedRow, error: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const giveUp = attempts >= this.options.maxAttempts;
    // 2 s, 4 s, 8 s, ... capped at 10 minutes, with jitter so instances do not retry in step.
    const delayMs = Math.min(2000 * 2 ** (attempts - 1), 600_000) * (0.8 + Math.random() * 0.4);
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn({ outboxMessageId: row.id, attempts, giveUp, err: message.slice(0, 300) }, "outbound send failed");
    await this.db.prisma.outboxMessage.update({
      where: { id: row.id },
      data: {
        status: giveUp ? "failed" : "pending",
        attempts,
        lastError: message.slice(0, 2000),
        nextAttemptAt: new Date(this.clock.now().getTime() + delayMs),
      },
    });
  }

  private async toOutbound(row: ClaimedRow): Promise<OutboundMessage> {
    const base = { id: row.id, clinicId: row.clinicId, chatKey: row.chatKey, kind: row.kind as OutboundMessage["kind"] };
    if (!row.mediaId) return { ...base, text: row.text ?? "" };
    const media = await loadMedia(this.db, row.mediaId);
    if (!media) throw new Error(`media ${row.mediaId} is missing`);
    return {
      ...base,
      caption: row.caption ?? undefined,
      media: { data: media.data, mimetype: row.mimetype ?? media.mimetype, filename: row.filename ?? media.filename ?? undefined },
    };
  }
}
