// Delivery receipts from any channel, recorded on the outbox row by the
// provider's message id. A later receipt never undoes an earlier one
// (a "delivered" that arrives after "read" keeps the row read).
import type { Database } from "../../db/database.js";
import { recordReceiptRows } from "./channel-statements.js";

export interface Receipt {
  providerMessageId: string;
  status: "delivered" | "read" | "failed";
  at: Date;
  error?: string;
}

export async function recordReceipts(db: Database, clinicId: string, receipts: Receipt[]): Promise<void> {
  if (receipts.length === 0) return;
  await recordReceiptRows(db.sql, clinicId, receipts);
}
