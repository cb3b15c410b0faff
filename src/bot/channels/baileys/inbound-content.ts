// What a Baileys message says, in the engine's words: kind, text, media to
// fetch, extras. Pure (inbound-content.test.ts); who sent it is jids.ts.
import { normalizeMessageContent, type WAMessage } from "@whiskeysockets/baileys";
import type { InputKind } from "../../../flows/types.js";

export interface MappedContent {
  kind: InputKind;
  text?: string;
  /** Present when the bytes should be downloaded and stored with the message. */
  media?: { mimetype: string; filename?: string };
  payload?: Record<string, unknown>;
}

const num = (value: unknown): number | undefined => (value === null || value === undefined ? undefined : Number(value));

/** null: nothing the bot should answer (protocol messages, edits, polls, ...). */
export function mapContent(message: WAMessage): MappedContent | null {
  const content = normalizeMessageContent(message.message);
  if (!content) return null;
  if (content.conversation) return { kind: "text", text: content.conversation };
  if (content.extendedTextMessage?.text) return { kind: "text", text: content.extendedTextMessage.text };
  if (content.audioMessage) {
    const audio = content.audioMessage;
    return {
      kind: "audio",
      media: { mimetype: audio.mimetype ?? "audio/ogg; codecs=opus" },
      payload: { voiceNote: audio.ptt === true, durationSeconds: num(audio.seconds) },
    };
  }
  if (content.documentMessage) {
    const doc = content.documentMessage;
    return {
      kind: "document",
      text: doc.caption ?? undefined,
      media: { mimetype: doc.mimetype ?? "application/octet-stream", filename: doc.fileName ?? undefined },
    };
  }
  if (content.imageMessage) {
    const image = content.imageMessage;
    return { kind: "image", text: image.caption ?? undefined, media: { mimetype: image.mimetype ?? "image/jpeg" } };
  }
  const location = content.locationMessage ?? content.liveLocationMessage;
  if (location) {
    const named = "name" in location ? location.name : undefined;
    const address = "address" in location ? location.address : undefined;
    return {
      kind: "location",
      text: [named, address].filter(Boolean).join(" - ") || undefined,
      payload: { latitude: num(location.degreesLatitude), longitude: num(location.degreesLongitude), name: named ?? undefined, address: address ?? undefined },
    };
  }
  if (content.reactionMessage) {
    return { kind: "reaction", text: content.reactionMessage.text ?? "", payload: { targetMessageId: content.reactionMessage.key?.id ?? undefined } };
  }
  if (content.buttonsResponseMessage) {
    const reply = content.buttonsResponseMessage;
    return { kind: "text", text: reply.selectedDisplayText ?? reply.selectedButtonId ?? "" };
  }
  if (content.listResponseMessage) {
    const reply = content.listResponseMessage;
    return { kind: "text", text: reply.title ?? reply.singleSelectReply?.selectedRowId ?? "" };
  }
  if (content.videoMessage) return { kind: "video", text: content.videoMessage.caption ?? undefined };
  if (content.stickerMessage) return { kind: "sticker" };
  if (content.contactMessage || content.contactsArrayMessage) return { kind: "other", payload: { type: "contact" } };
  return null;
}
