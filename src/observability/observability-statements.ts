// The counts behind /metrics and /readyz, named (src/db/statements.ts).
// The pg-boss ones read its own schema, which the job queue creates at start.
import type { Sql } from "../db/database.js";
import type { CountRow, JobCountRow, SessionStatusCountRow } from "../db/rows.js";
import { firstRow, rowsOf, statement, type Statement } from "../db/statements.js";

const ping = statement("observability.ping", "SELECT 1");
/** Throws when the database does not answer. */
export const pingDatabase = (sql: Sql) => firstRow(sql, ping);

const count = async (sql: Sql, declared: Statement<CountRow>) => Number((await firstRow(sql, declared))?.n ?? 0);

const inboxPending = statement<CountRow>("observability.countInboxPending", `SELECT count(*) AS n FROM "InboxMessage" WHERE status = 'pending'`);
export const countInboxPending = (sql: Sql) => count(sql, inboxPending);

const outboxPending = statement<CountRow>("observability.countOutboxPending",
  `SELECT count(*) AS n FROM "OutboxMessage" WHERE status IN ('pending', 'sending')`);
export const countOutboxPending = (sql: Sql) => count(sql, outboxPending);

const handoffsOpen = statement<CountRow>("observability.countHandoffsOpen", `SELECT count(*) AS n FROM "Handoff" WHERE "closedAt" IS NULL`);
export const countHandoffsOpen = (sql: Sql) => count(sql, handoffsOpen);

const jobsPending = statement<CountRow>("observability.countJobsPending",
  `SELECT count(*) AS n FROM pgboss.job WHERE state IN ('created', 'retry')`);
export const countJobsPending = (sql: Sql) => count(sql, jobsPending);

const jobsPendingByName = statement<JobCountRow>("observability.countJobsPendingByName",
  `SELECT name, count(*) AS n FROM pgboss.job WHERE state IN ('created', 'retry') GROUP BY name`);
export const countJobsPendingByName = (sql: Sql) => rowsOf(sql, jobsPendingByName);

const sessionsByStatus = statement<SessionStatusCountRow>("observability.countSessionsByStatus",
  `SELECT status, count(*) AS n FROM "WhatsAppSession" GROUP BY status`);
export const countSessionsByStatus = (sql: Sql) => rowsOf(sql, sessionsByStatus);
