// Cloud API webhook payloads (zod-checked) in the engine's words.
import { z } from "zod";
import type { InputKind } from "../../../flows/types.js";

const mediaRef = z.object({ id: z.string(), mime_type: z.string().optional(), filename: z.string().optional(), caption: z.string().optional(), voice: z.boolean().optional() });

const messageSchema = z.object({
  from: z.string(),
  id: z.string(),
  timestamp: z.string().optional(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  audio: mediaRef.optional(),
  document: mediaRef.optional(),
  image: mediaRef.optional(),
  video: mediaRef.optional(),
  sticker: mediaRef.optional(),
  location: z.object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() }).optional(),
  reaction: z.object({ message_id: z.string(), emoji: z.string().optional() }).optional(),
  button: z.object({ text: z.string(), payload: z.string().optional() }).optional(),
  interactive: z.object({
    button_reply: z.object({ id: z.string(), title: z.string() }).optional(),
    list_reply: z.object({ id: z.string(), title: z.string() }).optional(),
  }).optional(),
});

const statusSchema = z.object({
  id: z.string(),
  status: z.string(),
  timestamp: z.string().optional(),
  recipient_id: z.string().optional(),
  /** The outbox row id every send carries (channel.ts). */
  biz_opaque_callback_data: z.string().optional(),
  errors: z.array(z.object({ code: z.number().optional(), title: z.string().optional(), message: z.string().optional() })).optional(),
});

export const webhookSchema = z.object({
  object: z.string(),
  entry: z.array(z.object({
    id: z.string().optional(),
    changes: z.array(z.object({
      field: z.string(),
      value: z.object({
        metadata: z.object({ phone_number_id: z.string() }).optional(),
        contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string().optional() }).optional() })).optional(),
        messages: z.array(messageSchema).optional(),
        statuses: z.array(statusSchema).optional(),
        /** smb_message_echoes: what the clinic's staff sent from the WhatsApp Business app on the same number (coexistence). */
        message_echoes: z.array(z.object({ from: z.string(), to: z.string(), id: z.string(), timestamp: z.string().optional(), type: z.string() })).optional(),
      }).passthrough(),
    })),
  })),
});

export type CloudMessage = z.infer<typeof messageSchema>;
export type CloudStatus = z.infer<typeof statusSchema>;
export type CloudEcho = NonNullable<z.infer<typeof webhookSchema>["entry"][number]["changes"][number]["value"]["message_echoes"]>[number];

export interface CloudContent {
  kind: InputKind;
  text?: string;
  /** A media id to fetch through the Graph API. */
  media?: { id: string; mimetype?: string; filename?: string };
  payload?: Record<string, unknown>;
}

export function mapCloudMessage(message: CloudMessage): CloudContent | null {
  switch (message.type) {
    case "text":
      return message.text ? { kind: "text", text: message.text.body } : null;
    case "audio":
      return message.audio ? { kind: "audio", media: { id: message.audio.id, mimetype: message.audio.mime_type }, payload: { voiceNote: message.audio.voice === true } } : null;
    case "document":
      return message.document ? { kind: "document", text: message.document.caption, media: { id: message.document.id, mimetype: message.document.mime_type, filename: message.document.filename } } : null;
    case "image":
      return message.image ? { kind: "image", text: message.image.caption, media: { id: message.image.id, mimetype: message.image.mime_type } } : null;
    case "location":
      return message.location ? { kind: "location", text: [message.location.name, message.location.address].filter(Boolean).join(" - ") || undefined, payload: { ...message.location } } : null;
    case "reaction":
      return message.reaction ? { kind: "reaction", text: message.reaction.emoji ?? "", payload: { targetMessageId: message.reaction.message_id } } : null;
    case "button":
      // A template's quick reply: its payload is the word the flow understands ("confirmo"), whatever the button says.
      return message.button ? { kind: "text", text: message.button.payload || message.button.text, payload: { buttonText: message.button.text } } : null;
    case "interactive": {
      // A tap on a menu's button or list row: its id is what the patient would have typed ("1"), so the flow reads it like that.
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      return reply ? { kind: "text", text: reply.id || reply.title, payload: { replyId: reply.id, replyTitle: reply.title } } : null;
    }
    case "video":
      return { kind: "video", text: message.video?.caption };
    case "sticker":
      return { kind: "sticker" };
    default:
      return null;
  }
}

export function receiptStatus(status: string): "delivered" | "read" | "failed" | undefined {
  return status === "delivered" || status === "read" || status === "failed" ? status : undefined;
}
