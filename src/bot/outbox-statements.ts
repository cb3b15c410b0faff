// The outbox's SQL, named (src/db/statements.ts): queuing a chat's texts and
// files, and the dispatcher's claim, send records, holds and retries
// (outbox.ts).
import type { Sql } from "../db/database.js";
import type { ClaimedOutboxRow, OutboxIdRow } from "../db/rows.js";
import { execute, rowsOf, statement } from "../db/statements.js";

// ---- queuing

const queueTextStatement = statement("outbox.queueText",
  `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", "inboxMessageId", kind, text, choices, template, "templateParams", "nextAttemptAt", "createdAt")
     VALUES ($1, $2, $3, $4, 'text', $5, $6, $7, $8, $9, $9)`);
/**
 * A turn's engine recognises this statement and writes its rows with the
 * turn's state (src/bot/turn-writes.ts): keep its parameters (id, clinicId,
 * chatKey, inboxMessageId, sealed text, sealed choices, template, sealed
 * template parameters, now) in step with queuedTextRows of turn-statements.ts.
 */
export const QUEUE_TEXT_SQL = queueTextStatement.text;

export interface QueuedTextRow {
  id: string;
  clinicId: string;
  chatKey: string;
  inboxMessageId: string | null;
  /** Sealed, as the three below. */
  text: string | null;
  choices: string | null;
  template: string | null;
  templateParams: string | null;
  now: Date;
}

export const insertQueuedText = (sql: Sql, row: QueuedTextRow) =>
  execute(sql, queueTextStatement, [row.id, row.clinicId, row.chatKey, row.inboxMessageId, row.text, row.choices, row.template, row.templateParams, row.now]);

const queueMediaStatement = statement("outbox.queueMedia",
  `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", "inboxMessageId", kind, "mediaId", mimetype, filename, caption, template, "templateParams", "nextAttemptAt", "createdAt")
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`);

export interface QueuedMediaRow {
  id: string;
  clinicId: string;
  chatKey: string;
  inboxMessageId: string | null;
  kind: "document" | "image" | "audio";
  mediaId: string;
  mimetype: string;
  filename: string | null;
  /** Sealed, as templateParams. */
  caption: string | null;
  template: string | null;
  templateParams: string | null;
  now: Date;
}

export const insertQueuedMedia = (sql: Sql, row: QueuedMediaRow) =>
  execute(sql, queueMediaStatement, [row.id, row.clinicId, row.chatKey, row.inboxMessageId, row.kind, row.mediaId, row.mimetype,
    row.filename, row.caption, row.template, row.templateParams, row.now]);

// ---- the dispatcher

const reclaim = statement<OutboxIdRow>("outbox.reclaimOwn",
  `UPDATE "OutboxMessage" SET "nextAttemptAt" = $2 WHERE status = 'sending' AND "claimedBy" = $1 RETURNING id`);
/** Rows this instance id left sending when it stopped: due now. */
export const reclaimOwnRows = (sql: Sql, instanceId: string, now: Date) => rowsOf(sql, reclaim, [instanceId, now]);

const claim = statement<ClaimedOutboxRow>("outbox.claim",
  `UPDATE "OutboxMessage" AS o SET status = 'sending', "nextAttemptAt" = $3, "claimedBy" = $5, "sendStartedAt" = $2
   FROM (
     SELECT c.id, c."sendStartedAt" FROM "OutboxMessage" AS c
     WHERE c.status IN ('pending', 'sending') AND c."nextAttemptAt" <= $1
       AND NOT EXISTS (
         SELECT 1 FROM "OutboxMessage" AS e
         WHERE e."clinicId" = c."clinicId" AND e."chatKey" = c."chatKey"
           AND e.status IN ('pending', 'sending') AND e.seq < c.seq)
     ORDER BY c.seq
     LIMIT $4
     FOR UPDATE SKIP LOCKED) AS picked
   WHERE o.id = picked.id
   RETURNING o.id, o."clinicId", o."chatKey", o.kind, o.text, o.choices, o."mediaId", o.mimetype, o.filename, o.caption, o.attempts,
     picked."sendStartedAt" AS "unsureSince",
     EXISTS (SELECT 1 FROM "OutboxMessage" AS n WHERE n."clinicId" = o."clinicId" AND n."chatKey" = o."chatKey" AND n.seq > o.seq
       AND n.status IN ('pending', 'sending') AND n."nextAttemptAt" <= $1) AS "hasNext"`);
/**
 * The oldest unsent message of each chat that was due by `dueBy`, at most
 * `limit` chats, claimed from `now` until `leaseUntil`; `hasNext`: the chat
 * has another message due after it.
 */
export const claimDueRows = (sql: Sql, dueBy: Date, now: Date, leaseUntil: Date, limit: number, instanceId: string) =>
  rowsOf(sql, claim, [dueBy, now, leaseUntil, limit, instanceId]);

const deferRow = statement("outbox.defer",
  `UPDATE "OutboxMessage" SET status = 'pending', "nextAttemptAt" = $2, "sendStartedAt" = NULL WHERE id = $1`);
export const deferOutboxRow = (sql: Sql, id: string, until: Date) => execute(sql, deferRow, [id, until]);

const sent = statement("outbox.recordSent",
  `UPDATE "OutboxMessage" AS o SET status = r.status, "providerMessageId" = r."providerMessageId", attempts = o.attempts + 1,
     "sendStartedAt" = NULL, "sentAt" = r.at, "deliveredAt" = CASE WHEN r.status = 'delivered' THEN r.at ELSE o."deliveredAt" END
   FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamp[]) AS r(id, status, "providerMessageId", at)
   WHERE o.id = r.id`);
/** Several sends' outcomes in one statement. */
export const recordSentRows = (sql: Sql, rows: { id: string; status: string; providerMessageId: string | null | undefined; at: Date }[]) =>
  execute(sql, sent, [rows.map((row) => row.id), rows.map((row) => row.status), rows.map((row) => row.providerMessageId ?? null),
    rows.map((row) => row.at.toISOString())]);

const hold = statement("outbox.hold",
  `UPDATE "OutboxMessage" SET status = 'held', "lastError" = $2, "sendStartedAt" = NULL WHERE id = $1`);
export const holdOutboxRow = (sql: Sql, id: string, reason: string) => execute(sql, hold, [id, reason]);

const failed = statement("outbox.recordFailure",
  `UPDATE "OutboxMessage" SET status = $2, attempts = $3, "lastError" = $4, "nextAttemptAt" = $5, "sendStartedAt" = NULL WHERE id = $1`);
/** `status`: pending (tried again at `nextAttemptAt`) or failed (for good). */
export const recordOutboxFailure = (sql: Sql, id: string, status: "pending" | "failed", attempts: number, lastError: string, nextAttemptAt: Date) =>
  execute(sql, failed, [id, status, attempts, lastError, nextAttemptAt]);

const release = statement("outbox.releaseClaimed",
  `UPDATE "OutboxMessage" SET status = 'pending', "nextAttemptAt" = $2, "claimedBy" = NULL, "sendStartedAt" = NULL
   WHERE id = ANY($1::text[]) AND status = 'sending'`);
/** Claimed replies not sent after all (one before them could not be): back to pending, due now, behind it. */
export const releaseClaimedRows = (sql: Sql, ids: string[], now: Date) => execute(sql, release, [ids, now]);
