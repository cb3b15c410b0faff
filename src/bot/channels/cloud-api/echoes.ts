// Coexistence: the clinic's staff answer from the WhatsApp Business app on the
// number the Cloud API also serves, and Meta sends each such message as an
// echo (webhook field smb_message_echoes). Like a message typed on the phone
// under Baileys, it pauses the bot in that chat for
// WHATSAPP_STAFF_PAUSE_MINUTES, through the same Conversation.handoffUntil
// (never shortening a longer pause); the bot's own sends are not echoed as
// staff messages, and one whose wamid is an outbox row's is ignored anyway.
import { randomUUID } from "node:crypto";
import type { Database } from "../../../db/database.js";

export async function pauseForStaffEcho(db: Database, clinicId: string, chatKey: string, wamid: string, until: Date, now: Date): Promise<boolean> {
  const own = await db.sql.query(`SELECT 1 FROM "OutboxMessage" WHERE "clinicId" = $1 AND "providerMessageId" = $2 LIMIT 1`, [clinicId, wamid]);
  if (own.length > 0 || until <= now) return false;
  await db.sql.query(
    `INSERT INTO "Conversation" (id, "clinicId", "chatKey", "handoffUntil", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT ("clinicId", "chatKey") DO UPDATE
       SET "handoffUntil" = GREATEST(COALESCE("Conversation"."handoffUntil", EXCLUDED."handoffUntil"), EXCLUDED."handoffUntil"),
           "updatedAt" = EXCLUDED."updatedAt"`,
    [randomUUID(), clinicId, chatKey, until, now],
  );
  return true;
}
