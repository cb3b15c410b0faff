// Outbox rows of a chat, inside the caller's transaction: the turn's replies
// and files (interpreter.ts), the engine's "something went wrong", the rate
// limit's answer, and the erasure's farewell. Texts and captions are sealed
// with their row (src/crypto/sealed-columns.ts).
import { randomUUID } from "node:crypto";
import type { Cipher } from "../crypto/encryption.js";
import { sealColumn } from "../crypto/sealed-columns.js";
import type { Sql } from "../db/database.js";
import type { ReplyChoices, ReplyTemplate } from "../flows/types.js";

/** A menu's choices (Cloud API buttons and lists); the template a clinic-started message goes as outside the 24-hour window. */
export interface OutboxExtras {
  choices?: ReplyChoices;
  template?: ReplyTemplate;
}

const templateColumns = (cipher: Cipher, id: string, template: ReplyTemplate | undefined) =>
  [template?.purpose ?? null, sealColumn(cipher, "OutboxMessage.templateParams", id, template && JSON.stringify(template.params))];

/**
 * A turn's engine recognises this statement and writes its rows with the
 * turn's state (src/bot/turn-writes.ts): keep its parameters (id, clinicId,
 * chatKey, inboxMessageId, sealed text, sealed choices, template, sealed
 * template parameters, now) in step with QUEUED_TEXT_ROWS there.
 */
export const QUEUE_TEXT_SQL = `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", "inboxMessageId", kind, text, choices, template, "templateParams", "nextAttemptAt", "createdAt")
     VALUES ($1, $2, $3, $4, 'text', $5, $6, $7, $8, $9, $9)`;

export async function queueText(
  sql: Sql, cipher: Cipher, target: { clinicId: string; chatKey: string; inboxMessageId?: string | null }, text: string, now: Date,
  extras: OutboxExtras = {},
): Promise<void> {
  const id = randomUUID();
  await sql.query(QUEUE_TEXT_SQL, [
    id, target.clinicId, target.chatKey, target.inboxMessageId ?? null, sealColumn(cipher, "OutboxMessage.text", id, text),
    sealColumn(cipher, "OutboxMessage.choices", id, extras.choices && JSON.stringify(extras.choices)), ...templateColumns(cipher, id, extras.template), now,
  ]);
}

/** A file (PDF, image, JSON export) into a chat; the bytes are stored first with saveMedia. */
export async function queueMedia(
  sql: Sql,
  cipher: Cipher,
  target: { clinicId: string; chatKey: string; inboxMessageId?: string | null },
  media: { kind: "document" | "image" | "audio"; mediaId: string; mimetype: string; filename?: string | null; caption?: string | null },
  now: Date,
  template?: ReplyTemplate,
): Promise<void> {
  const id = randomUUID();
  await sql.query(
    `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", "inboxMessageId", kind, "mediaId", mimetype, filename, caption, template, "templateParams", "nextAttemptAt", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
    [id, target.clinicId, target.chatKey, target.inboxMessageId ?? null, media.kind, media.mediaId, media.mimetype,
      media.filename ?? null, sealColumn(cipher, "OutboxMessage.caption", id, media.caption), ...templateColumns(cipher, id, template), now],
  );
}
