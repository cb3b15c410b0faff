// Stores an inbound message once. The unique key (clinicId, providerMessageId)
// turns a duplicate delivery into a no-op, also across instances.
//
// Messages that arrive while one insert is in flight wait for it and are
// stored together by the next, in arrival order: under load a message costs a
// share of one statement and one flush of the log, not one each, and none
// waits longer than one insert in flight plus its own. A message with media
// is stored with its bytes in a transaction of its own.
import { randomUUID } from "node:crypto";
import type { Cipher } from "../crypto/encryption.js";
import { sealColumn } from "../crypto/sealed-columns.js";
import type { Database } from "../db/database.js";
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
  if (!message.media) return writerOf(db).store(rowOf(cipher, message, id, null, now));
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

interface Waiting {
  row: InboxInsert;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

/** Groups the text messages that arrive while an insert is in flight (see the top of this file). */
class InboxWriter {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly db: Database) {}

  store(row: InboxInsert): Promise<IngestResult> {
    return new Promise<IngestResult>((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      if (!this.writing) void this.write();
    });
  }

  private async write(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        try {
          this.settle(batch, await this.insert(batch.map((w) => w.row)));
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          // One bad row must not fail the others: each alone, so only it answers with its error.
          else for (const one of batch) await this.insert([one.row]).then((results) => this.settle([one], results), one.reject);
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async insert(rows: InboxInsert[]): Promise<IngestResult[]> {
    const stored = new Set((await insertInboxMessages(this.db.sql, rows)).map((row) => row.id));
    const duplicates = rows.filter((row) => !stored.has(row.id));
    const found = duplicates.length > 0 ? await findInboxIdsByProviderIds(this.db.sql, duplicates) : [];
    return rows.map((row) => (stored.has(row.id) ? { inboxMessageId: row.id, duplicate: false } : existing(found, row)));
  }

  private settle(batch: Waiting[], results: IngestResult[]): void {
    batch.forEach((waiting, i) => waiting.resolve(results[i]!));
  }
}

const writers = new WeakMap<Database, InboxWriter>();

function writerOf(db: Database): InboxWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new InboxWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
