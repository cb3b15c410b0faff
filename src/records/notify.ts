// Messages written by jobs and use cases outside a chat turn: outbox rows,
// sent by the outbox in order with the chat's other messages.
import { queueMedia } from "../bot/chat-writes.js";
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";

export interface ChatTarget {
  clinicId: string;
  chatKey: string;
  /** The inbound message this answers, when there is one. */
  inboxMessageId?: string | null;
}

export async function sendPdf(
  sql: Sql, cipher: Cipher, to: ChatTarget, pdf: { mediaId: string; filename: string; caption: string }, now: Date,
): Promise<void> {
  await queueMedia(sql, cipher, to, { kind: "document", mediaId: pdf.mediaId, mimetype: "application/pdf", filename: pdf.filename, caption: pdf.caption }, now);
}
