// The engine's view of a message, whatever channel it came from or goes to.
import type { InputKind } from "../flows/types.js";

export interface InboundMedia {
  data: Buffer;
  mimetype: string;
  filename?: string;
}

export interface InboundMessage {
  clinicId: string;
  /** The chat: the sender's phone in E.164 ("+5511987654321"). */
  chatKey: string;
  senderPhone: string;
  senderLid?: string;
  /** Unique per clinic; a second delivery with the same id is a duplicate. */
  providerMessageId: string;
  kind: InputKind;
  text?: string;
  media?: InboundMedia;
  /** Channel-specific extras (location coordinates, reaction target, media keys). */
  payload?: Record<string, unknown>;
  receivedAt?: Date;
}

export type OutboundKind = "text" | "document" | "image" | "audio";

export interface OutboundMessage {
  id: string;
  clinicId: string;
  chatKey: string;
  kind: OutboundKind;
  text?: string;
  media?: { data: Buffer; mimetype: string; filename?: string };
  caption?: string;
}

export interface SendResult {
  providerMessageId: string;
  /** A channel that knows the message arrived (the simulator) says "delivered". */
  status: "sent" | "delivered";
}

/** The port every channel implements for sending. */
export interface Channel {
  send(message: OutboundMessage): Promise<SendResult>;
  /**
   * False when this instance cannot send for the clinic right now (another
   * instance owns its WhatsApp session, or it is disconnected): the outbox
   * then leaves the message for later without counting a failed attempt.
   */
  readyFor?(clinicId: string): boolean;
}
