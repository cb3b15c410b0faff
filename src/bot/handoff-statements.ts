// The SQL of handoffs (a patient asks for a person; the reception answers,
// then gives the chat back: release-chat.ts), named (src/db/statements.ts). In src/bot/ because pausing the bot writes
// the conversation, which only src/bot/ does.
import type { Sql } from "../db/database.js";
import type { ConversationIdRow, InboxTextRow, OpenHandoffRow, ReceptionHoursRow } from "../db/rows.js";
import { execute, firstRow, rowsOf, statement } from "../db/statements.js";

/** How many of the patient's last texts make the handoff's reason. */
export const REASON_MESSAGES = 3;

const lastTexts = statement<InboxTextRow>("handoffs.lastPatientTexts",
  `SELECT id, text FROM "InboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2 AND kind = 'text' ORDER BY seq DESC LIMIT ${REASON_MESSAGES}`);
/** The patient's last texts, newest first, still sealed. */
export const lastPatientTexts = (sql: Sql, clinicId: string, chatKey: string) => rowsOf(sql, lastTexts, [clinicId, chatKey]);

const insertHandoff = statement("handoffs.insert",
  `INSERT INTO "Handoff" (id, "clinicId", "chatKey", "patientId", reason, since)
   VALUES ($1, $2, $3, (SELECT id FROM "Patient" WHERE "clinicId" = $2 AND phone = $3 AND "guardianPatientId" IS NULL), $4, $5)
   ON CONFLICT ("clinicId", "chatKey") WHERE "closedAt" IS NULL DO NOTHING`);
/** Once per open handoff: asking again keeps the first one. */
export const insertHandoffOnce = (sql: Sql, row: { id: string; clinicId: string; chatKey: string; reasonSealed: string | null; since: Date }) =>
  execute(sql, insertHandoff, [row.id, row.clinicId, row.chatKey, row.reasonSealed, row.since]);

const clinicZone = statement<{ timeZone: string }>("handoffs.clinicTimeZone", `SELECT "timeZone" FROM "Clinic" WHERE id = $1`);
export const findClinicTimeZone = async (sql: Sql, clinicId: string) => (await firstRow(sql, clinicZone, [clinicId]))?.timeZone;

const hours = statement<ReceptionHoursRow>("handoffs.receptionHours",
  `SELECT w.weekday, w."startTime" AS start, w."endTime" AS "end" FROM "WorkingHours" w
   JOIN "Professional" p ON p.id = w."professionalId" WHERE w."clinicId" = $1 AND p.active`);
/** The reception is taken to be open while any active professional works. */
export const listReceptionHours = (sql: Sql, clinicId: string) => rowsOf(sql, hours, [clinicId]);

const insertReply = statement("handoffs.insertReply",
  `INSERT INTO "HandoffReply" (id, "handoffId", "outboxMessageId", "apiKeyId", "staffName", "createdAt") VALUES ($1, $2, $3, $4, $5, $6)`);
export const insertHandoffReply = (sql: Sql, row: { id: string; handoffId: string; outboxMessageId: string; apiKeyId: string; staffName: string; now: Date }) =>
  execute(sql, insertReply, [row.id, row.handoffId, row.outboxMessageId, row.apiKeyId, row.staffName, row.now]);

const firstReply = statement("handoffs.markFirstReply",
  `UPDATE "Handoff" SET "firstStaffReplyAt" = $2, "assignedTo" = COALESCE("assignedTo", $3) WHERE id = $1`);
/** The first person to answer is its assignee unless someone was assigned already. */
export const markFirstStaffReply = (sql: Sql, handoffId: string, now: Date, staffName: string) => execute(sql, firstReply, [handoffId, now, staffName]);

const staffText = statement("handoffs.queueStaffText",
  `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", kind, text, "nextAttemptAt", "createdAt") VALUES ($1, $2, $3, 'text', $4, $5, $5)`);
export const queueStaffText = (sql: Sql, row: { id: string; clinicId: string; chatKey: string; textSealed: string; now: Date }) =>
  execute(sql, staffText, [row.id, row.clinicId, row.chatKey, row.textSealed, row.now]);

const staffMedia = statement("handoffs.queueStaffMedia",
  `INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", kind, "mediaId", mimetype, filename, caption, "nextAttemptAt", "createdAt")
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`);
export const queueStaffMedia = (sql: Sql, row: {
  id: string; clinicId: string; chatKey: string; kind: "image" | "document"; mediaId: string; mimetype: string; filename: string; captionSealed: string | null; now: Date;
}) => execute(sql, staffMedia, [row.id, row.clinicId, row.chatKey, row.kind, row.mediaId, row.mimetype, row.filename, row.captionSealed, row.now]);

const close = statement("handoffs.close", `UPDATE "Handoff" SET "closedAt" = $2, "closedBy" = $3 WHERE id = $1`);
export const closeHandoffRow = (sql: Sql, handoffId: string, now: Date, by: string) => execute(sql, close, [handoffId, now, by]);

const assign = statement("handoffs.assign", `UPDATE "Handoff" SET "assignedTo" = $2 WHERE id = $1`);
export const assignHandoffRow = (sql: Sql, handoffId: string, to: string) => execute(sql, assign, [handoffId, to]);

const pause = statement("handoffs.pauseBot",
  `UPDATE "Conversation" SET "handoffUntil" = GREATEST(COALESCE("handoffUntil", $3), $3), "updatedAt" = $4 WHERE "clinicId" = $1 AND "chatKey" = $2`);
/** Keeps the bot silent until `until` (never shortens a longer pause). */
export const pauseBotUntil = (sql: Sql, clinicId: string, chatKey: string, until: Date, now: Date) => execute(sql, pause, [clinicId, chatKey, until, now]);

const lockChat = statement<ConversationIdRow>("handoffs.lockConversation",
  `SELECT id FROM "Conversation" WHERE "clinicId" = $1 AND "chatKey" = $2 FOR UPDATE`);
/** The row lock a turn takes: a staff message is queued in order with the bot's. */
export const lockConversationOf = (sql: Sql, clinicId: string, chatKey: string) => execute(sql, lockChat, [clinicId, chatKey]);
/** The same lock, answering the conversation's id (undefined when the chat has none yet). */
export const lockConversationId = async (sql: Sql, clinicId: string, chatKey: string) => (await firstRow(sql, lockChat, [clinicId, chatKey]))?.id;

const closeOpen = statement("handoffs.closeOpenOfChat",
  `UPDATE "Handoff" SET "closedAt" = $3 WHERE "clinicId" = $1 AND "chatKey" = $2 AND "closedAt" IS NULL`);
/** Giving the chat back to the bot takes it out of the reception's inbox. */
export const closeOpenHandoffsOf = (sql: Sql, clinicId: string, chatKey: string, now: Date) => execute(sql, closeOpen, [clinicId, chatKey, now]);

const restart = statement("handoffs.restartConversation",
  `UPDATE "Conversation" SET "handoffUntil" = NULL, state = $2, "updatedAt" = $3 WHERE id = $1`);
/** Ends the pause and sets the flow's state (`stateSealed`: sealed for the row already). */
export const restartConversation = (sql: Sql, conversationId: string, stateSealed: string, now: Date) =>
  execute(sql, restart, [conversationId, stateSealed, now]);

const lockHandoff = statement<OpenHandoffRow>("handoffs.lock",
  `SELECT id, "clinicId", "chatKey", since, "firstStaffReplyAt", "closedAt" FROM "Handoff" WHERE id = $1 AND "clinicId" = $2 FOR UPDATE`);
export const lockHandoffRow = (sql: Sql, clinicId: string, handoffId: string) => firstRow(sql, lockHandoff, [handoffId, clinicId]);
