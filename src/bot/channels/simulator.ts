// The simulator "phone": every chat lives in the database (inbox and outbox),
// so sending is instant and always delivered. Lets the whole product be
// tried and tested with no WhatsApp account.
import type { Channel, OutboundMessage, SendResult } from "../messages.js";

export class SimulatorChannel implements Channel {
  async send(message: OutboundMessage): Promise<SendResult> {
    return { providerMessageId: `sim-${message.id}`, status: "delivered" };
  }
}
