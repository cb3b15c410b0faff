// messages.update -> delivery and read receipts on the outbox row.
import { proto, type WAMessageUpdate } from "@whiskeysockets/baileys";
import type { Database } from "../../../db/database.js";
import { recordReceipts, type Receipt } from "../receipts.js";

const Status = proto.WebMessageInfo.Status;

export function receiptsFrom(updates: WAMessageUpdate[], at: Date): Receipt[] {
  const receipts: Receipt[] = [];
  for (const { key, update } of updates) {
    if (!key.fromMe || !key.id || update.status === undefined || update.status === null) continue;
    const status = update.status >= Status.READ ? "read" : update.status === Status.DELIVERY_ACK ? "delivered"
      : update.status === Status.ERROR ? "failed" : undefined;
    if (status) receipts.push({ providerMessageId: key.id, status, at });
  }
  return receipts;
}

export async function handleMessageUpdates(db: Database, clinicId: string, updates: WAMessageUpdate[], at: Date): Promise<void> {
  await recordReceipts(db, clinicId, receiptsFrom(updates, at));
}
