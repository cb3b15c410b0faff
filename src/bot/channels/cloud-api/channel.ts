// Sending through Meta's Cloud API: text as it is; documents, images and
// audio uploaded first, then sent by media id. The outbox records the send
// intent before this call and the wamid right after it (outbox.ts).
import type { Channel, OutboundMessage, SendResult } from "../../messages.js";
import type { GraphClient } from "./graph-client.js";
import type { CloudNumbers } from "./numbers.js";

export class CloudApiChannel implements Channel {
  constructor(private readonly graph: GraphClient, private readonly numbers: CloudNumbers) {}

  async send(message: OutboundMessage): Promise<SendResult> {
    const phoneNumberId = await this.numbers.phoneNumberIdFor(message.clinicId);
    if (!phoneNumberId) throw new Error("no Cloud API phone number is configured for this clinic (WHATSAPP_CLOUD_PHONE_NUMBERS)");
    const to = message.chatKey.replace(/\D/g, "");
    const body = await this.body(phoneNumberId, message);
    // Meta has no idempotency key for sends; biz_opaque_callback_data comes back on every status webhook
    // of the message, so a wamid the outbox could not record (a crash right after Meta accepted) can be
    // told apart from a message never sent, and each send can be traced to its outbox row.
    const providerMessageId = await this.graph.sendMessage(phoneNumberId, { to, ...body, biz_opaque_callback_data: message.id });
    return { providerMessageId, status: "sent" };
  }

  private async body(phoneNumberId: string, message: OutboundMessage): Promise<Record<string, unknown>> {
    const media = message.media;
    if (message.kind === "text" || !media) return { type: "text", text: { body: message.text ?? "", preview_url: false } };
    const filename = media.filename ?? (message.kind === "document" ? "documento.pdf" : message.kind);
    const id = await this.graph.uploadMedia(phoneNumberId, media.data, media.mimetype, filename);
    switch (message.kind) {
      case "document":
        return { type: "document", document: { id, filename, ...(message.caption ? { caption: message.caption } : {}) } };
      case "image":
        return { type: "image", image: { id, ...(message.caption ? { caption: message.caption } : {}) } };
      case "audio":
        return { type: "audio", audio: { id } };
    }
  }
}
