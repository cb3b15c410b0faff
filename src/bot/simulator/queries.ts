// Reads behind the simulator's HTTP contract. Chat texts are stored sealed
// (src/crypto/sealed-columns.ts) and opened here, row by row.
import type { Cipher } from "../../crypto/encryption.js";
import { openColumn } from "../../crypto/sealed-columns.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { ReplyChoice } from "../../flows/types.js";

export interface SimulatorReply {
  type: string;
  text?: string;
  url?: string;
  mimetype?: string;
  filename?: string;
  caption?: string;
  /** A menu's options: the page shows them as buttons that send the id, as if typed. */
  choices?: ReplyChoice[];
}

export async function resolveClinic(db: Database, idOrSlug: string | undefined): Promise<{ id: string }> {
  const [clinic] = idOrSlug
    // By id first: an old clinic whose slug is another clinic's id never shadows that clinic.
    ? await db.sql.query<{ id: string }>(`SELECT id FROM "Clinic" WHERE id = $1 OR slug = $1 ORDER BY (id = $1) DESC LIMIT 1`, [idOrSlug])
    : await db.sql.query<{ id: string }>(`SELECT id FROM "Clinic" ORDER BY "createdAt", id LIMIT 1`);
  if (!clinic) throw new AppError("not_found", idOrSlug ? `clinic ${idOrSlug} not found` : "no clinic exists yet", { field: "clinic" });
  return clinic;
}

interface OutboxView {
  kind: string;
  id: string;
  text: string | null;
  choices?: string | null;
  mediaId: string | null;
  mimetype: string | null;
  filename: string | null;
  caption: string | null;
}

export function toReply(cipher: Cipher, row: OutboxView): SimulatorReply {
  if (row.kind === "text" || !row.mediaId) {
    const choices = openColumn(cipher, "OutboxMessage.choices", row.id, row.choices ?? null);
    const text = openColumn(cipher, "OutboxMessage.text", row.id, row.text) ?? "";
    return { type: "text", text, ...(choices ? { choices: (JSON.parse(choices) as { options: ReplyChoice[] }).options } : {}) };
  }
  return {
    type: row.kind,
    url: `/simulator/media/${row.mediaId}`,
    mimetype: row.mimetype ?? undefined,
    filename: row.filename ?? undefined,
    caption: openColumn(cipher, "OutboxMessage.caption", row.id, row.caption) ?? undefined,
  };
}

export async function repliesTo(db: Database, cipher: Cipher, inboxMessageId: string) {
  const [inbox] = await db.sql.query<{ status: string }>(`SELECT status FROM "InboxMessage" WHERE id = $1`, [inboxMessageId]);
  const rows = await db.sql.query<OutboxView>(
    `SELECT id, kind, text, choices, "mediaId", mimetype, filename, caption FROM "OutboxMessage" WHERE "inboxMessageId" = $1 ORDER BY seq`,
    [inboxMessageId],
  );
  return { status: inbox?.status ?? "unknown", replies: rows.map((row) => toReply(cipher, row)) };
}

export async function chatHistory(db: Database, cipher: Cipher, clinicId: string, chatKey: string) {
  const [inbound, outbound] = await Promise.all([
    // Chat events are the clinic's, not something the person wrote: the chat shows only what the flow said about them.
    db.prisma.inboxMessage.findMany({ where: { clinicId, chatKey, kind: { not: "event" } }, orderBy: { seq: "asc" } }),
    db.prisma.outboxMessage.findMany({ where: { clinicId, chatKey }, orderBy: { seq: "asc" } }),
  ]);
  const merged = [
    ...inbound.map((row) => ({
      seq: row.seq,
      message: {
        id: row.id,
        direction: "in" as const,
        type: row.kind,
        text: openColumn(cipher, "InboxMessage.text", row.id, row.text) ?? undefined,
        url: row.mediaId ? `/simulator/media/${row.mediaId}` : undefined,
        at: row.receivedAt.toISOString(),
      },
    })),
    ...outbound.map((row) => ({
      seq: row.seq,
      message: { id: row.id, direction: "out" as const, ...toReply(cipher, row), status: row.status, at: row.createdAt.toISOString() },
    })),
  ];
  merged.sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  return merged.map((entry) => entry.message);
}
