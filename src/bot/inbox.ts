// Stores an inbound message once. The unique key (clinicId, providerMessageId)
// turns a duplicate delivery into a no-op, also across instances.
import { randomUUID } from "node:crypto";
import { saveMedia } from "../db/media.js";
import type { Database } from "../db/database.js";
import type { InboundMessage } from "./messages.js";

export interface IngestResult {
  inboxMessageId: string;
  duplicate: boolean;
}

export async function ingestInbound(db: Database, message: InboundMessage, now: Date): Promise<IngestResult> {
  const id = randomUUID();
  const result = await db.prisma.$transaction(async (tx) => {
    const mediaId = message.media ? randomUUID() : null;
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "InboxMessage" (id, "clinicId", "chatKey", "senderPhone", "senderLid", "providerMessageId",
        kind, text, "mediaId", payload, "receivedAt", "nextAttemptAt")
      VALUES (${id}, ${message.clinicId}, ${message.chatKey}, ${message.senderPhone}, ${message.senderLid ?? null},
        ${message.providerMessageId}, ${message.kind}, ${message.text ?? null}, ${mediaId},
        ${message.payload ? JSON.stringify(message.payload) : null}::jsonb, ${message.receivedAt ?? now}, ${now})
      ON CONFLICT ("clinicId", "providerMessageId") DO NOTHING
      RETURNING id`;
    if (inserted.length === 0) return null;
    if (message.media && mediaId) {
      await saveMedia(tx, { clinicId: message.clinicId, ...message.media }, mediaId);
    }
    return id;
  });
  if (result) return { inboxMessageId: result, duplicate: false };
  const existing = await db.prisma.inboxMessage.findUniqueOrThrow({
    where: { clinicId_providerMessageId: { clinicId: message.clinicId, providerMessageId: message.providerMessageId } },
    select: { id: true },
  });
  return { inboxMessageId: existing.id, duplicate: true };
}
