// Stores an inbound message once. The unique key (clinicId, providerMessageId)
// turns a duplicate delivery into a no-op, also across instances.
import { randomUUID } from "node:crypto";
import type { Cipher } from "../crypto/encryption.js";
import { sealColumn } from "../crypto/sealed-columns.js";
import type { Database, Sql } from "../db/database.js";
import { saveMedia } from "../db/media.js";
import { cleanInbound } from "./clean-inbound.js";
import type { InboundMessage } from "./messages.js";

export interface IngestResult {
  inboxMessageId: string;
  duplicate: boolean;
}

/** The text and payload are sealed with the row, the media with its own row. */
export async function ingestInbound(db: Database, cipher: Cipher, message: InboundMessage, now: Date): Promise<IngestResult> {
  message = cleanInbound(message); // NUL and lone surrogates never reach PostgreSQL (clean-inbound.ts)
  const id = randomUUID();
  const inserted = message.media
    ? await db.transaction(async (sql) => {
        const stored = await insertRow(sql, cipher, message, id, randomUUID(), now);
        if (stored) await saveMedia(sql, cipher, { clinicId: message.clinicId, ...message.media! }, stored.mediaId!);
        return stored !== undefined;
      })
    : (await insertRow(db.sql, cipher, message, id, null, now)) !== undefined;
  if (inserted) return { inboxMessageId: id, duplicate: false };
  const [existing] = await db.sql.query<{ id: string }>(
    `SELECT id FROM "InboxMessage" WHERE "clinicId" = $1 AND "providerMessageId" = $2`,
    [message.clinicId, message.providerMessageId],
  );
  if (!existing) throw new Error("inbox row vanished after a conflicting insert");
  return { inboxMessageId: existing.id, duplicate: true };
}

async function insertRow(sql: Sql, cipher: Cipher, message: InboundMessage, id: string, mediaId: string | null, now: Date) {
  const rows = await sql.query<{ id: string; mediaId: string | null }>(
    `INSERT INTO "InboxMessage" (id, "clinicId", "chatKey", "senderPhone", "senderLid", "providerMessageId",
       kind, text, "mediaId", payload, "receivedAt", "nextAttemptAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT ("clinicId", "providerMessageId") DO NOTHING
     RETURNING id, "mediaId"`,
    [
      id, message.clinicId, message.chatKey, message.senderPhone, message.senderLid ?? null, message.providerMessageId,
      message.kind, sealColumn(cipher, "InboxMessage.text", id, message.text), mediaId,
      sealColumn(cipher, "InboxMessage.payload", id, message.payload ? JSON.stringify(message.payload) : null),
      message.receivedAt ?? now, now,
    ],
  );
  return rows[0];
}
