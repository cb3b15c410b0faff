// The engine's view of a message, whatever channel it came from or goes to.
import type { InputKind, ReplyChoices } from "../flows/types.js";

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
  /** A menu's options: channels with buttons or lists show them (with `choices.body`), the others send `text`. */
  choices?: ReplyChoices;
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

/**
 * A channel keeps the message for later: it may not be sent now (the Cloud
 * API outside the 24-hour window, a template asking the person to answer is
 * out). The outbox holds the row (status "held", the reason in lastError)
 * until the channel releases it; no attempt is counted.
 */
export class SendHeldError extends Error {}

/** A refusal retrying will not change (an undeliverable number): the outbox fails the row at once with this reason. */
export class SendRefusedError extends Error {}
