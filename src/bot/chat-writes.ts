// Writes into a chat from outside its own turn (reminders, waitlist offers,
// job results), inside the caller's transaction.
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import { PATIENT_FLOW_VERSION } from "../flows/patient/state.js";

export async function queueText(
  sql: Sql, target: { clinicId: string; chatKey: string; inboxMessageId?: string | null }, text: string, now: Date,
): Promise<void> {
  await sql.query(
    `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", "inboxMessageId", kind, text, "nextAttemptAt", "createdAt")
     VALUES ($1, $2, $3, $4, 'text', $5, $6, $6)`,
    [randomUUID(), target.clinicId, target.chatKey, target.inboxMessageId ?? null, text, now],
  );
}

/** Puts a patient's conversation into a state (e.g. "answering a reminder"), under its row lock. */
export async function setConversationState(sql: Sql, clinicId: string, chatKey: string, state: object, now: Date): Promise<void> {
  await sql.query(
    `INSERT INTO "Conversation" (id, "clinicId", "chatKey", audience, state, "flowVersion", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, 'patient', $4::jsonb, $6, $5, $5)
     ON CONFLICT ("clinicId", "chatKey") DO UPDATE
       SET state = EXCLUDED.state, audience = 'patient', "flowVersion" = EXCLUDED."flowVersion", "updatedAt" = EXCLUDED."updatedAt"`,
    [randomUUID(), clinicId, chatKey, JSON.stringify(state), now, PATIENT_FLOW_VERSION],
  );
}

/** A file (PDF, image, JSON export) into a chat; the bytes are stored first with saveMedia. */
export async function queueMedia(
  sql: Sql,
  target: { clinicId: string; chatKey: string; inboxMessageId?: string | null },
  media: { kind: "document" | "image" | "audio"; mediaId: string; mimetype: string; filename?: string | null; caption?: string | null },
  now: Date,
): Promise<void> {
  await sql.query(
    `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", "inboxMessageId", kind, "mediaId", mimetype, filename, caption, "nextAttemptAt", "createdAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
    [randomUUID(), target.clinicId, target.chatKey, target.inboxMessageId ?? null, media.kind, media.mediaId, media.mimetype,
      media.filename ?? null, media.caption ?? null, now],
  );
}
