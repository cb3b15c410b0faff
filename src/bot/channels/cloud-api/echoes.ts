// Coexistence: the clinic's staff answer from the WhatsApp Business app on the
// number the Cloud API also serves, and Meta sends each such message as an
// echo (webhook field smb_message_echoes). Like a message typed on the phone
// under Baileys, it pauses the bot in that chat for
// WHATSAPP_STAFF_PAUSE_MINUTES, through the same Conversation.handoffUntil
// (never shortening a longer pause); the bot's own sends are not echoed as
// staff messages, and one whose wamid is an outbox row's is ignored anyway.
import { randomUUID } from "node:crypto";
import type { Database } from "../../../db/database.js";
import { isOutboxMessage, pauseChatForStaff } from "../channel-statements.js";

export async function pauseForStaffEcho(db: Database, clinicId: string, chatKey: string, wamid: string, until: Date, now: Date): Promise<boolean> {
  if ((await isOutboxMessage(db.sql, clinicId, wamid)) || until <= now) return false;
  await pauseChatForStaff(db.sql, { id: randomUUID(), clinicId, chatKey, until, now });
  return true;
}
