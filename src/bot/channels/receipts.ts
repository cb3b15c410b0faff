// Delivery receipts from any channel, recorded on the outbox row by the
// provider's message id. A later receipt never undoes an earlier one
// (a "delivered" that arrives after "read" keeps the row read).
import type { Database } from "../../db/database.js";

export interface Receipt {
  providerMessageId: string;
  status: "delivered" | "read" | "failed";
  at: Date;
  error?: string;
}

export async function recordReceipts(db: Database, clinicId: string, receipts: Receipt[]): Promise<void> {
  if (receipts.length === 0) return;
  await db.sql.query(
    `UPDATE "OutboxMessage" AS o SET
       "deliveredAt" = CASE WHEN r.status IN ('delivered', 'read') THEN COALESCE(o."deliveredAt", r.at) ELSE o."deliveredAt" END,
       "readAt" = CASE WHEN r.status = 'read' THEN COALESCE(o."readAt", r.at) ELSE o."readAt" END,
       status = CASE
         WHEN r.status = 'read' THEN 'read'
         WHEN r.status = 'delivered' AND o.status <> 'read' THEN 'delivered'
         WHEN r.status = 'failed' AND o."deliveredAt" IS NULL THEN 'failed'
         ELSE o.status END,
       "lastError" = CASE WHEN r.status = 'failed' THEN COALESCE(r.error, 'the provider reported a failed delivery') ELSE o."lastError" END
     FROM unnest($2::text[], $3::text[], $4::timestamp[], $5::text[]) AS r(provider, status, at, error)
     WHERE o."clinicId" = $1 AND o."providerMessageId" = r.provider`,
    [clinicId, receipts.map((r) => r.providerMessageId), receipts.map((r) => r.status),
      receipts.map((r) => r.at.toISOString().replace("T", " ").replace("Z", "")), receipts.map((r) => r.error ?? null)],
  );
}
