// messages.upsert (notify and append) -> the inbox. A duplicate delivery
// (an `append` replayed after a reconnect) stops at the inbox's unique key.
// A message typed by staff on the clinic's own phone pauses the bot in that
// chat; the bot's own sends (ids it chose, see sender.ts) do not.
import { randomUUID } from "node:crypto";
import { isJidBroadcast, isJidNewsletter, isJidStatusBroadcast, type WAMessage } from "@whiskeysockets/baileys";
import type { Cipher } from "../../../crypto/encryption.js";
import type { Database } from "../../../db/database.js";
import type { Logger } from "../../../logger.js";
import { cleanText } from "../../clean-inbound.js";
import { ingestInbound } from "../../inbox.js";
import type { InboundMessage } from "../../messages.js";
import { mapContent } from "./inbound-content.js";
import { lidUserOf, senderJids } from "./jids.js";
import { isOutboxMessage, pauseChatForStaff } from "../channel-statements.js";
import { findPatientPhoneByLid, linkPatientLid } from "./baileys-statements.js";

export interface InboundOptions {
  ignoreGroups: boolean;
  staffPauseMinutes: number;
  /** Runs the chat after a new message is stored (engine.drainChat). */
  onInbound: (clinicId: string, chatKey: string) => Promise<void>;
}

export interface InboundContext extends InboundOptions {
  db: Database;
  cipher: Cipher;
  clinicId: string;
  now: () => Date;
  logger: Logger;
  /** "5511987654321" for a LID user, from Baileys' lid-mapping store. */
  phoneForLid: (lidUser: string) => Promise<string | undefined>;
  downloadMedia: (message: WAMessage) => Promise<Buffer>;
}

export interface Sender {
  chatKey: string;
  senderPhone: string;
  senderLid?: string;
}

export async function handleUpsert(ctx: InboundContext, messages: WAMessage[]): Promise<void> {
  for (const message of messages) {
    try {
      await handleOne(ctx, message);
    } catch (error) {
      ctx.logger.error({ err: error, clinicId: ctx.clinicId, messageId: message.key.id }, "inbound WhatsApp message failed");
    }
  }
}

async function handleOne(ctx: InboundContext, message: WAMessage): Promise<void> {
  const remote = message.key.remoteJid ?? "";
  const id = message.key.id && cleanText(message.key.id); // also looked up as it came (isBotMessage)
  if (!id || !remote || isJidStatusBroadcast(remote) || isJidNewsletter(remote) || isJidBroadcast(remote)) return;
  const jids = senderJids(message.key);
  if (jids.groupJid && ctx.ignoreGroups) return;
  const sender = await resolveSender(ctx, jids);
  if (!sender) return;
  const sentAt = timestampOf(message) ?? ctx.now();
  if (message.key.fromMe) {
    if (!jids.groupJid && !(await isBotMessage(ctx.db, ctx.clinicId, id))) await pauseForStaff(ctx, sender.chatKey, sentAt);
    return;
  }
  const content = mapContent(message);
  if (!content) return;
  const inbound: InboundMessage = {
    clinicId: ctx.clinicId, ...sender, providerMessageId: id, kind: content.kind, text: content.text,
    payload: { ...content.payload, pushName: message.pushName ?? undefined, ...(jids.groupJid ? { groupJid: jids.groupJid } : {}) },
    receivedAt: sentAt,
  };
  if (content.media) {
    const data = await download(ctx, message);
    if (data) inbound.media = { data, ...content.media };
    else inbound.payload = { ...inbound.payload, mediaUnavailable: true };
  }
  const stored = await ingestInbound(ctx.db, ctx.cipher, inbound, ctx.now());
  if (!stored.duplicate) await ctx.onInbound(ctx.clinicId, sender.chatKey);
}

/** The phone when it can be known (on the message, in the LID map, on a patient); else the LID itself. */
export async function resolveSender(ctx: Pick<InboundContext, "db" | "clinicId" | "phoneForLid">, jids: ReturnType<typeof senderJids>): Promise<Sender | undefined> {
  let phone = jids.pnUser ? `+${jids.pnUser}` : undefined;
  if (!phone && jids.lid) {
    const pnUser = await ctx.phoneForLid(lidUserOf(jids.lid));
    phone = pnUser ? `+${pnUser}` : await patientPhoneByLid(ctx.db, ctx.clinicId, jids.lid);
  }
  if (phone && jids.lid) await linkLid(ctx.db, ctx.clinicId, phone, jids.lid);
  const person = phone ?? jids.lid;
  if (!person) return undefined;
  return { chatKey: jids.groupJid ?? person, senderPhone: person, senderLid: jids.lid };
}

async function patientPhoneByLid(db: Database, clinicId: string, lid: string): Promise<string | undefined> {
  return findPatientPhoneByLid(db.sql, clinicId, lid);
}

/** Remembers the LID on the patient, so a later LID-only message finds the same person. */
async function linkLid(db: Database, clinicId: string, phone: string, lid: string): Promise<void> {
  await linkPatientLid(db.sql, clinicId, phone, lid);
}

async function isBotMessage(db: Database, clinicId: string, providerMessageId: string): Promise<boolean> {
  return isOutboxMessage(db.sql, clinicId, providerMessageId);
}

/** Staff answered from the phone: the bot keeps quiet in this chat until `sentAt + pause` (never shortens a longer pause). */
async function pauseForStaff(ctx: InboundContext, chatKey: string, sentAt: Date): Promise<void> {
  if (ctx.staffPauseMinutes <= 0) return;
  const until = new Date(sentAt.getTime() + ctx.staffPauseMinutes * 60_000);
  if (until <= ctx.now()) return; // an old message replayed after a reconnect
  const now = ctx.now();
  await pauseChatForStaff(ctx.db.sql, { id: randomUUID(), clinicId: ctx.clinicId, chatKey, until, now });
  ctx.logger.info({ clinicId: ctx.clinicId, chatKey, until }, "staff wrote from the clinic phone: bot paused in this chat");
}

async function download(ctx: InboundContext, message: WAMessage): Promise<Buffer | undefined> {
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      return await ctx.downloadMedia(message);
    } catch (error) {
      ctx.logger.warn({ err: error, clinicId: ctx.clinicId, messageId: message.key.id, attempt }, "WhatsApp media download failed");
    }
  }
  return undefined;
}

function timestampOf(message: WAMessage): Date | undefined {
  const ts = message.messageTimestamp;
  if (ts === null || ts === undefined) return undefined;
  const seconds = typeof ts === "number" ? ts : Number(ts.toString());
  return seconds > 0 ? new Date(seconds * 1000) : undefined;
}
