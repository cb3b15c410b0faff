// Sending through Meta's Cloud API: text as it is; documents, images and
// audio uploaded first, then sent by media id.
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
    const providerMessageId = await this.graph.sendMessage(phoneNumberId, { to, ...body });
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
