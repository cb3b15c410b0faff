// The engine's own statements, shaped so that turns cost few round trips to
// the database: one takes the conversations' locks, each one's next message,
// the chat's rate count and everything the turn reads (TurnFacts); one writes
// the new states, the turns' text replies, the messages' status and the rate
// counts. Both take several chats at once: the engine handles a batch of
// turns of different chats in one transaction (group commit, engine.ts).
// Each round trip is a statement both sides pay for (on two cores shared
// with PostgreSQL, most of the cost of a message); bench/engine-messages.ts
// reports round_trips_per_msg.
import { randomUUID } from "node:crypto";
import type { Cipher } from "../crypto/encryption.js";
import { openColumn, openState, sealState } from "../crypto/sealed-columns.js";
import type { Sql } from "../db/database.js";
import { EVENT_KIND } from "../chat-events/types.js";
import type { ClaimedOutboxRow, TakeTurnRow } from "../db/rows.js";
import { QUEUE_TEXT_SQL } from "./outbox-statements.js";
import { createConversations, FACT_COLUMNS, insertQueuedTexts, saveTurnRows, takeTurnRows } from "./turn-statements.js";
import type { ConversationRow, InboxRow, TurnFacts, TurnOutcome } from "./turn.js";

export type PendingMessage = InboxRow & { nextAttemptAt: Date };

/** The counter a message of this chat counts in (chat-limits.ts), and the window now falls in. */
export interface RateSlot {
  key: string;
  windowStart: Date;
  expiresAt: Date;
}

export interface ChatRef {
  clinicId: string;
  chatKey: string;
}

export interface TakenTurn {
  conversation: ConversationRow;
  message?: PendingMessage;
  /** Read with the message; absent when there is none. */
  facts?: TurnFacts;
  /** The chat's count in the rate slot before this message (0 when no row). */
  rateCount: number;
}

/**
 * The message a turn picked was handled by another instance between the
 * statement that read it and the lock (only possible when the lock had to
 * wait): the turn is dropped and taken again, nothing counted.
 */
export class StaleTurnError extends Error {
  constructor() {
    super("the message was handled elsewhere while this turn waited for the lock");
  }
}

export interface TakeRequest extends ChatRef {
  rate: RateSlot | null;
}

/**
 * Locks the chats' conversations (created on a chat's first message) and
 * reads each one's next pending message and facts, in one round trip. With
 * `skipLocked` a chat another transaction holds is left out of the answer
 * (and not created): the caller takes it alone later.
 */
export async function takeTurnsOf(
  sql: Sql, cipher: Cipher, chats: TakeRequest[], now: Date, options: { skipLocked: boolean },
): Promise<Map<string, TakenTurn>> {
  const asked = (of: TakeRequest[]) => of.map((chat) => ({ clinicId: chat.clinicId, chatKey: chat.chatKey, rateKey: chat.rate?.key ?? null, windowStart: chat.rate?.windowStart ?? null }));
  const taken = new Map<string, TakenTurn>();
  for (const row of await takeTurnRows(sql, asked(chats), now, options)) taken.set(chatId(row), toTaken(cipher, row));
  if (!options.skipLocked && taken.size < chats.length) {
    const missing = chats.filter((chat) => !taken.has(chatId(chat)));
    await createConversations(sql, missing.map((chat) => ({ id: randomUUID(), clinicId: chat.clinicId, chatKey: chat.chatKey })), now);
    // Created by another transaction that still holds it: this waits for its lock.
    for (const row of await takeTurnRows(sql, asked(missing), now, { skipLocked: false })) taken.set(chatId(row), toTaken(cipher, row));
  }
  return taken;
}

/** One chat's turn, waiting for its lock. */
export async function takeTurn(sql: Sql, cipher: Cipher, clinicId: string, chatKey: string, now: Date, rate: RateSlot | null): Promise<TakenTurn> {
  const turn = (await takeTurnsOf(sql, cipher, [{ clinicId, chatKey, rate }], now, { skipLocked: false })).get(chatId({ clinicId, chatKey }));
  if (!turn) throw new Error("conversation row missing after insert");
  return turn;
}

export const chatId = (chat: ChatRef): string => `${chat.clinicId}\n${chat.chatKey}`;

function toTaken(cipher: Cipher, row: TakeTurnRow): TakenTurn {
  const conversation: ConversationRow = {
    id: row.id, clinicId: row.clinicId, chatKey: row.chatKey, audience: row.audience, state: openState(cipher, row.id, row.state),
    flowVersion: row.flowVersion, lastInboundAt: row.lastInboundAt, handoffUntil: row.handoffUntil,
  };
  if (!row.m_id) return { conversation, rateCount: Number(row.rateCount) };
  return {
    conversation, message: pendingMessage(cipher, row), rateCount: Number(row.rateCount),
    facts: Object.fromEntries(FACT_COLUMNS.map((column) => [column, row[`f_${column}`]])) as unknown as TurnFacts,
  };
}

function pendingMessage(cipher: Cipher, row: TakeTurnRow): PendingMessage {
  const id = row.m_id as string;
  const kind = row.m_kind as string;
  return {
    id, clinicId: row.clinicId, chatKey: row.chatKey, kind,
    senderPhone: row.m_senderPhone as string,
    senderLid: row.m_senderLid as string | null,
    text: openColumn(cipher, "InboxMessage.text", id, row.m_text as string | null),
    mediaId: row.m_mediaId as string | null,
    // Only an event's payload is read by the turn; a message's stays sealed.
    payload: kind === EVENT_KIND ? openColumn(cipher, "InboxMessage.payload", id, (row.m_payload as string | null) ?? null) : null,
    attempts: row.m_attempts as number,
    nextAttemptAt: row.m_nextAttemptAt as Date,
  };
}

/** A text reply queued during the turn, written by saveTurns (the parameters of QUEUE_TEXT_SQL). */
type QueuedText = [
  id: string, clinicId: string, chatKey: string, inboxMessageId: string | null, sealedText: string | null,
  sealedChoices: string | null, template: string | null, sealedTemplateParams: string | null, at: Date,
];

const asColumns = (rows: QueuedText[]): unknown[] =>
  [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => rows.map((row) => (i === 8 ? (row[8] as Date).toISOString() : row[i])));

/**
 * The SQL port a turn's effects write through: the text replies it queues
 * (the most common write) wait and go with the turn's state in saveTurns'
 * one statement. Any other statement first writes the waiting ones, so the
 * outbox order (seq) stays the order of the effects.
 */
export function deferTextReplies(sql: Sql): { sql: Sql; take(): QueuedText[] } {
  let waiting: QueuedText[] = [];
  const writeWaiting = async () => {
    if (waiting.length === 0) return;
    const rows = waiting;
    waiting = [];
    await insertQueuedTexts(sql, asColumns(rows));
  };
  return {
    sql: {
      query: async <T>(text: string, values?: unknown[]) => {
        if (text === QUEUE_TEXT_SQL && values?.length === 9) {
          waiting.push(values as QueuedText);
          return [] as T[];
        }
        await writeWaiting();
        return sql.query<T>(text, values);
      },
    },
    take: () => {
      const rows = waiting;
      waiting = [];
      return rows;
    },
  };
}

export interface FinishedTurn {
  conversation: ConversationRow;
  message: InboxRow;
  replies: QueuedText[];
  rate: RateSlot | null;
  outcome: TurnOutcome;
}

/** The instance that sends the turns' replies itself, without claiming them again (outbox.ts), and until when it holds them. */
export interface ReplyClaim {
  instanceId: string;
  leaseUntil: Date;
}

export interface SavedTurns {
  /** By message id: another message of its chat is waiting (seen at the statement's start). */
  morePending: Map<string, boolean>;
  /** Text replies written already claimed by `claim`'s instance: their chats had nothing else waiting to be sent. */
  claimedReplies: Set<string>;
}

/**
 * Writes the turns in one statement: states, queued text replies, the
 * messages handled, the chats' rate counts (a person's message). Throws
 * StaleTurnError when a message was handled elsewhere meanwhile: the caller
 * rolls the transaction back.
 */
export async function saveTurns(sql: Sql, cipher: Cipher, turns: FinishedTurn[], now: Date, claim?: ReplyClaim): Promise<SavedTurns> {
  const column = <T>(pick: (turn: FinishedTurn) => T) => turns.map(pick);
  const rows = await saveTurnRows(sql, [
    ...asColumns(turns.flatMap((turn) => turn.replies)),
    column((t) => t.conversation.id), column((t) => t.outcome.audience),
    column((t) => sealState(cipher, t.conversation.id, t.outcome.state)), column((t) => t.outcome.flowVersion),
    // An event is not the person writing: the chat's idle clock keeps counting from their last message.
    column((t) => (t.message.kind === EVENT_KIND ? t.conversation.lastInboundAt : now)?.toISOString() ?? null),
    column((t) => "handoffUntil" in t.outcome.patch), column((t) => t.outcome.patch.handoffUntil?.toISOString() ?? null),
    column((t) => t.message.id), column((t) => t.message.attempts + 1),
    column((t) => t.rate?.key ?? null), column((t) => t.rate?.windowStart.toISOString() ?? null), column((t) => t.rate?.expiresAt.toISOString() ?? null),
    now, claim?.instanceId ?? null, claim?.leaseUntil.toISOString() ?? null,
  ]);
  if (rows.length < turns.length) throw new StaleTurnError();
  return { morePending: new Map(rows.map((row) => [row.id, row.morePending])), claimedReplies: new Set(rows[0]?.claimedReplies ?? []) };
}

/** One turn's write. */
export async function saveTurn(
  sql: Sql, cipher: Cipher, taken: Omit<FinishedTurn, "outcome">, outcome: TurnOutcome, now: Date, claim?: ReplyClaim,
): Promise<SavedTurns> {
  return saveTurns(sql, cipher, [{ ...taken, outcome }], now, claim);
}

/** The claimed replies of a turn, as the outbox sends them (their text and choices still sealed). */
export function claimedRows(replies: QueuedText[], claimed: Set<string>): ClaimedOutboxRow[] {
  return replies.filter((row) => claimed.has(row[0])).map(([id, clinicId, chatKey, , text, choices]) => ({
    id, clinicId, chatKey, kind: "text", text, choices, mediaId: null, mimetype: null, filename: null, caption: null, attempts: 0,
    unsureSince: null, hasNext: false,
  }));
}
