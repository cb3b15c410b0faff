// The spine: handles a chat's stored inbound messages strictly in order, one
// at a time, also across instances (a row lock on the conversation). Each
// turn writes the new state, the outbox rows and the inbox status in one
// transaction; a failure leaves the old state and retries the message later.
import { randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import type { Database } from "../db/database.js";
import type { Tx } from "../db/tx.js";
import { isAppError } from "../errors.js";
import type { Logger } from "../logger.js";
import { runTurn, type ConversationRow, type InboxRow, type TurnOutcome, type TurnSettings } from "./turn.js";

export interface EngineOptions extends TurnSettings {
  maxAttempts: number;
  /** Called after each committed turn that queued outbound messages. */
  onOutbox?: () => void;
  /** Runs inside the turn's transaction before commit; lets tests inject a failure. */
  beforeCommit?: (outcome: TurnOutcome, message: InboxRow) => Promise<void> | void;
}

type TurnResult = "handled" | "idle" | "retryLater" | "failed";

export class ConversationEngine {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: EngineOptions,
  ) {}

  /** Handles every due message of the chat, oldest first. */
  async drainChat(clinicId: string, chatKey: string): Promise<void> {
    await this.ensureConversation(clinicId, chatKey);
    for (;;) {
      const result = await this.handleNext(clinicId, chatKey);
      if (result === "idle" || result === "retryLater") break;
    }
  }

  /** Picks up messages whose retry is due, and any left behind by a crash. */
  async retryDue(limit = 100): Promise<number> {
    const now = this.clock.now();
    const chats = await this.db.prisma.inboxMessage.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now } },
      distinct: ["clinicId", "chatKey"],
      select: { clinicId: true, chatKey: true },
      take: limit,
    });
    for (const chat of chats) await this.drainChat(chat.clinicId, chat.chatKey);
    return chats.length;
  }

  private async ensureConversation(clinicId: string, chatKey: string): Promise<void> {
    await this.db.prisma.$executeRaw`
      INSERT INTO "Conversation" (id, "clinicId", "chatKey", state, "updatedAt")
      VALUES (${randomUUID()}, ${clinicId}, ${chatKey}, '{"type":"start"}'::jsonb, now())
      ON CONFLICT ("clinicId", "chatKey") DO NOTHING`;
  }

  private async handleNext(clinicId: string, chatKey: string): Promise<TurnResult> {
    const now = this.clock.now();
    let picked: InboxRow | undefined;
    try {
      const queued = await this.db.prisma.$transaction(
        async (tx) => {
          const conversation = await lockConversation(tx, clinicId, chatKey);
          const message = await nextPending(tx, clinicId, chatKey);
          if (!message) return "idle";
          if (message.nextAttemptAt > now) return "retryLater";
          picked = message;
          const outcome = await runTurn(tx, conversation, message, now, this.options);
          await this.options.beforeCommit?.(outcome, message);
          await saveTurn(tx, conversation, message, outcome, now);
          return outcome.effects.some((effect) => effect.kind === "reply") ? "queued" : "handled";
        },
        { timeout: 30_000, maxWait: 30_000 },
      );
      if (queued === "queued") this.options.onOutbox?.();
      return queued === "queued" ? "handled" : queued;
    } catch (error) {
      if (!picked) throw error;
      return this.recordFailure(picked, error, now);
    }
  }

  private async recordFailure(message: InboxRow, error: unknown, now: Date): Promise<TurnResult> {
    const attempts = message.attempts + 1;
    const lastError = isAppError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    this.logger.error({ inboxMessageId: message.id, attempts, err: lastError.slice(0, 500) }, "turn failed");
    if (attempts < this.options.maxAttempts) {
      // 1 s, 4 s, 16 s, ... capped at 5 minutes.
      const delayMs = Math.min(1000 * 4 ** (attempts - 1), 300_000);
      await this.db.prisma.inboxMessage.update({
        where: { id: message.id },
        data: { attempts, lastError: lastError.slice(0, 2000), nextAttemptAt: new Date(now.getTime() + delayMs) },
      });
      return "retryLater";
    }
    await this.giveUp(message, attempts, lastError, now);
    return "failed";
  }

  /** Never silence: the person is told something went wrong, and the message is kept as failed. */
  private async giveUp(message: InboxRow, attempts: number, lastError: string, now: Date): Promise<void> {
    await this.db.prisma.$transaction([
      this.db.prisma.inboxMessage.update({
        where: { id: message.id },
        data: { attempts, status: "failed", lastError: lastError.slice(0, 2000), handledAt: now },
      }),
      this.db.prisma.outboxMessage.create({
        data: {
          clinicId: message.clinicId,
          chatKey: message.chatKey,
          inboxMessageId: message.id,
          kind: "text",
          text: "Desculpe, não consegui processar sua mensagem. Pode tentar de novo? Se preferir, digite *atendente*.",
          nextAttemptAt: now,
          createdAt: now,
        },
      }),
    ]);
    this.options.onOutbox?.();
  }
}

async function lockConversation(tx: Tx, clinicId: string, chatKey: string): Promise<ConversationRow> {
  const rows = await tx.$queryRaw<ConversationRow[]>`
    SELECT id, "clinicId", "chatKey", audience, state, "flowVersion", "lastInboundAt", "handoffUntil"
    FROM "Conversation" WHERE "clinicId" = ${clinicId} AND "chatKey" = ${chatKey} FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new Error("conversation row missing after insert");
  return row;
}

async function nextPending(tx: Tx, clinicId: string, chatKey: string): Promise<(InboxRow & { nextAttemptAt: Date }) | undefined> {
  const rows = await tx.$queryRaw<(InboxRow & { nextAttemptAt: Date })[]>`
    SELECT id, "clinicId", "chatKey", "senderPhone", "senderLid", kind, text, "mediaId", attempts, "nextAttemptAt"
    FROM "InboxMessage"
    WHERE "clinicId" = ${clinicId} AND "chatKey" = ${chatKey} AND status = 'pending'
    ORDER BY seq LIMIT 1`;
  return rows[0];
}

async function saveTurn(tx: Tx, conversation: ConversationRow, message: InboxRow, outcome: TurnOutcome, now: Date): Promise<void> {
  await tx.conversation.update({
    where: { id: conversation.id },
    data: {
      audience: outcome.audience,
      state: outcome.state as object,
      flowVersion: outcome.flowVersion,
      lastInboundAt: now,
      ...("handoffUntil" in outcome.patch ? { handoffUntil: outcome.patch.handoffUntil } : {}),
    },
  });
  await tx.inboxMessage.update({
    where: { id: message.id },
    data: { status: "handled", handledAt: now, attempts: message.attempts + 1 },
  });
}

