// The SQL behind the simulator's HTTP contract (queries.ts), named
// (src/db/statements.ts). Texts come back sealed; the caller opens them.
import type { Sql } from "../../db/database.js";
import type { ClinicIdRow, InboxStatusRow, OutboxReplyRow } from "../../db/rows.js";
import { firstRow, rowsOf, statement } from "../../db/statements.js";

const byIdOrSlug = statement<ClinicIdRow>("simulator.clinicByIdOrSlug",
  `SELECT id FROM "Clinic" WHERE id = $1 OR slug = $1 ORDER BY (id = $1) DESC LIMIT 1`);
/** By id first: an old clinic whose slug is another clinic's id never shadows that clinic. */
export const findClinicByIdOrSlug = (sql: Sql, idOrSlug: string) => firstRow(sql, byIdOrSlug, [idOrSlug]);

const oldest = statement<ClinicIdRow>("simulator.firstClinic", `SELECT id FROM "Clinic" ORDER BY "createdAt", id LIMIT 1`);
export const findFirstClinic = (sql: Sql) => firstRow(sql, oldest);

const inboxStatus = statement<InboxStatusRow>("simulator.inboxStatus", `SELECT status FROM "InboxMessage" WHERE id = $1`);
export const findInboxStatus = async (sql: Sql, inboxMessageId: string) => (await firstRow(sql, inboxStatus, [inboxMessageId]))?.status;

const replies = statement<OutboxReplyRow>("simulator.repliesTo",
  `SELECT id, kind, text, choices, "mediaId", mimetype, filename, caption FROM "OutboxMessage" WHERE "inboxMessageId" = $1 ORDER BY seq`);
/** The bot's answers to one inbound message, in the order they were queued. */
export const listRepliesTo = (sql: Sql, inboxMessageId: string) => rowsOf(sql, replies, [inboxMessageId]);
