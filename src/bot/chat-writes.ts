// Outbox rows of a chat, inside the caller's transaction: the turn's replies
// and files (interpreter.ts), the engine's "something went wrong", the rate
// limit's answer, and the erasure's farewell. Texts and captions are sealed
// with their row (src/crypto/sealed-columns.ts).
import { randomUUID } from "node:crypto";
import type { Cipher } from "../crypto/encryption.js";
import { sealColumn } from "../crypto/sealed-columns.js";
import type { Sql } from "../db/database.js";
import type { ReplyChoices, ReplyTemplate } from "../flows/types.js";
import { insertQueuedMedia, insertQueuedText } from "./outbox-statements.js";

/** A menu's choices (Cloud API buttons and lists); the template a clinic-started message goes as outside the 24-hour window. */
export interface OutboxExtras {
  choices?: ReplyChoices;
  template?: ReplyTemplate;
}

const templateColumns = (cipher: Cipher, id: string, template: ReplyTemplate | undefined) =>
  ({ template: template?.purpose ?? null, templateParams: sealColumn(cipher, "OutboxMessage.templateParams", id, template && JSON.stringify(template.params)) });

export async function queueText(
  sql: Sql, cipher: Cipher, target: { clinicId: string; chatKey: string; inboxMessageId?: string | null }, text: string, now: Date,
  extras: OutboxExtras = {},
): Promise<void> {
  const id = randomUUID();
  await insertQueuedText(sql, {
    id, clinicId: target.clinicId, chatKey: target.chatKey, inboxMessageId: target.inboxMessageId ?? null, text: sealColumn(cipher, "OutboxMessage.text", id, text),
    choices: sealColumn(cipher, "OutboxMessage.choices", id, extras.choices && JSON.stringify(extras.choices)), ...templateColumns(cipher, id, extras.template), now,
  });
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
  await insertQueuedMedia(sql, {
    id, clinicId: target.clinicId, chatKey: target.chatKey, inboxMessageId: target.inboxMessageId ?? null, kind: media.kind, mediaId: media.mediaId,
    mimetype: media.mimetype, filename: media.filename ?? null, caption: sealColumn(cipher, "OutboxMessage.caption", id, media.caption),
    ...templateColumns(cipher, id, template), now,
  });
}
