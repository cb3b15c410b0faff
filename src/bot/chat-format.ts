// The pure half of `npm run chat`: how the bot's messages are printed and
// which of the chat's messages the terminal has not shown yet.
import { extname } from "node:path";

export interface ChatMessage {
  id?: string;
  direction?: "in" | "out";
  type: string;
  text?: string;
  url?: string;
  filename?: string;
  caption?: string;
}

const PREFIX = "Zelo: ";

/** A text reply as it reads on WhatsApp; a document or image as a link the terminal can open. */
export function formatReply(reply: ChatMessage, baseUrl: string): string {
  const body = reply.url
    ? [`[${reply.type}${reply.filename ? ` ${reply.filename}` : ""}] ${baseUrl}${reply.url}`, reply.caption ?? reply.text]
        .filter(Boolean)
        .join("\n")
    : (reply.text ?? `[${reply.type}]`);
  // Continuation lines line up under the first one, after the prefix.
  const indent = " ".repeat(PREFIX.length);
  return PREFIX + body.split("\n").map((line, i) => (i === 0 || !line ? line : indent + line)).join("\n");
}

const sameMessage = (a: ChatMessage, b: ChatMessage) => a.type === b.type && a.text === b.text && a.url === b.url;

/**
 * The outbound messages of `history` not shown yet: neither seen before nor
 * just printed as the answer to a POST (matched one for one, in order, since
 * the POST answer carries no ids). A reminder sent by a job shows up here.
 */
export function unseenOutbound(history: ChatMessage[], seen: ReadonlySet<string>, justPrinted: ChatMessage[] = []): ChatMessage[] {
  const printed = [...justPrinted];
  return history.filter((message) => {
    if (message.direction !== "out" || !message.id || seen.has(message.id)) return false;
    const index = printed.findIndex((reply) => sameMessage(reply, message));
    if (index === -1) return true;
    printed.splice(index, 1);
    return false;
  });
}

const MEDIA_BY_EXTENSION: Record<string, { kind: "audio" | "document" | "image"; mimetype: string }> = {
  ".ogg": { kind: "audio", mimetype: "audio/ogg" },
  ".opus": { kind: "audio", mimetype: "audio/ogg" },
  ".mp3": { kind: "audio", mimetype: "audio/mpeg" },
  ".m4a": { kind: "audio", mimetype: "audio/mp4" },
  ".wav": { kind: "audio", mimetype: "audio/wav" },
  ".webm": { kind: "audio", mimetype: "audio/webm" },
  ".png": { kind: "image", mimetype: "image/png" },
  ".jpg": { kind: "image", mimetype: "image/jpeg" },
  ".jpeg": { kind: "image", mimetype: "image/jpeg" },
  ".webp": { kind: "image", mimetype: "image/webp" },
  ".pdf": { kind: "document", mimetype: "application/pdf" },
  ".txt": { kind: "document", mimetype: "text/plain" },
};

/** "/tmp/nota.ogg" -> an audio; anything unknown goes as a document. */
export function mediaForFile(path: string): { kind: "audio" | "document" | "image"; mimetype: string } {
  return MEDIA_BY_EXTENSION[extname(path).toLowerCase()] ?? { kind: "document", mimetype: "application/octet-stream" };
}

export const notRunningMessage = (url: string) =>
  `Zelo não está rodando em ${url}. Inicie com \`npm start\`. (Zelo is not running at ${url}. Start it with \`npm start\`.)`;
