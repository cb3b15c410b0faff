// The simulator's channel with a memory: every send the outbox makes is
// recorded, so a test counts what was actually sent, not what the outbox
// table says should have been.
import type { Channel, OutboundMessage, SendResult } from "../../src/bot/messages.js";

export interface RecordedSend {
  outboxId: string;
  chatKey: string;
  kind: OutboundMessage["kind"];
  text?: string;
  filename?: string;
}

export class RecordingChannel implements Channel {
  readonly sends: RecordedSend[] = [];
  private taken = 0;

  async send(message: OutboundMessage): Promise<SendResult> {
    this.sends.push({ outboxId: message.id, chatKey: message.chatKey, kind: message.kind, text: message.text, filename: message.media?.filename });
    return { providerMessageId: `rec-${message.id}`, status: "delivered" };
  }

  /** The sends since the last call, oldest first. */
  takeNew(): RecordedSend[] {
    const fresh = this.sends.slice(this.taken);
    this.taken = this.sends.length;
    return fresh;
  }
}
