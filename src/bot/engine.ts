// The spine: handles a chat's stored inbound messages strictly in order, one
// at a time, also across instances (a row lock on the conversation). Each
// turn writes the new state, the outbox rows and the inbox status in one
// transaction; a failure leaves the old state and retries the message later.
import type { Clock } from "../clock.js";
import type { Database, Sql } from "../db/database.js";
import { isAppError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../observability/metrics.js";
import { EVENT_KIND } from "../chat-events/types.js";
import { rateWindowAt } from "../limits/rate-counter.js";
import { chatRateKey, passesLimits, refuseOverLimits, type ChatLimits } from "./chat-limits.js";
import { queueText } from "./chat-writes.js";
import { runTurn, type InboxRow, type TurnOutcome, type TurnSettings } from "./turn.js";
import { deferTextReplies, saveTurn, StaleTurnError, takeTurn, type RateSlot } from "./turn-writes.js";

export interface EngineOptions extends TurnSettings {
  maxAttempts: number;
  /** Called after each committed turn that queued outbound messages. */
  onOutbox?: () => void;
  /** Runs inside the turn's transaction before commit; lets tests inject a failure. */
  beforeCommit?: (outcome: TurnOutcome, message: InboxRow) => Promise<void> | void;
  /** Per-chat rate limit and size caps, checked before the flow (chat-limits.ts). */
  limits?: ChatLimits;
  metrics?: Metrics;
}

/** "handledLast": handled, and no other message of the chat was waiting. */
type TurnResult = "handled" | "handledLast" | "idle" | "retryLater" | "failed";

/** A chat's drain in this process: the pass queued behind the running one, shared by every caller until it starts. */
interface ChatDrain {
  tail: Promise<void>;
  queued: Promise<void> | null;
}

export class ConversationEngine {
  private readonly drains = new Map<string, ChatDrain>();
  /** Chats a committed turn raised events for (a freed time offered to a waitlisted patient), drained after the pass. */
  private readonly raisedElsewhere = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: EngineOptions,
  ) {}

  /**
   * Handles every due message of the chat, oldest first. Callers for one chat
   * share passes: while a pass runs, one more is queued, and every caller that
   * comes before it starts joins it (it will see their stored messages). So a
   * phone that sends 60 messages at once holds one database slot at a time,
   * not 60, and other chats are not queued behind its flood.
   */
  drainChat(clinicId: string, chatKey: string): Promise<void> {
    const key = `${clinicId}\n${chatKey}`;
    const drain = this.drains.get(key) ?? { tail: Promise.resolve(), queued: null };
    if (drain.queued) return drain.queued;
    const pass = drain.tail.then(() => {
      drain.queued = null;
      return this.drainPass(clinicId, chatKey);
    });
    const tail = pass.catch(() => undefined);
    Object.assign(drain, { queued: pass, tail });
    this.drains.set(key, drain);
    void tail.then(() => {
      if (drain.tail === tail) this.drains.delete(key);
    });
    // Outside the chat's chain: a chat that raises an event back for this one queues a new pass, never waits on this one.
    return pass.then(() => this.drainRaised());
  }

  private async drainRaised(): Promise<void> {
    const chats = [...this.raisedElsewhere];
    this.raisedElsewhere.clear();
    for (const chat of chats) {
      const [clinicId, chatKey] = chat.split("\n") as [string, string];
      await this.drainChat(clinicId, chatKey);
    }
  }

  private async drainPass(clinicId: string, chatKey: string): Promise<void> {
    for (;;) {
      const result = await this.handleNext(clinicId, chatKey);
      if (result === "idle" || result === "retryLater") break;
      // A cheap look before taking the lock again: most chats have nothing more.
      if (result === "handledLast" || !(await hasPending(this.db.sql, clinicId, chatKey))) break;
    }
  }

  /** Picks up messages whose retry is due, and any left behind by a crash. */
  async retryDue(limit = 100): Promise<number> {
    const chats = await this.db.sql.query<{ clinicId: string; chatKey: string }>(
      `SELECT DISTINCT "clinicId", "chatKey" FROM "InboxMessage"
       WHERE status = 'pending' AND "nextAttemptAt" <= $1 LIMIT $2`,
      [this.clock.now(), limit],
    );
    for (const chat of chats) await this.drainChat(chat.clinicId, chat.chatKey);
    return chats.length;
  }

  private async handleNext(clinicId: string, chatKey: string): Promise<TurnResult> {
    const now = this.clock.now();
    const started = performance.now();
    const { cipher, limits } = this.options;
    let picked: InboxRow | undefined;
    let refused = false;
    try {
      const result = await this.db.transaction(async (sql) => {
        const slot = limits ? rateSlot(limits, clinicId, chatKey, now) : null;
        const { conversation, message, rateCount } = await takeTurn(sql, cipher, clinicId, chatKey, now, slot);
        if (!message) return "idle" as const;
        if (message.nextAttemptAt > now) return "retryLater" as const;
        picked = message;
        // Events are the clinic's, not the person's: never counted against the chat's limits.
        const counts = limits !== undefined && message.kind !== EVENT_KIND;
        const countWithTurn = counts && passesLimits(message, limits, rateCount);
        const refusal = counts && !countWithTurn ? await refuseOverLimits(sql, cipher, message, limits, now) : undefined;
        if (refusal) {
          refused = true;
          return { queued: refusal.replied, morePending: true };
        }
        const turnSql = deferTextReplies(sql);
        const outcome = await runTurn(turnSql.sql, conversation, message, now, this.options);
        await this.options.beforeCommit?.(outcome, message);
        const replies = turnSql.take();
        const morePending = await saveTurn(sql, cipher, { conversation, message, replies, rate: countWithTurn ? slot : null }, outcome, now);
        return { queued: outcome.effects.some((effect) => effect.kind === "reply" || effect.kind === "sendMedia"), morePending, raised: outcome.raised };
      });
      if (typeof result === "string") return result;
      this.observe(picked!, refused ? "refused" : "handled", started);
      if (result.queued) this.options.onOutbox?.();
      if ("raised" in result) for (const chat of result.raised ?? []) this.raisedElsewhere.add(`${chat.clinicId}\n${chat.chatKey}`);
      return result.morePending ? "handled" : "handledLast";
    } catch (error) {
      // Another instance handled it while this one waited for the lock: take the chat's next message afresh.
      if (error instanceof StaleTurnError) return "handled";
      if (!picked) throw error;
      const failure = await this.recordFailure(picked, error, now);
      this.observe(picked, failure === "failed" ? "failed" : "retry", started);
      return failure;
    }
  }

  private observe(message: InboxRow, outcome: "handled" | "refused" | "failed" | "retry", started: number): void {
    const seconds = (performance.now() - started) / 1000;
    this.options.metrics?.turnDuration.observe({ outcome }, seconds);
    if (outcome !== "retry") this.options.metrics?.inboundMessages.inc({ kind: message.kind, outcome });
    this.logger.debug({ inboxMessageId: message.id, kind: message.kind, outcome, ms: Math.round(seconds * 1000) }, "turn");
  }

  private async recordFailure(message: InboxRow, error: unknown, now: Date): Promise<TurnResult> {
    const attempts = message.attempts + 1;
    const lastError = (isAppError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error)).slice(0, 2000);
    this.logger.error({ inboxMessageId: message.id, attempts, err: lastError.slice(0, 500) }, "turn failed");
    if (attempts < this.options.maxAttempts) {
      // 1 s, 4 s, 16 s, ... capped at 5 minutes.
      const delayMs = Math.min(1000 * 4 ** (attempts - 1), 300_000);
      await this.db.sql.query(
        `UPDATE "InboxMessage" SET attempts = $2, "lastError" = $3, "nextAttemptAt" = $4 WHERE id = $1`,
        [message.id, attempts, lastError, new Date(now.getTime() + delayMs)],
      );
      return "retryLater";
    }
    await this.giveUp(message, attempts, lastError, now);
    return "failed";
  }

  /**
   * Never silence: the person is told something went wrong, and the message is kept as failed. A chat event
   * that fails for good is kept as failed too (its error in lastError, the log above), but the person wrote
   * nothing: they are not asked to "try again".
   */
  private async giveUp(message: InboxRow, attempts: number, lastError: string, now: Date): Promise<void> {
    await this.db.transaction(async (sql) => {
      await sql.query(
        `UPDATE "InboxMessage" SET attempts = $2, status = 'failed', "lastError" = $3, "handledAt" = $4 WHERE id = $1`,
        [message.id, attempts, lastError, now],
      );
      if (message.kind === EVENT_KIND) return;
      const scope = { clinicId: message.clinicId, chatKey: message.chatKey, inboxMessageId: message.id, now };
      await queueText(sql, this.options.cipher, scope, "Desculpe, não consegui processar sua mensagem. Pode tentar de novo? Se preferir, digite *atendente*.", now);
    });
    this.options.onOutbox?.();
  }
}

async function hasPending(sql: Sql, clinicId: string, chatKey: string): Promise<boolean> {
  const rows = await sql.query(
    `SELECT 1 FROM "InboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2 AND status = 'pending' LIMIT 1`,
    [clinicId, chatKey],
  );
  return rows.length > 0;
}

function rateSlot(limits: ChatLimits, clinicId: string, chatKey: string, now: Date): RateSlot {
  const { start, end } = rateWindowAt({ limit: limits.messages, windowSeconds: limits.windowSeconds }, now);
  return { key: chatRateKey(clinicId, chatKey), windowStart: start, expiresAt: end };
}
