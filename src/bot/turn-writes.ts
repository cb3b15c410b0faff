// The engine's own statements, shaped so that a turn costs few round trips
// to the database: one takes the conversation's lock, its next message and
// the chat's rate count; one writes the new state, the turn's text replies,
// the message's status and the rate count. Each round trip is a statement
// both sides pay for (on two cores shared with PostgreSQL, most of the cost
// of a message); bench/engine-messages.ts reports round_trips_per_msg.
import { randomUUID } from "node:crypto";
import type { Cipher } from "../crypto/encryption.js";
import { openColumn, openState, sealState } from "../crypto/sealed-columns.js";
import type { Sql } from "../db/database.js";
import { EVENT_KIND } from "../chat-events/types.js";
import { QUEUE_TEXT_SQL } from "./chat-writes.js";
import type { ConversationRow, InboxRow, TurnOutcome } from "./turn.js";

export type PendingMessage = InboxRow & { nextAttemptAt: Date };

/** The counter a message of this chat counts in (chat-limits.ts), and the window now falls in. */
export interface RateSlot {
  key: string;
  windowStart: Date;
  expiresAt: Date;
}

export interface TakenTurn {
  conversation: ConversationRow;
  message?: PendingMessage;
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

const PENDING_COLUMNS = ["id", "senderPhone", "senderLid", "kind", "text", "mediaId", "payload", "attempts", "nextAttemptAt"] as const;

// FOR UPDATE OF c locks the conversation only. When the lock waited, the
// conversation row is read again but the message beside it may come from the
// statement's older snapshot: saveTurn's guard (status still pending) catches that.
const TAKE_TURN = `
  SELECT c.id, c."clinicId", c."chatKey", c.audience, c.state, c."flowVersion", c."lastInboundAt", c."handoffUntil",
    ${PENDING_COLUMNS.map((column) => `m."${column}" AS "m_${column}"`).join(", ")},
    coalesce((SELECT r.count FROM "RateLimitCounter" r WHERE r.key = $3 AND r."windowStart" = $4), 0) AS "rateCount"
  FROM "Conversation" c
  LEFT JOIN LATERAL (
    SELECT ${PENDING_COLUMNS.map((column) => `i."${column}"`).join(", ")} FROM "InboxMessage" i
    WHERE i."clinicId" = c."clinicId" AND i."chatKey" = c."chatKey" AND i.status = 'pending'
    ORDER BY i.seq LIMIT 1) m ON true
  WHERE c."clinicId" = $1 AND c."chatKey" = $2
  FOR UPDATE OF c`;

type TakeRow = Omit<ConversationRow, "state"> & { state: string | null; rateCount: number } & Record<`m_${(typeof PENDING_COLUMNS)[number]}`, unknown>;

/** Locks the conversation (created on the chat's first message) and reads its next pending message, in one round trip. */
export async function takeTurn(sql: Sql, cipher: Cipher, clinicId: string, chatKey: string, now: Date, rate: RateSlot | null): Promise<TakenTurn> {
  const values = [clinicId, chatKey, rate?.key ?? null, rate?.windowStart ?? null];
  let [row] = await sql.query<TakeRow>(TAKE_TURN, values);
  if (!row) {
    await sql.query(
      `INSERT INTO "Conversation" (id, "clinicId", "chatKey", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT ("clinicId", "chatKey") DO NOTHING`,
      [randomUUID(), clinicId, chatKey, now],
    );
    [row] = await sql.query<TakeRow>(TAKE_TURN, values);
    if (!row) throw new Error("conversation row missing after insert");
  }
  const conversation: ConversationRow = {
    id: row.id, clinicId: row.clinicId, chatKey: row.chatKey, audience: row.audience, state: openState(cipher, row.id, row.state),
    flowVersion: row.flowVersion, lastInboundAt: row.lastInboundAt, handoffUntil: row.handoffUntil,
  };
  return { conversation, message: row.m_id ? pendingMessage(cipher, clinicId, chatKey, row) : undefined, rateCount: Number(row.rateCount) };
}

function pendingMessage(cipher: Cipher, clinicId: string, chatKey: string, row: TakeRow): PendingMessage {
  const id = row.m_id as string;
  const kind = row.m_kind as string;
  return {
    id, clinicId, chatKey, kind,
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

/** A text reply queued during the turn, written by saveTurn (the parameters of QUEUE_TEXT_SQL). */
type QueuedText = [
  id: string, clinicId: string, chatKey: string, inboxMessageId: string | null, sealedText: string | null,
  sealedChoices: string | null, template: string | null, sealedTemplateParams: string | null, at: Date,
];

const QUEUED_TEXT_ROWS = `
  SELECT o.id, o."clinicId", o."chatKey", o."inboxMessageId", 'text', o.text, o.choices, o.template, o."templateParams", o.at, o.at
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamp[])
    WITH ORDINALITY AS o(id, "clinicId", "chatKey", "inboxMessageId", text, choices, template, "templateParams", at, n)
  ORDER BY o.n`;
const OUTBOX_TEXT_COLUMNS =
  `"OutboxMessage" (id, "clinicId", "chatKey", "inboxMessageId", kind, text, choices, template, "templateParams", "nextAttemptAt", "createdAt")`;

const asColumns = (rows: QueuedText[]): unknown[] =>
  [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => rows.map((row) => (i === 8 ? (row[8] as Date).toISOString() : row[i])));

/**
 * The SQL port a turn's effects write through: the text replies it queues
 * (the most common write) wait and go with the turn's state in saveTurn's one
 * statement. Any other statement first writes the waiting ones, so the
 * outbox order (seq) stays the order of the effects.
 */
export function deferTextReplies(sql: Sql): { sql: Sql; take(): QueuedText[] } {
  let waiting: QueuedText[] = [];
  const writeWaiting = async () => {
    if (waiting.length === 0) return;
    const rows = waiting;
    waiting = [];
    await sql.query(`INSERT INTO ${OUTBOX_TEXT_COLUMNS} ${QUEUED_TEXT_ROWS}`, asColumns(rows));
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

const SAVE_TURN = `
  WITH conversation AS (
    UPDATE "Conversation" SET audience = $11, state = $12, "flowVersion" = $13, "lastInboundAt" = $14, "updatedAt" = $15,
      "handoffUntil" = CASE WHEN $16 THEN $17::timestamp ELSE "handoffUntil" END
    WHERE id = $10),
  replies AS (INSERT INTO ${OUTBOX_TEXT_COLUMNS} ${QUEUED_TEXT_ROWS}),
  counted AS (
    INSERT INTO "RateLimitCounter" (key, "windowStart", count, "expiresAt") SELECT $21::text, $22::timestamp, 1, $23::timestamp WHERE $21::text IS NOT NULL
    ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateLimitCounter".count + 1)
  UPDATE "InboxMessage" SET status = 'handled', "handledAt" = $15, attempts = $19 WHERE id = $18 AND status = 'pending'
  RETURNING EXISTS (SELECT 1 FROM "InboxMessage" WHERE "clinicId" = $20 AND "chatKey" = $24 AND status = 'pending' AND id <> $18) AS "morePending"`;

/**
 * Writes the turn in one statement: state, queued text replies, the message
 * handled, the chat's rate count (a person's message). Returns whether
 * another message of the chat is waiting (seen at this statement's start).
 */
export async function saveTurn(
  sql: Sql, cipher: Cipher, taken: { conversation: ConversationRow; message: InboxRow; replies: QueuedText[]; rate: RateSlot | null },
  outcome: TurnOutcome, now: Date,
): Promise<boolean> {
  const { conversation, message, replies, rate } = taken;
  const setsHandoff = "handoffUntil" in outcome.patch;
  // An event is not the person writing: the chat's idle clock keeps counting from their last message.
  const lastInboundAt = message.kind === EVENT_KIND ? conversation.lastInboundAt : now;
  const rows = await sql.query<{ morePending: boolean }>(SAVE_TURN, [
    ...asColumns(replies),
    conversation.id, outcome.audience, sealState(cipher, conversation.id, outcome.state), outcome.flowVersion, lastInboundAt, now,
    setsHandoff, outcome.patch.handoffUntil ?? null, message.id, message.attempts + 1, conversation.clinicId,
    rate?.key ?? null, rate?.windowStart ?? null, rate?.expiresAt ?? null, conversation.chatKey,
  ]);
  if (rows.length === 0) throw new StaleTurnError();
  return rows[0]!.morePending;
}
