// One outbound message over a clinic's socket: paced per number, with a
// typing indicator, under a message id chosen from the outbox row. The id is
// written on the row before the send, so (a) the echo Baileys emits for our
// own message is recognised as the bot's and not as staff typing, and (b) a
// retry after a crash reuses the id, which WhatsApp treats as the same message.
import { createHash } from "node:crypto";
import type { AnyMessageContent } from "@whiskeysockets/baileys";
import type { Database } from "../../../db/database.js";
import type { OutboundMessage, SendResult } from "../../messages.js";
import { chatKeyToJid } from "./jids.js";
import type { SendPacer } from "./send-pacer.js";
import type { BaileysSocket } from "./socket.js";
import { stampProviderMessageId } from "./baileys-statements.js";

export interface SenderDeps {
  db: Database;
  pacer: SendPacer;
  sleep: (ms: number) => Promise<void>;
}

/** "3EB0" + 36 hex digits, the shape of ids WhatsApp Web generates, derived from the outbox row id. */
export function botMessageId(outboxId: string): string {
  return `3EB0${createHash("sha256").update(`zelo:${outboxId}`).digest("hex").slice(0, 36).toUpperCase()}`;
}

export function toContent(message: OutboundMessage): AnyMessageContent {
  const media = message.media;
  if (message.kind === "text" || !media) return { text: message.text ?? "" };
  switch (message.kind) {
    case "document":
      return { document: media.data, mimetype: media.mimetype, fileName: media.filename ?? "documento.pdf", caption: message.caption };
    case "image":
      return { image: media.data, mimetype: media.mimetype, caption: message.caption };
    case "audio":
      return { audio: media.data, mimetype: media.mimetype, ptt: media.mimetype.includes("ogg") };
  }
}

/** ~40 ms a character, between 0.6 and 3 seconds: long enough to read as a person typing. */
export function typingMs(message: OutboundMessage): number {
  return Math.min(3000, Math.max(600, (message.text?.length ?? 20) * 40));
}

export async function sendThroughSocket(deps: SenderDeps, socket: BaileysSocket, message: OutboundMessage): Promise<SendResult> {
  const jid = chatKeyToJid(message.chatKey);
  const messageId = botMessageId(message.id);
  await stampProviderMessageId(deps.db.sql, message.id, messageId);
  await deps.pacer.wait(message.clinicId);
  await socket.sendPresenceUpdate("composing", jid).catch(() => undefined);
  await deps.sleep(typingMs(message));
  const sent = await socket.sendMessage(jid, toContent(message), { messageId });
  await socket.sendPresenceUpdate("paused", jid).catch(() => undefined);
  return { providerMessageId: sent?.key.id ?? messageId, status: "sent" };
}
