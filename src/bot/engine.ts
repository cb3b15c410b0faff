// The spine: handles a chat's stored inbound messages strictly in order, one
// at a time, also across instances (a row lock on the conversation). Each
// turn writes the new state, the outbox rows and the inbox status in its
// transaction; a failure leaves the old state and retries the message later.
// When many chats are ready at once their turns share one transaction (group
// commit: one lock statement, one write statement, one commit for the lot);
// a turn that fails sends its batch back, and each chat is then taken alone.
import type { Clock } from "../clock.js";
import type { Database, Sql } from "../db/database.js";
import type { ClaimedOutboxRow } from "../db/rows.js";
import { isAppError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../observability/metrics.js";
import { EVENT_KIND } from "../chat-events/types.js";
import { rateWindowAt } from "../limits/rate-counter.js";
import { chatRateKey, passesLimits, refuseOverLimits, type ChatLimits } from "./chat-limits.js";
import { queueText } from "./chat-writes.js";
import { ClinicInfoCache } from "./clinic-info-facts.js";
import { WaitsOutside } from "./effects/scope.js";
import { failMessage, listChatsWithDueMessages, retryMessageLater } from "./turn-statements.js";
import { runTurn, type InboxRow, type TurnOutcome, type TurnSettings } from "./turn.js";
import {
  chatId, claimedRows, deferTextReplies, saveTurn, saveTurns, StaleTurnError, takeTurn, takeTurnsOf, type ReplyClaim,
  type ChatRef, type FinishedTurn, type PendingMessage, type RateSlot, type TakenTurn,
} from "./turn-writes.js";

export interface EngineOptions extends TurnSettings {
  maxAttempts: number;
  /** Called after each committed turn that queued outbound messages the outbox must claim. */
  onOutbox?: () => void;
  /**
   * The instance that sends a turn's text replies itself: written already
   * claimed (when their chat has nothing else waiting) and handed to `send`
   * once the turn commits, so they cost no claim statement.
   */
  replyClaims?: { instanceId: string; leaseMs: number; send(rows: ClaimedOutboxRow[]): void };
  /** Runs inside the turn's transaction before commit; lets tests inject a failure. */
  beforeCommit?: (outcome: TurnOutcome, message: InboxRow) => Promise<void> | void;
  /** Per-chat rate limit and size caps, checked before the flow (chat-limits.ts). */
  limits?: ChatLimits;
  metrics?: Metrics;
  /** Transactions of turns running side by side (each holds one database connection). */
  turnWorkers?: number;
  /** At most this many chats' turns share one transaction. */
  turnBatchSize?: number;
}

/** "handledLast": handled, and no other message of the chat was waiting. */
type TurnResult = "handled" | "handledLast" | "idle" | "retryLater" | "failed";

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** A chat the engine has been asked to drain. */
interface ChatWork extends ChatRef {
  /** Callers from before the running pass started: it sees their messages. */
  riding: Waiter[];
  /** Callers that came while a pass was running: they need one more pass. */
  waiting: Waiter[];
  running: boolean;
  queued: boolean;
  /** Chats its turns raised events for, drained before its callers are answered. */
  raised: Promise<void>[];
}

const DEFAULT_WORKERS = 4;
const DEFAULT_BATCH = 16;

export class ConversationEngine {
  private readonly chats = new Map<string, ChatWork>();
  private readonly ready: ChatWork[] = [];
  private workers = 0;
  private readonly clinicInfo = new ClinicInfoCache();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: EngineOptions,
  ) {}

  /**
   * Handles every due message of the chat, oldest first, and answers once
   * they are. A chat is in at most one transaction at a time; callers that
   * come while its turn runs share its next pass. Ready chats are taken in
   * arrival order, several to a transaction when many are ready at once
   * (group commit: one commit, one flush of the log, for the lot), so under
   * load a message costs a fraction of a transaction's round trips. A phone
   * that sends 60 messages at once takes one turn per pass and goes to the
   * back of the line after each: other chats are not queued behind its flood.
   */
  drainChat(clinicId: string, chatKey: string): Promise<void> {
    const id = chatId({ clinicId, chatKey });
    let work = this.chats.get(id);
    if (!work) {
      work = { clinicId, chatKey, riding: [], waiting: [], running: false, queued: false, raised: [] };
      this.chats.set(id, work);
    }
    const chat = work;
    const done = new Promise<void>((resolve, reject) => chat.waiting.push({ resolve, reject }));
    this.enqueue(chat);
    return done;
  }

  private enqueue(work: ChatWork): void {
    if (work.running || work.queued) return;
    work.queued = true;
    this.ready.push(work);
    this.pump();
  }

  private pump(): void {
    const workers = this.options.turnWorkers ?? DEFAULT_WORKERS;
    while (this.workers < workers && this.ready.length > 0) {
      const batch = this.ready.splice(0, this.options.turnBatchSize ?? DEFAULT_BATCH);
      for (const work of batch) {
        work.queued = false;
        work.running = true;
        work.riding.push(...work.waiting);
        work.waiting = [];
      }
      this.workers++;
      void this.runBatch(batch).finally(() => {
        this.workers--;
        this.pump();
      });
    }
  }

  /**
   * One turn of each chat, in one transaction. A turn that fails rolls the
   * batch back, and each chat is then taken alone, so the failure is recorded
   * on its own message and the others' turns go through. Each chat is settled
   * as soon as its own turn is done, not when the batch is.
   */
  private async runBatch(batch: ChatWork[]): Promise<void> {
    let alone = batch;
    if (batch.length > 1) {
      try {
        const together = await this.turnsTogether(batch);
        for (const [work, result] of together) this.settle(work, result);
        // Held by another transaction (another instance): taken alone, waiting for the lock.
        alone = batch.filter((work) => !together.has(work));
      } catch (error) {
        if (!(error instanceof StaleTurnError) && !(error instanceof WaitsOutside)) this.logger.debug({ err: error }, "a turn of a batch failed; its chats are taken one by one");
        // The chat that waits on a service outside goes last, so the others are not held behind it.
        const slow = error instanceof WaitsOutside ? batch.find((work) => work.clinicId === error.clinicId && work.chatKey === error.chatKey) : undefined;
        alone = slow ? [...batch.filter((work) => work !== slow), slow] : batch;
      }
    }
    // One chat's error (the database gone mid-batch) is its callers' answer, not the others'.
    for (const work of alone) this.settle(work, await this.handleNext(work).catch((error: unknown) => ({ error })));
  }

  /** A chat's turn is done: it goes on, is answered, or waits its retry. */
  private settle(work: ChatWork, result: TurnResult | { error: unknown }): void {
    work.running = false;
    if (result === "handled") {
      // More of this chat is waiting: back in line, its callers still riding.
      work.riding.push(...work.waiting);
      work.waiting = [];
      this.enqueue(work);
      return;
    }
    const riders = work.riding;
    const raised = work.raised;
    work.riding = [];
    work.raised = [];
    if (work.waiting.length > 0) this.enqueue(work);
    else this.chats.delete(chatId(work));
    // Outside the chat's line: a chat that raises an event back for this one queues a new pass, never waits on this one.
    void Promise.all(raised).then(
      () => riders.forEach((rider) => (typeof result === "object" ? rider.reject(result.error) : rider.resolve())),
      (error: unknown) => riders.forEach((rider) => rider.reject(error)),
    );
  }

  private async turnsTogether(batch: ChatWork[]): Promise<Map<ChatWork, TurnResult>> {
    const now = this.clock.now();
    const { cipher, limits } = this.options;
    const started = performance.now();
    const requests = batch.map((work) => ({ clinicId: work.clinicId, chatKey: work.chatKey, rate: limits ? rateSlot(limits, work.clinicId, work.chatKey, now) : null }));
    const outcome = await this.db.transaction(async (sql) => {
      const taken = await takeTurnsOf(sql, cipher, requests, now, { skipLocked: true });
      const results = new Map<ChatWork, TurnResult>();
      const finished: (FinishedTurn & { work: ChatWork })[] = [];
      const refused: { work: ChatWork; message: InboxRow }[] = [];
      for (const [i, work] of batch.entries()) {
        const turn = taken.get(chatId(work));
        if (!turn) continue;
        const message = turn.message;
        if (!message) {
          results.set(work, "idle");
          continue;
        }
        if (message.nextAttemptAt > now) {
          results.set(work, "retryLater");
          continue;
        }
        const step = await this.turn(sql, turn, message, requests[i]!.rate, now, true);
        if (step.refused) {
          refused.push({ work, message });
          results.set(work, "handled");
        } else finished.push({ ...step.finished, work });
      }
      const saved = finished.length > 0 ? await saveTurns(sql, cipher, finished, now, this.replyClaim(now)) : undefined;
      for (const turn of finished) results.set(turn.work, saved?.morePending.get(turn.message.id) ? "handled" : "handledLast");
      return { results, finished, refused, claimed: saved?.claimedReplies ?? new Set<string>() };
    });
    for (const { message } of outcome.refused) this.observe(message, "refused", started);
    for (const turn of outcome.finished) {
      this.observe(turn.message, "handled", started);
      this.afterCommit(turn.work, turn, outcome.claimed);
    }
    if (outcome.refused.length > 0) this.options.onOutbox?.();
    return outcome.results;
  }

  /** One chat's turn inside the caller's transaction: refused over the chat's limits, or run and ready to be saved. */
  private async turn(
    sql: Sql, taken: TakenTurn, message: PendingMessage, slot: RateSlot | null, now: Date, batched = false,
  ): Promise<{ refused: true } | { refused: false; finished: FinishedTurn }> {
    const { cipher, limits } = this.options;
    // Events are the clinic's, not the person's: never counted against the chat's limits.
    const counts = limits !== undefined && message.kind !== EVENT_KIND;
    const countWithTurn = counts && passesLimits(message, limits, taken.rateCount);
    if (counts && !countWithTurn && (await refuseOverLimits(sql, cipher, message, limits, now))) return { refused: true };
    const turnSql = deferTextReplies(sql);
    const outcome = await runTurn(turnSql.sql, taken.conversation, message, taken.facts!, now, { ...this.options, clinicInfo: this.clinicInfo, batched });
    await this.options.beforeCommit?.(outcome, message);
    return { refused: false, finished: { conversation: taken.conversation, message, replies: turnSql.take(), rate: countWithTurn ? slot : null, outcome } };
  }

  /** What a committed turn sets going: the outbox, and the chats it raised events for. */
  private afterCommit(work: ChatWork, turn: FinishedTurn, claimed: Set<string>): void {
    const { outcome } = turn;
    const sending = claimedRows(turn.replies, claimed);
    if (sending.length > 0) this.options.replyClaims?.send(sending);
    // Anything else the turn queued (a file, a reply behind one still unsent, what an effect wrote) is the passes'.
    const onlyClaimedReplies = sending.length === turn.replies.length && outcome.effects.every((effect) => effect.kind === "reply");
    if (!onlyClaimedReplies && outcome.effects.length > 0) this.options.onOutbox?.();
    for (const chat of outcome.raised ?? []) work.raised.push(this.drainChat(chat.clinicId, chat.chatKey));
  }

  private replyClaim(now: Date): ReplyClaim | undefined {
    const claims = this.options.replyClaims;
    return claims && { instanceId: claims.instanceId, leaseUntil: new Date(now.getTime() + claims.leaseMs) };
  }

  /** Picks up messages whose retry is due, and any left behind by a crash. */
  async retryDue(limit = 100): Promise<number> {
    const chats = await listChatsWithDueMessages(this.db.sql, this.clock.now(), limit);
    await Promise.all(chats.map((chat) => this.drainChat(chat.clinicId, chat.chatKey)));
    return chats.length;
  }

  /** One chat's next message alone, waiting for its lock; a failure is recorded on the message. */
  private async handleNext(work: ChatWork): Promise<TurnResult> {
    const now = this.clock.now();
    const started = performance.now();
    const { cipher, limits } = this.options;
    let picked: InboxRow | undefined;
    try {
      const result = await this.db.transaction(async (sql) => {
        const slot = limits ? rateSlot(limits, work.clinicId, work.chatKey, now) : null;
        const taken = await takeTurn(sql, cipher, work.clinicId, work.chatKey, now, slot);
        const message = taken.message;
        if (!message) return "idle" as const;
        if (message.nextAttemptAt > now) return "retryLater" as const;
        picked = message;
        const step = await this.turn(sql, taken, message, slot, now);
        if (step.refused) return { refused: true as const };
        const saved = await saveTurn(sql, cipher, step.finished, step.finished.outcome, now, this.replyClaim(now));
        return { refused: false as const, morePending: saved.morePending.get(message.id) ?? false, finished: step.finished, claimed: saved.claimedReplies };
      });
      if (typeof result === "string") return result;
      this.observe(picked!, result.refused ? "refused" : "handled", started);
      if (result.refused) {
        this.options.onOutbox?.();
        return "handled";
      }
      this.afterCommit(work, result.finished, result.claimed);
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
      await retryMessageLater(this.db.sql, message.id, attempts, lastError, new Date(now.getTime() + delayMs));
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
      await failMessage(sql, message.id, attempts, lastError, now);
      if (message.kind === EVENT_KIND) return;
      const scope = { clinicId: message.clinicId, chatKey: message.chatKey, inboxMessageId: message.id, now };
      await queueText(sql, this.options.cipher, scope, "Desculpe, não consegui processar sua mensagem. Pode tentar de novo? Se preferir, digite *atendente*.", now);
    });
    this.options.onOutbox?.();
  }
}

function rateSlot(limits: ChatLimits, clinicId: string, chatKey: string, now: Date): RateSlot {
  const { start, end } = rateWindowAt({ limit: limits.messages, windowSeconds: limits.windowSeconds }, now);
  return { key: chatRateKey(clinicId, chatKey), windowStart: start, expiresAt: end };
}
