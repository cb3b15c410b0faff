// Messages written by jobs and use cases outside a chat turn: outbox rows,
// sent by the outbox in order with the chat's other messages.
import { randomUUID } from "node:crypto";
import { queueText } from "../bot/chat-writes.js";
import type { Sql } from "../db/database.js";

export interface ChatTarget {
  clinicId: string;
  chatKey: string;
  /** The inbound message this answers, when there is one. */
  inboxMessageId?: string | null;
}

export async function sendText(sql: Sql, to: ChatTarget, text: string, now: Date): Promise<void> {
  await queueText(sql, to, text, now);
}

export async function sendPdf(
  sql: Sql, to: ChatTarget, pdf: { mediaId: string; filename: string; caption: string }, now: Date,
): Promise<void> {
  await sql.query(
    `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", "inboxMessageId", kind, "mediaId", mimetype, filename, caption, "nextAttemptAt", "createdAt")
     VALUES ($1, $2, $3, $4, 'document', $5, 'application/pdf', $6, $7, $8, $8)`,
    [randomUUID(), to.clinicId, to.chatKey, to.inboxMessageId ?? null, pdf.mediaId, pdf.filename, pdf.caption, now],
  );
}
