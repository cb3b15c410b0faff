// Abuse limits on inbound chat messages, checked before the flow runs: per
// chat (a fixed window shared by every instance), text length and media
// size. A refused message stays stored (status 'refused', with the reason)
// and is not processed; the person gets a polite answer from the error table,
// once per window for a flood, so a flood costs a few cheap statements per
// message and never a flow turn, an AI call or a reply storm.
import type { Sql } from "../db/database.js";
import { errorCatalog, type ErrorCode } from "../errors.js";
import { hitRateCounter } from "../limits/rate-counter.js";
import type { Cipher } from "../crypto/encryption.js";
import { queueText } from "./chat-writes.js";
import { findMediaSize, refuseMessage } from "./turn-statements.js";
import type { InboxRow } from "./turn.js";

export interface ChatLimits {
  /** CHAT_RATE_LIMIT_MESSAGES per CHAT_RATE_LIMIT_WINDOW_SECONDS, per chat. */
  messages: number;
  windowSeconds: number;
  /** MESSAGE_MAX_CHARS */
  maxChars: number;
  /** MEDIA_MAX_BYTES */
  maxMediaBytes: number;
}

export interface Refusal {
  code: Extract<ErrorCode, "rate_limited" | "message_too_long" | "media_too_large">;
  replied: boolean;
}

/** The chat's rate counter key: one window shared by every instance. */
export const chatRateKey = (clinicId: string, chatKey: string): string => `chat:${clinicId}:${chatKey}`;

/**
 * True when a message certainly passes every limit, given the chat's count in
 * this window read under the conversation's lock (no other turn of the chat
 * can count meanwhile): the engine then counts it with the turn's own write
 * and skips refuseOverLimits. Media and anything near a limit take the full path.
 */
export function passesLimits(message: InboxRow, limits: ChatLimits, countedBefore: number): boolean {
  return countedBefore + 1 <= limits.messages && !(message.text && message.text.length > limits.maxChars) && !message.mediaId;
}

/** Undefined when the message may go on to the flow; otherwise it has been settled (stored as refused, maybe answered). Counts the message. */
export async function refuseOverLimits(sql: Sql, cipher: Cipher, message: InboxRow, limits: ChatLimits, now: Date): Promise<Refusal | undefined> {
  const refusal = await check(sql, message, limits, now);
  if (!refusal) return undefined;
  await refuseMessage(sql, message.id, now, refusal.code);
  if (refusal.replied) {
    await queueText(sql, cipher, { clinicId: message.clinicId, chatKey: message.chatKey, inboxMessageId: message.id }, errorCatalog[refusal.code].chat, now);
  }
  return refusal;
}

async function check(sql: Sql, message: InboxRow, limits: ChatLimits, now: Date): Promise<Refusal | undefined> {
  const hit = await hitRateCounter(sql, chatRateKey(message.clinicId, message.chatKey), { limit: limits.messages, windowSeconds: limits.windowSeconds }, now);
  if (!hit.allowed) return { code: "rate_limited", replied: hit.firstRefusal };
  if (message.text && message.text.length > limits.maxChars) return { code: "message_too_long", replied: true };
  if (message.mediaId) {
    const media = await findMediaSize(sql, message.mediaId);
    if (media && media.sizeBytes > limits.maxMediaBytes) return { code: "media_too_large", replied: true };
  }
  return undefined;
}
