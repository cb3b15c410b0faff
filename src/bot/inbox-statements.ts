// The inbox's statements (src/db/statements.ts): storing inbound messages,
// several in one statement, each once.
import type { Sql } from "../db/database.js";
import type { InboxIdRow } from "../db/rows.js";
import { rowsOf, statement } from "../db/statements.js";

/** One inbound message as stored, its text and payload already sealed. */
export interface InboxInsert {
  id: string;
  clinicId: string;
  chatKey: string;
  senderPhone: string;
  senderLid: string | null;
  providerMessageId: string;
  kind: string;
  text: string | null;
  mediaId: string | null;
  payload: string | null;
  receivedAt: Date;
  now: Date;
}

// In the order given (seq follows it), so a chat's messages are handled in the order they arrived.
const insertMany = statement<{ id: string }>("inbox.insertMessages",
  `INSERT INTO "InboxMessage" (id, "clinicId", "chatKey", "senderPhone", "senderLid", "providerMessageId",
     kind, text, "mediaId", payload, "receivedAt", "nextAttemptAt")
   SELECT r.id, r."clinicId", r."chatKey", r."senderPhone", r."senderLid", r."providerMessageId", r.kind, r.text, r."mediaId", r.payload,
     r."receivedAt", r.now
   FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
     $11::timestamp[], $12::timestamp[]) WITH ORDINALITY
     AS r(id, "clinicId", "chatKey", "senderPhone", "senderLid", "providerMessageId", kind, text, "mediaId", payload, "receivedAt", now, n)
   ORDER BY r.n
   ON CONFLICT ("clinicId", "providerMessageId") DO NOTHING
   RETURNING id`);
/** Answers the ids stored; a message already stored (a duplicate delivery) is left out. */
export const insertInboxMessages = (sql: Sql, rows: InboxInsert[]) => {
  const column = <T>(pick: (row: InboxInsert) => T) => rows.map(pick);
  return rowsOf(sql, insertMany, [
    column((r) => r.id), column((r) => r.clinicId), column((r) => r.chatKey), column((r) => r.senderPhone), column((r) => r.senderLid),
    column((r) => r.providerMessageId), column((r) => r.kind), column((r) => r.text), column((r) => r.mediaId), column((r) => r.payload),
    column((r) => r.receivedAt.toISOString()), column((r) => r.now.toISOString()),
  ]);
};

const byProviderIds = statement<InboxIdRow>("inbox.findIdsByProviderIds",
  `SELECT i.id, i."clinicId", i."providerMessageId" FROM "InboxMessage" i
   JOIN unnest($1::text[], $2::text[]) AS k("clinicId", "providerMessageId")
     ON i."clinicId" = k."clinicId" AND i."providerMessageId" = k."providerMessageId"`);
/** The stored rows of these deliveries. */
export const findInboxIdsByProviderIds = (sql: Sql, rows: Pick<InboxInsert, "clinicId" | "providerMessageId">[]) =>
  rowsOf(sql, byProviderIds, [rows.map((r) => r.clinicId), rows.map((r) => r.providerMessageId)]);
