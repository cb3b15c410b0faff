// The SQL every WhatsApp channel shares, named (src/db/statements.ts):
// delivery receipts on the outbox rows, and the pause a message typed by the
// clinic's staff (on the phone, or echoed by the Cloud API) puts on the bot.
import type { Sql } from "../../db/database.js";
import { execute, firstRow, statement } from "../../db/statements.js";

const receipts = statement("channels.recordReceipts",
  `UPDATE "OutboxMessage" AS o SET
     "deliveredAt" = CASE WHEN r.status IN ('delivered', 'read') THEN COALESCE(o."deliveredAt", r.at) ELSE o."deliveredAt" END,
     "readAt" = CASE WHEN r.status = 'read' THEN COALESCE(o."readAt", r.at) ELSE o."readAt" END,
     status = CASE
       WHEN r.status = 'read' THEN 'read'
       WHEN r.status = 'delivered' AND o.status <> 'read' THEN 'delivered'
       WHEN r.status = 'failed' AND o."deliveredAt" IS NULL THEN 'failed'
       ELSE o.status END,
     "lastError" = CASE WHEN r.status = 'failed' THEN COALESCE(r.error, 'the provider reported a failed delivery') ELSE o."lastError" END
   FROM unnest($2::text[], $3::text[], $4::timestamp[], $5::text[]) AS r(provider, status, at, error)
   WHERE o."clinicId" = $1 AND o."providerMessageId" = r.provider`);
/** One statement for a whole batch; a later receipt never undoes an earlier one. */
export const recordReceiptRows = (sql: Sql, clinicId: string, rows: readonly { providerMessageId: string; status: string; at: Date; error?: string }[]) =>
  execute(sql, receipts, [clinicId, rows.map((r) => r.providerMessageId), rows.map((r) => r.status),
    // The column is a timestamp without time zone holding UTC.
    rows.map((r) => r.at.toISOString().replace("T", " ").replace("Z", "")), rows.map((r) => r.error ?? null)]);

const botMessage = statement<{ found: number }>("channels.isBotMessage",
  `SELECT 1 AS found FROM "OutboxMessage" WHERE "clinicId" = $1 AND "providerMessageId" = $2 LIMIT 1`);
/** True when the message id is one the bot sent (an echo of our own message). */
export const isOutboxMessage = async (sql: Sql, clinicId: string, providerMessageId: string) =>
  (await firstRow(sql, botMessage, [clinicId, providerMessageId])) !== undefined;

const pauseForStaff = statement("channels.pauseForStaff",
  `INSERT INTO "Conversation" (id, "clinicId", "chatKey", "handoffUntil", "createdAt", "updatedAt")
   VALUES ($1, $2, $3, $4, $5, $5)
   ON CONFLICT ("clinicId", "chatKey") DO UPDATE
     SET "handoffUntil" = GREATEST(COALESCE("Conversation"."handoffUntil", EXCLUDED."handoffUntil"), EXCLUDED."handoffUntil"),
         "updatedAt" = EXCLUDED."updatedAt"`);
/** Keeps the bot quiet in the chat until `until` (never shortens a longer pause). */
export const pauseChatForStaff = (sql: Sql, row: { id: string; clinicId: string; chatKey: string; until: Date; now: Date }) =>
  execute(sql, pauseForStaff, [row.id, row.clinicId, row.chatKey, row.until, row.now]);
