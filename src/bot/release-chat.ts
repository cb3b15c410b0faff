// The reception hands a chat back to the bot: the handoff ends and the chat
// starts again at the menu. A conversation's row is written only here in
// src/bot/ (scripts/check-layers.ts holds every other folder to it).
import type { Cipher } from "../crypto/encryption.js";
import { sealState } from "../crypto/sealed-columns.js";
import type { Sql } from "../db/database.js";
import { closeOpenHandoffsOf, lockConversationId, restartConversation } from "./handoff-statements.js";

/** False when the chat has no conversation yet. */
export async function releaseChat(sql: Sql, cipher: Cipher, clinicId: string, chatKey: string, now: Date): Promise<boolean> {
  const conversationId = await lockConversationId(sql, clinicId, chatKey);
  if (!conversationId) return false;
  // Giving the chat back also takes it out of the reception's inbox (src/bot/handoffs.ts).
  await closeOpenHandoffsOf(sql, clinicId, chatKey, now);
  await restartConversation(sql, conversationId, sealState(cipher, conversationId, { type: "menu" }), now);
  return true;
}
