// What arrives from WhatsApp is any Unicode, but PostgreSQL's text refuses
// two things: the NUL character ("invalid byte sequence for encoding UTF8:
// 0x00") and lone UTF-16 surrogates, which have no UTF-8 form. A text, a
// contact name, a file name or a provider id carrying either would fail its
// INSERT, and the patient would get no answer. Inbound messages are cleaned
// once, here, before anything stores them: NUL is dropped, a lone surrogate
// becomes U+FFFD ("oi\u0000" -> "oi", "\ud83d!" -> "\ufffd!").
import type { InboundMessage } from "./messages.js";

// eslint-disable-next-line no-control-regex -- NUL is what must go
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function cleanText(text: string): string {
  return text.replace(NUL, "").replace(LONE_SURROGATE, "\ufffd");
}

/** Strings at any depth of a JSON-like value (payload extras: pushName, location names, reaction emoji). */
export function cleanValue<T>(value: T): T {
  if (typeof value === "string") return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanValue) as T;
  if (value && typeof value === "object" && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [cleanText(key), cleanValue(inner)])) as T;
  }
  return value;
}

export function cleanInbound(message: InboundMessage): InboundMessage {
  return {
    ...message,
    chatKey: cleanText(message.chatKey),
    senderPhone: cleanText(message.senderPhone),
    senderLid: message.senderLid === undefined ? undefined : cleanText(message.senderLid),
    providerMessageId: cleanText(message.providerMessageId),
    text: message.text === undefined ? undefined : cleanText(message.text),
    media: message.media && {
      ...message.media,
      mimetype: cleanText(message.media.mimetype),
      filename: message.media.filename === undefined ? undefined : cleanText(message.media.filename),
    },
    payload: message.payload && cleanValue(message.payload),
  };
}
