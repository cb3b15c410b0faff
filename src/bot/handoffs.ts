// A patient's request to talk to a person, and the reception's side of it.
// Only src/bot/ writes a conversation: opening a handoff (from the turn),
// pausing the bot while a person answers, and giving the chat back to the bot
// live here; the admin API calls them.
import { randomUUID } from "node:crypto";
import type { Cipher } from "../crypto/encryption.js";
import { openColumn, sealColumn } from "../crypto/sealed-columns.js";
import type { Database, Sql } from "../db/database.js";
import { saveMedia } from "../db/media.js";
import { AppError } from "../errors.js";
import {
  assignHandoffRow, closeHandoffRow, findClinicTimeZone, insertHandoffOnce, insertHandoffReply, lastPatientTexts, listReceptionHours, lockConversationOf,
  lockHandoffRow, markFirstStaffReply, pauseBotUntil, queueStaffMedia, queueStaffText,
} from "./handoff-statements.js";
import { releaseChat } from "./release-chat.js";
import { receptionAvailability, type ReceptionAvailability } from "../scheduling/reception-hours.js";

export interface ChatRef {
  clinicId: string;
  chatKey: string;
}

/**
 * Inside the turn's transaction: records the request (once per open handoff;
 * asking again keeps the first one) and says when the reception answers.
 */
export async function openHandoff(sql: Sql, cipher: Cipher, chat: ChatRef, now: Date): Promise<ReceptionAvailability> {
  const id = randomUUID();
  const inbound = await lastPatientTexts(sql, chat.clinicId, chat.chatKey);
  const reason = inbound.reverse().map((row) => openColumn(cipher, "InboxMessage.text", row.id, row.text) ?? "").filter(Boolean).join("\n");
  await insertHandoffOnce(sql, { id, clinicId: chat.clinicId, chatKey: chat.chatKey, reasonSealed: sealColumn(cipher, "Handoff.reason", id, reason || null), since: now });
  return receptionAvailabilityOf(sql, chat.clinicId, now);
}

export async function receptionAvailabilityOf(sql: Sql, clinicId: string, now: Date): Promise<ReceptionAvailability> {
  const timeZone = await findClinicTimeZone(sql, clinicId);
  const hours = await listReceptionHours(sql, clinicId);
  return receptionAvailability(now, timeZone ?? "America/Sao_Paulo", hours);
}

export interface Staff {
  keyId: string;
  /** The API key's name, kept with each message the person sent. */
  name: string;
}

export type StaffContent =
  | { text: string }
  | { media: { data: Buffer; mimetype: string; filename: string; caption?: string } };

export interface StaffReply {
  outboxMessageId: string;
  /** Set on the handoff's first staff reply: seconds since the patient asked. */
  firstReplyAfterSeconds?: number;
}

/**
 * Queues a reception message on the chat's outbox, in order with the bot's
 * (the conversation row lock is the one a turn takes), and keeps the bot
 * silent for `pauseMinutes` so it does not talk over the person.
 */
export async function sendStaffReply(
  db: Database, cipher: Cipher, input: { clinicId: string; handoffId: string; staff: Staff; content: StaffContent; now: Date; pauseMinutes: number },
): Promise<StaffReply> {
  return db.transaction(async (sql) => {
    const handoff = await lockOpenHandoff(sql, input.clinicId, input.handoffId);
    await lockConversation(sql, handoff);
    const outboxId = randomUUID();
    await queueStaffMessage(sql, cipher, handoff, outboxId, input.content, input.now);
    await insertHandoffReply(sql, { id: randomUUID(), handoffId: handoff.id, outboxMessageId: outboxId, apiKeyId: input.staff.keyId, staffName: input.staff.name, now: input.now });
    await pauseBot(sql, handoff, new Date(input.now.getTime() + input.pauseMinutes * 60_000), input.now);
    if (handoff.firstStaffReplyAt) return { outboxMessageId: outboxId };
    await markFirstStaffReply(sql, handoff.id, input.now, input.staff.name);
    return { outboxMessageId: outboxId, firstReplyAfterSeconds: (input.now.getTime() - handoff.since.getTime()) / 1000 };
  });
}

async function queueStaffMessage(sql: Sql, cipher: Cipher, chat: ChatRef, outboxId: string, content: StaffContent, now: Date): Promise<void> {
  if ("text" in content) {
    await queueStaffText(sql, { id: outboxId, clinicId: chat.clinicId, chatKey: chat.chatKey, textSealed: sealColumn(cipher, "OutboxMessage.text", outboxId, content.text), now });
    return;
  }
  const { media } = content;
  const mediaId = await saveMedia(sql, cipher, { clinicId: chat.clinicId, data: media.data, mimetype: media.mimetype, filename: media.filename });
  await queueStaffMedia(sql, {
    id: outboxId, clinicId: chat.clinicId, chatKey: chat.chatKey, kind: media.mimetype.startsWith("image/") ? "image" : "document", mediaId,
    mimetype: media.mimetype, filename: media.filename, captionSealed: sealColumn(cipher, "OutboxMessage.caption", outboxId, media.caption), now,
  });
}

/** Closes the handoff and gives the chat back to the bot, from its menu. */
export async function closeHandoff(
  db: Database, cipher: Cipher, input: { clinicId: string; handoffId: string; by: string; now: Date },
): Promise<void> {
  await db.transaction(async (sql) => {
    const handoff = await lockOpenHandoff(sql, input.clinicId, input.handoffId);
    await closeHandoffRow(sql, handoff.id, input.now, input.by);
    await releaseChat(sql, cipher, handoff.clinicId, handoff.chatKey, input.now);
  });
}

export async function assignHandoff(db: Database, input: { clinicId: string; handoffId: string; to: string }): Promise<void> {
  await db.transaction(async (sql) => {
    const handoff = await lockOpenHandoff(sql, input.clinicId, input.handoffId);
    await assignHandoffRow(sql, handoff.id, input.to);
  });
}

/** Keeps the bot silent until `until` (never shortens a longer pause). */
async function pauseBot(sql: Sql, chat: ChatRef, until: Date, now: Date): Promise<void> {
  await pauseBotUntil(sql, chat.clinicId, chat.chatKey, until, now);
}

async function lockConversation(sql: Sql, chat: ChatRef): Promise<void> {
  await lockConversationOf(sql, chat.clinicId, chat.chatKey);
}

interface OpenHandoff extends ChatRef {
  id: string;
  since: Date;
  firstStaffReplyAt: Date | null;
}

async function lockOpenHandoff(sql: Sql, clinicId: string, handoffId: string): Promise<OpenHandoff> {
  const handoff = await lockHandoffRow(sql, clinicId, handoffId);
  if (!handoff) throw new AppError("not_found", "handoff not found", { field: "handoffId" });
  if (handoff.closedAt) throw new AppError("conflict", "this handoff is closed", { field: "handoffId" });
  return handoff;
}
