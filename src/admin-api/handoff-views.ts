// What the reception reads about handoffs: the open ones with the patient's
// last words, and one chat whole. Chat texts are sealed at rest and opened
// here with the service's cipher, through the same reader as the simulator's.
import { chatHistory } from "../bot/simulator/queries.js";
import type { Cipher } from "../crypto/encryption.js";
import { openColumn } from "../crypto/sealed-columns.js";
import type { Database } from "../db/database.js";
import type { HandoffViewRow } from "../db/rows.js";
import { AppError } from "../errors.js";
import { findHandoffView, lastTextsOfChat, listOpenHandoffs, listReplyAuthors } from "./admin-statements.js";

type HandoffRow = HandoffViewRow;

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
  const rows = await listOpenHandoffs(db.sql, clinicId);
  return Promise.all(rows.map(async (row) => summary(cipher, row, await lastPatientTexts(db, cipher, clinicId, row.chatKey), now)));
}

async function lastPatientTexts(db: Database, cipher: Cipher, clinicId: string, chatKey: string): Promise<string[]> {
  const rows = await lastTextsOfChat(db.sql, clinicId, chatKey);
  return rows.reverse().map((row) => openColumn(cipher, "InboxMessage.text", row.id, row.text) ?? "");
}

/** One handoff and its chat in order, each clinic message marked with the person who wrote it (null: the bot). */
export async function handoffChat(db: Database, cipher: Cipher, clinicId: string, handoffId: string, now: Date) {
  const row = await findHandoffView(db.sql, clinicId, handoffId);
  if (!row) throw new AppError("not_found", "handoff not found", { field: "handoffId" });
  const [history, staff] = await Promise.all([
    chatHistory(db, cipher, clinicId, row.chatKey),
    listReplyAuthors(db.sql, clinicId, row.chatKey),
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
