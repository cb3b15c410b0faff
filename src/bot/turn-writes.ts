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
import { QUEUE_TEXT_SQL } from "./chat-writes.js";
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

const PENDING_COLUMNS = ["id", "senderPhone", "senderLid", "kind", "text", "mediaId", "payload", "attempts", "nextAttemptAt"] as const;

const ISO = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Whether the patient withdrew consent matters only to what the clinic starts (a chat event): a patient's own
// message is answered either way, so its turn does not read the consent records.
const CONSENT_WITHDRAWN = `CASE WHEN m.kind = '${EVENT_KIND}' THEN
    (SELECT NOT cr.granted FROM "ConsentRecord" cr WHERE cr."patientId" = pt.id ORDER BY cr."recordedAt" DESC LIMIT 1) END`;

// The people this chat's patient books for (dependants.ts), each with their own latest completed visit.
const DEPENDANTS = `(SELECT coalesce(json_agg(x ORDER BY x."createdAt", x.id), '[]') FROM (SELECT d.id, d.name, d.relationship, d."createdAt",
    to_char(d."birthDate", 'YYYY-MM-DD') AS "birthDate",
    (SELECT ${ISO('max(a."startsAt")')} FROM "Appointment" a WHERE a."patientId" = d.id AND a.status = 'completed') AS "lastCompletedAt"
  FROM "Patient" d JOIN "Patient" g ON g.id = d."guardianPatientId"
  WHERE g."clinicId" = cl.id AND g.phone = c."chatKey" AND g."guardianPatientId" IS NULL AND d."restrictedAt" IS NULL) x)`;

// Read only beside a message: an idle look at a chat costs no more than the lock.
const FACTS = `
  SELECT cl.name AS "clinicName", cl."timeZone", cl."cancellationNoticeHours", cl."cancellationGraceMinutes", cl."infoRevision",
    (SELECT row_to_json(p) FROM (SELECT id, name FROM "Professional"
       WHERE "clinicId" = cl.id AND phone = m."senderPhone" AND active LIMIT 1) p) AS professional,
    (SELECT row_to_json(x) FROM (SELECT pt.id, pt.name, pt."consentGrantedAt", to_char(pt."birthDate", 'YYYY-MM-DD') AS "birthDate",
       ${CONSENT_WITHDRAWN} AS "consentWithdrawn"
       FROM "Patient" pt WHERE pt."clinicId" = cl.id AND pt.phone = c."chatKey" AND pt."guardianPatientId" IS NULL) x) AS patient,
    (SELECT coalesce(json_agg(x ORDER BY x.name), '[]') FROM (SELECT id, name, "durationMinutes", "priceCents",
       "prepaymentRequired", "professionalIds", "cancellationNoticeHours", "requiresPreviousWithinDays",
       "minAgeYears", "maxAgeYears", "requiresReferral" FROM "Procedure" WHERE "clinicId" = cl.id AND active) x) AS procedures,
    (SELECT coalesce(json_agg(x ORDER BY x.name), '[]') FROM (SELECT id, name FROM "Professional"
       WHERE "clinicId" = cl.id AND active) x) AS professionals,
    (SELECT coalesce(json_agg(x ORDER BY x."startsAt"), '[]') FROM (SELECT a.id, ${ISO('a."startsAt"')} AS "startsAt",
       ${ISO('a."endsAt"')} AS "endsAt", a."procedureId", a."professionalId", a.status, ${ISO('a."bookedAt"')} AS "bookedAt"
       FROM "Appointment" a JOIN "Patient" pt ON pt.id = a."patientId"
       WHERE a."clinicId" = cl.id AND pt.phone = c."chatKey" AND a.status IN ('booked', 'confirmed') AND a."startsAt" > $5
       ORDER BY a."startsAt" LIMIT 10) x) AS upcoming,
    (SELECT ${ISO('max(a."startsAt")')} FROM "Appointment" a JOIN "Patient" pt ON pt.id = a."patientId"
       WHERE a."clinicId" = cl.id AND pt.phone = c."chatKey" AND pt."guardianPatientId" IS NULL AND a.status = 'completed') AS "lastCompletedAt",
    ${DEPENDANTS} AS dependants
  FROM "Clinic" cl WHERE cl.id = c."clinicId" AND m.id IS NOT NULL`;

const FACT_COLUMNS = ["clinicName", "timeZone", "cancellationNoticeHours", "cancellationGraceMinutes", "infoRevision", "professional", "patient",
  "procedures", "professionals", "upcoming", "lastCompletedAt", "dependants"] as const;

// FOR UPDATE OF c locks the conversations only. When a lock waited, the
// conversation row is read again but the message and facts beside it may
// come from the statement's older snapshot: saveTurns' guard (status still
// pending) catches that. A batch skips the chats another transaction holds
// (they are taken one by one, waiting); a single turn waits.
const takeTurns = (lock: "FOR UPDATE OF c" | "FOR UPDATE OF c SKIP LOCKED") => `
  SELECT c.id, c."clinicId", c."chatKey", c.audience, c.state, c."flowVersion", c."lastInboundAt", c."handoffUntil",
    ${PENDING_COLUMNS.map((column) => `m."${column}" AS "m_${column}"`).join(", ")},
    ${FACT_COLUMNS.map((column) => `f."${column}" AS "f_${column}"`).join(", ")},
    coalesce((SELECT r.count FROM "RateLimitCounter" r WHERE r.key = k."rateKey" AND r."windowStart" = k."windowStart"), 0) AS "rateCount"
  FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamp[]) AS k("clinicId", "chatKey", "rateKey", "windowStart")
  JOIN "Conversation" c ON c."clinicId" = k."clinicId" AND c."chatKey" = k."chatKey"
  LEFT JOIN LATERAL (
    SELECT ${PENDING_COLUMNS.map((column) => `i."${column}"`).join(", ")} FROM "InboxMessage" i
    WHERE i."clinicId" = c."clinicId" AND i."chatKey" = c."chatKey" AND i.status = 'pending'
    ORDER BY i.seq LIMIT 1) m ON true
  LEFT JOIN LATERAL (${FACTS}) f ON true
  ${lock}`;
const TAKE_WAITING = takeTurns("FOR UPDATE OF c");
const TAKE_SKIPPING = takeTurns("FOR UPDATE OF c SKIP LOCKED");

const CREATE_CONVERSATIONS = `
  INSERT INTO "Conversation" (id, "clinicId", "chatKey", "createdAt", "updatedAt")
  SELECT k.id, k."clinicId", k."chatKey", $4, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS k(id, "clinicId", "chatKey")
  ON CONFLICT ("clinicId", "chatKey") DO NOTHING`;

type TakeRow = Omit<ConversationRow, "state"> & { state: string | null; rateCount: number }
  & Record<`m_${(typeof PENDING_COLUMNS)[number]}` | `f_${(typeof FACT_COLUMNS)[number]}`, unknown>;

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
  const values = [
    chats.map((chat) => chat.clinicId), chats.map((chat) => chat.chatKey), chats.map((chat) => chat.rate?.key ?? null),
    chats.map((chat) => chat.rate?.windowStart.toISOString() ?? null), now,
  ];
  const text = options.skipLocked ? TAKE_SKIPPING : TAKE_WAITING;
  const taken = new Map<string, TakenTurn>();
  for (const row of await sql.query<TakeRow>(text, values)) taken.set(chatId(row), toTaken(cipher, row));
  if (!options.skipLocked && taken.size < chats.length) {
    const missing = chats.filter((chat) => !taken.has(chatId(chat)));
    await sql.query(CREATE_CONVERSATIONS, [missing.map(() => randomUUID()), missing.map((chat) => chat.clinicId), missing.map((chat) => chat.chatKey), now]);
    const again = await takeTurnsOf(sql, cipher, missing, now, { skipLocked: true });
    for (const [id, turn] of again) taken.set(id, turn);
    if (taken.size < chats.length) {
      // Created by another transaction that still holds it: wait for its lock.
      const held = chats.filter((chat) => !taken.has(chatId(chat)));
      const waited = await sql.query<TakeRow>(TAKE_WAITING, [held.map((c) => c.clinicId), held.map((c) => c.chatKey),
        held.map((c) => c.rate?.key ?? null), held.map((c) => c.rate?.windowStart.toISOString() ?? null), now]);
      for (const row of waited) taken.set(chatId(row), toTaken(cipher, row));
    }
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

function toTaken(cipher: Cipher, row: TakeRow): TakenTurn {
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

function pendingMessage(cipher: Cipher, row: TakeRow): PendingMessage {
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

const queuedTextRows = (first: number) => `
  SELECT o.id, o."clinicId", o."chatKey", o."inboxMessageId", 'text', o.text, o.choices, o.template, o."templateParams", o.at, o.at
  FROM unnest(${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `$${first + i}::text[]`).join(", ")}, $${first + 8}::timestamp[])
    WITH ORDINALITY AS o(id, "clinicId", "chatKey", "inboxMessageId", text, choices, template, "templateParams", at, n)
  ORDER BY o.n`;
const OUTBOX_TEXT_COLUMNS =
  `"OutboxMessage" (id, "clinicId", "chatKey", "inboxMessageId", kind, text, choices, template, "templateParams", "nextAttemptAt", "createdAt")`;

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
    await sql.query(`INSERT INTO ${OUTBOX_TEXT_COLUMNS} ${queuedTextRows(1)}`, asColumns(rows));
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

const SAVE_TURNS = `
  WITH t AS (
    SELECT * FROM unnest($10::text[], $11::text[], $12::text[], $13::int[], $14::timestamp[], $15::boolean[], $16::timestamp[],
      $17::text[], $18::int[], $19::text[], $20::timestamp[], $21::timestamp[])
      AS t("conversationId", audience, state, "flowVersion", "lastInboundAt", "setsHandoff", "handoffUntil",
        "messageId", attempts, "rateKey", "windowStart", "expiresAt")),
  conversation AS (
    UPDATE "Conversation" c SET audience = t.audience, state = t.state, "flowVersion" = t."flowVersion", "lastInboundAt" = t."lastInboundAt",
      "updatedAt" = $22, "handoffUntil" = CASE WHEN t."setsHandoff" THEN t."handoffUntil" ELSE c."handoffUntil" END
    FROM t WHERE c.id = t."conversationId"),
  replies AS (INSERT INTO ${OUTBOX_TEXT_COLUMNS} ${queuedTextRows(1)}),
  counted AS (
    INSERT INTO "RateLimitCounter" (key, "windowStart", count, "expiresAt")
    SELECT t."rateKey", t."windowStart", 1, t."expiresAt" FROM t WHERE t."rateKey" IS NOT NULL
    ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateLimitCounter".count + 1)
  UPDATE "InboxMessage" i SET status = 'handled', "handledAt" = $22, attempts = t.attempts
  FROM t WHERE i.id = t."messageId" AND i.status = 'pending'
  RETURNING i.id, EXISTS (SELECT 1 FROM "InboxMessage" p
    WHERE p."clinicId" = i."clinicId" AND p."chatKey" = i."chatKey" AND p.status = 'pending' AND p.id <> i.id) AS "morePending"`;

export interface FinishedTurn {
  conversation: ConversationRow;
  message: InboxRow;
  replies: QueuedText[];
  rate: RateSlot | null;
  outcome: TurnOutcome;
}

/**
 * Writes the turns in one statement: states, queued text replies, the
 * messages handled, the chats' rate counts (a person's message). Answers, by
 * message id, whether another message of its chat is waiting (seen at this
 * statement's start). Throws StaleTurnError when a message was handled
 * elsewhere meanwhile: the caller rolls the transaction back.
 */
export async function saveTurns(sql: Sql, cipher: Cipher, turns: FinishedTurn[], now: Date): Promise<Map<string, boolean>> {
  const column = <T>(pick: (turn: FinishedTurn) => T) => turns.map(pick);
  const rows = await sql.query<{ id: string; morePending: boolean }>(SAVE_TURNS, [
    ...asColumns(turns.flatMap((turn) => turn.replies)),
    column((t) => t.conversation.id), column((t) => t.outcome.audience),
    column((t) => sealState(cipher, t.conversation.id, t.outcome.state)), column((t) => t.outcome.flowVersion),
    // An event is not the person writing: the chat's idle clock keeps counting from their last message.
    column((t) => (t.message.kind === EVENT_KIND ? t.conversation.lastInboundAt : now)?.toISOString() ?? null),
    column((t) => "handoffUntil" in t.outcome.patch), column((t) => t.outcome.patch.handoffUntil?.toISOString() ?? null),
    column((t) => t.message.id), column((t) => t.message.attempts + 1),
    column((t) => t.rate?.key ?? null), column((t) => t.rate?.windowStart.toISOString() ?? null), column((t) => t.rate?.expiresAt.toISOString() ?? null),
    now,
  ]);
  if (rows.length < turns.length) throw new StaleTurnError();
  return new Map(rows.map((row) => [row.id, row.morePending]));
}

/** One turn's write; answers whether another message of the chat is waiting. */
export async function saveTurn(
  sql: Sql, cipher: Cipher, taken: Omit<FinishedTurn, "outcome">, outcome: TurnOutcome, now: Date,
): Promise<boolean> {
  return (await saveTurns(sql, cipher, [{ ...taken, outcome }], now)).get(taken.message.id) ?? false;
}
