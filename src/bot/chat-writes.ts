// Writes into a chat from outside its own turn (reminders, waitlist offers,
// job results), inside the caller's transaction. Texts, captions and states
// are sealed with their row (src/crypto/sealed-columns.ts).
import { randomUUID } from "node:crypto";
import type { Cipher } from "../crypto/encryption.js";
import { sealColumn, sealState } from "../crypto/sealed-columns.js";
import type { Sql } from "../db/database.js";
import { PATIENT_FLOW_VERSION } from "../flows/patient/state.js";

export async function queueText(
  sql: Sql, cipher: Cipher, target: { clinicId: string; chatKey: string; inboxMessageId?: string | null }, text: string, now: Date,
): Promise<void> {
  const id = randomUUID();
  await sql.query(
    `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", "inboxMessageId", kind, text, "nextAttemptAt", "createdAt")
     VALUES ($1, $2, $3, $4, 'text', $5, $6, $6)`,
    [id, target.clinicId, target.chatKey, target.inboxMessageId ?? null, sealColumn(cipher, "OutboxMessage.text", id, text), now],
  );
}

/**
 * Puts a patient's conversation into a state (e.g. "answering a reminder"), under its row lock.
 * Two statements: the state is sealed with the row's id, which an existing row already has.
 */
export async function setConversationState(sql: Sql, cipher: Cipher, clinicId: string, chatKey: string, state: object, now: Date): Promise<void> {
  const [row] = await sql.query<{ id: string }>(
    `INSERT INTO "Conversation" (id, "clinicId", "chatKey", audience, "flowVersion", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, 'patient', $5, $4, $4)
     ON CONFLICT ("clinicId", "chatKey") DO UPDATE SET "updatedAt" = EXCLUDED."updatedAt"
     RETURNING id`,
    [randomUUID(), clinicId, chatKey, now, PATIENT_FLOW_VERSION],
  );
  await sql.query(
    `UPDATE "Conversation" SET state = $2, audience = 'patient', "flowVersion" = $3 WHERE id = $1`,
    [row!.id, sealState(cipher, row!.id, state), PATIENT_FLOW_VERSION],
  );
}

/** A file (PDF, image, JSON export) into a chat; the bytes are stored first with saveMedia. */
export async function queueMedia(
  sql: Sql,
  cipher: Cipher,
  target: { clinicId: string; chatKey: string; inboxMessageId?: string | null },
  media: { kind: "document" | "image" | "audio"; mediaId: string; mimetype: string; filename?: string | null; caption?: string | null },
  now: Date,
): Promise<void> {
  const id = randomUUID();
  await sql.query(
    `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", "inboxMessageId", kind, "mediaId", mimetype, filename, caption, "nextAttemptAt", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
    [id, target.clinicId, target.chatKey, target.inboxMessageId ?? null, media.kind, media.mediaId, media.mimetype,
      media.filename ?? null, sealColumn(cipher, "OutboxMessage.caption", id, media.caption), now],
  );
}
