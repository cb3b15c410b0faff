// The reception hands a chat back to the bot: the handoff ends and the chat
// starts again at the menu. A conversation's row is written only here in
// src/bot/ (scripts/check-layers.ts holds every other folder to it).
import type { Cipher } from "../crypto/encryption.js";
import { sealState } from "../crypto/sealed-columns.js";
import type { Sql } from "../db/database.js";

/** False when the chat has no conversation yet. */
export async function releaseChat(sql: Sql, cipher: Cipher, clinicId: string, chatKey: string, now: Date): Promise<boolean> {
  const [row] = await sql.query<{ id: string }>(
    `SELECT id FROM "Conversation" WHERE "clinicId" = $1 AND "chatKey" = $2 FOR UPDATE`, [clinicId, chatKey]);
  if (!row) return false;
  // Giving the chat back also takes it out of the reception's inbox (src/bot/handoffs.ts).
  await sql.query(`UPDATE "Handoff" SET "closedAt" = $3 WHERE "clinicId" = $1 AND "chatKey" = $2 AND "closedAt" IS NULL`, [clinicId, chatKey, now]);
  await sql.query(
    `UPDATE "Conversation" SET "handoffUntil" = NULL, state = $2, "updatedAt" = $3 WHERE id = $1`,
    [row.id, sealState(cipher, row.id, { type: "menu" }), now]);
  return true;
}
