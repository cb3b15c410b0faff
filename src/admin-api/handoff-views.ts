// What the reception reads about handoffs: the open ones with the patient's
// last words, and one chat whole. Chat texts are sealed at rest and opened
// here with the service's cipher, through the same reader as the simulator's.
import { chatHistory } from "../bot/simulator/queries.js";
import type { Cipher } from "../crypto/encryption.js";
import { openColumn } from "../crypto/sealed-columns.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";

/** How many of the patient's last texts the inbox shows per handoff. */
const LAST_MESSAGES = 3;

interface HandoffRow {
  id: string;
  chatKey: string;
  reason: string | null;
  since: Date;
  assignedTo: string | null;
  firstStaffReplyAt: Date | null;
  closedAt: Date | null;
  patientName: string | null;
}

const SELECT_HANDOFF = `SELECT h.id, h."chatKey", h.reason, h.since, h."assignedTo", h."firstStaffReplyAt", h."closedAt",
  (SELECT name FROM "Patient" p WHERE p."clinicId" = h."clinicId" AND p.phone = h."chatKey" AND p."guardianPatientId" IS NULL) AS "patientName"
  FROM "Handoff" h`;

function summary(cipher: Cipher, row: HandoffRow, lastMessages: string[], now: Date) {
  return {
    id: row.id,
    phone: row.chatKey,
    patientName: row.patientName,
    reason: openColumn(cipher, "Handoff.reason", row.id, row.reason) ?? "",
    since: row.since.toISOString(),
    waitingMinutes: Math.max(0, Math.floor((now.getTime() - row.since.getTime()) / 60_000)),
    assignedTo: row.assignedTo,
    firstStaffReplyAt: row.firstStaffReplyAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    lastMessages,
  };
}

export type HandoffSummary = ReturnType<typeof summary>;

/** The open handoffs of a clinic, the longest waiting first. */
export async function openHandoffs(db: Database, cipher: Cipher, clinicId: string, now: Date): Promise<HandoffSummary[]> {
  const rows = await db.sql.query<HandoffRow>(`${SELECT_HANDOFF} WHERE h."clinicId" = $1 AND h."closedAt" IS NULL ORDER BY h.since LIMIT 200`, [clinicId]);
  return Promise.all(rows.map(async (row) => summary(cipher, row, await lastPatientTexts(db, cipher, clinicId, row.chatKey), now)));
}

async function lastPatientTexts(db: Database, cipher: Cipher, clinicId: string, chatKey: string): Promise<string[]> {
  const rows = await db.sql.query<{ id: string; text: string | null }>(
    `SELECT id, text FROM "InboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2 AND kind = 'text' ORDER BY seq DESC LIMIT ${LAST_MESSAGES}`,
    [clinicId, chatKey],
  );
  return rows.reverse().map((row) => openColumn(cipher, "InboxMessage.text", row.id, row.text) ?? "");
}

/** One handoff and its chat in order, each clinic message marked with the person who wrote it (null: the bot). */
export async function handoffChat(db: Database, cipher: Cipher, clinicId: string, handoffId: string, now: Date) {
  const [row] = await db.sql.query<HandoffRow>(`${SELECT_HANDOFF} WHERE h."clinicId" = $1 AND h.id = $2`, [clinicId, handoffId]);
  if (!row) throw new AppError("not_found", "handoff not found", { field: "handoffId" });
  const [history, staff] = await Promise.all([
    chatHistory(db, cipher, clinicId, row.chatKey),
    db.sql.query<{ outboxMessageId: string; staffName: string }>(
      `SELECT r."outboxMessageId", r."staffName" FROM "HandoffReply" r JOIN "Handoff" h ON h.id = r."handoffId"
       WHERE h."clinicId" = $1 AND h."chatKey" = $2`, [clinicId, row.chatKey]),
  ]);
  const staffNames = new Map(staff.map((reply) => [reply.outboxMessageId, reply.staffName]));
  const messages = history.map((message) => ({
    id: message.id,
    direction: message.direction,
    type: message.type,
    text: message.text ?? null,
    filename: "filename" in message ? message.filename ?? null : null,
    caption: "caption" in message ? message.caption ?? null : null,
    status: "status" in message ? message.status : null,
    staffName: staffNames.get(message.id) ?? null,
    at: message.at,
  }));
  return { handoff: summary(cipher, row, [], now), messages };
}
