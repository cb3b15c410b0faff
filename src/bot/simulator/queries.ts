// Reads behind the simulator's HTTP contract. Chat texts are stored sealed
// (src/crypto/sealed-columns.ts) and opened here, row by row.
import type { Cipher } from "../../crypto/encryption.js";
import { openColumn } from "../../crypto/sealed-columns.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { ReplyChoice } from "../../flows/types.js";
import { findClinicByIdOrSlug, findFirstClinic, listRepliesTo } from "./simulator-statements.js";

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

/** The oldest clinic, the simulator's default, once found: clinics are never deleted, so it stays the oldest. */
const firstClinics = new WeakMap<Database, { id: string }>();

export async function resolveClinic(db: Database, idOrSlug: string | undefined): Promise<{ id: string }> {
  if (!idOrSlug && firstClinics.has(db)) return firstClinics.get(db)!;
  const clinic = idOrSlug ? await findClinicByIdOrSlug(db.sql, idOrSlug) : await findFirstClinic(db.sql);
  if (clinic && !idOrSlug) firstClinics.set(db, clinic);
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
  const rows = await listRepliesTo(db.sql, inboxMessageId);
  const replies = rows.flatMap((row) => (row.id ? [toReply(cipher, { ...row, id: row.id, kind: row.kind! })] : []));
  return { status: rows[0]?.inboxStatus ?? "unknown", replies };
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
