// The SQL behind the simulator's HTTP contract (queries.ts), named
// (src/db/statements.ts). Texts come back sealed; the caller opens them.
import type { Sql } from "../../db/database.js";
import type { ClinicIdRow, InboxRepliesRow } from "../../db/rows.js";
import { firstRow, rowsOf, statement } from "../../db/statements.js";

const byIdOrSlug = statement<ClinicIdRow>("simulator.clinicByIdOrSlug",
  `SELECT id FROM "Clinic" WHERE id = $1 OR slug = $1 ORDER BY (id = $1) DESC LIMIT 1`);
/** By id first: an old clinic whose slug is another clinic's id never shadows that clinic. */
export const findClinicByIdOrSlug = (sql: Sql, idOrSlug: string) => firstRow(sql, byIdOrSlug, [idOrSlug]);

const oldest = statement<ClinicIdRow>("simulator.firstClinic", `SELECT id FROM "Clinic" ORDER BY "createdAt", id LIMIT 1`);
export const findFirstClinic = (sql: Sql) => firstRow(sql, oldest);

const replies = statement<InboxRepliesRow>("simulator.repliesTo",
  `SELECT i.status AS "inboxStatus", o.id, o.kind, o.text, o.choices, o."mediaId", o.mimetype, o.filename, o.caption
   FROM "InboxMessage" i LEFT JOIN "OutboxMessage" o ON o."inboxMessageId" = i.id
   WHERE i.id = $1 ORDER BY o.seq`);
/** The inbound message's status, each row with one of the bot's answers to it in the order queued (one row with no answer when none). */
export const listRepliesTo = (sql: Sql, inboxMessageId: string) => rowsOf(sql, replies, [inboxMessageId]);
