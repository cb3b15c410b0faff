// Stores an inbound message once. The unique key (clinicId, providerMessageId)
// turns a duplicate delivery into a no-op, also across instances.
//
// Text messages that arrive while one insert is in flight are stored together
// by the next, in arrival order (src/db/write-group.ts). A message with media
// is stored with its bytes in a transaction of its own.
import { randomUUID } from "node:crypto";
import type { Cipher } from "../crypto/encryption.js";
import { sealColumn } from "../crypto/sealed-columns.js";
import type { Database } from "../db/database.js";
import { WriteGroup } from "../db/write-group.js";
import { saveMedia } from "../db/media.js";
import { cleanInbound } from "./clean-inbound.js";
import { findInboxIdsByProviderIds, insertInboxMessages, type InboxInsert } from "./inbox-statements.js";
import type { InboundMessage } from "./messages.js";

export interface IngestResult {
  inboxMessageId: string;
  duplicate: boolean;
}

/** The text and payload are sealed with the row, the media with its own row. */
export async function ingestInbound(db: Database, cipher: Cipher, message: InboundMessage, now: Date): Promise<IngestResult> {
  message = cleanInbound(message); // NUL and lone surrogates never reach PostgreSQL (clean-inbound.ts)
  const id = randomUUID();
  if (!message.media) return writerOf(db).add(rowOf(cipher, message, id, null, now));
  const media = message.media;
  return db.transaction(async (sql) => {
    const row = rowOf(cipher, message, id, randomUUID(), now);
    const [stored] = await insertInboxMessages(sql, [row]);
    if (stored) {
      await saveMedia(sql, cipher, { clinicId: message.clinicId, ...media }, row.mediaId!);
      return { inboxMessageId: id, duplicate: false };
    }
    return existing(await findInboxIdsByProviderIds(sql, [row]), row);
  });
}

function rowOf(cipher: Cipher, message: InboundMessage, id: string, mediaId: string | null, now: Date): InboxInsert {
  return {
    id, clinicId: message.clinicId, chatKey: message.chatKey, senderPhone: message.senderPhone, senderLid: message.senderLid ?? null,
    providerMessageId: message.providerMessageId, kind: message.kind,
    text: sealColumn(cipher, "InboxMessage.text", id, message.text), mediaId,
    payload: sealColumn(cipher, "InboxMessage.payload", id, message.payload ? JSON.stringify(message.payload) : null),
    receivedAt: message.receivedAt ?? now, now,
  };
}

function existing(found: { id: string; clinicId: string; providerMessageId: string }[], row: InboxInsert): IngestResult {
  const match = found.find((f) => f.clinicId === row.clinicId && f.providerMessageId === row.providerMessageId);
  if (!match) throw new Error("inbox row vanished after a conflicting insert");
  return { inboxMessageId: match.id, duplicate: true };
}

/** The rows' outcomes: stored, or a duplicate of the row already stored. */
async function insertGroup(db: Database, rows: InboxInsert[]): Promise<IngestResult[]> {
  const stored = new Set((await insertInboxMessages(db.sql, rows)).map((row) => row.id));
  const duplicates = rows.filter((row) => !stored.has(row.id));
  const found = duplicates.length > 0 ? await findInboxIdsByProviderIds(db.sql, duplicates) : [];
  return rows.map((row) => (stored.has(row.id) ? { inboxMessageId: row.id, duplicate: false } : existing(found, row)));
}

const writers = new WeakMap<Database, WriteGroup<InboxInsert, IngestResult>>();

function writerOf(db: Database): WriteGroup<InboxInsert, IngestResult> {
  let writer = writers.get(db);
  if (!writer) {
    writer = new WriteGroup((rows) => insertGroup(db, rows));
    writers.set(db, writer);
  }
  return writer;
}
