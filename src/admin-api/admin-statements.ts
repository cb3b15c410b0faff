// The SQL the admin API runs itself, named (src/db/statements.ts): API keys
// ("ApiKey" is this folder's table), and the reception's reads of handoffs,
// the day's agenda, the waitlist and certificates.
import type { Sql } from "../db/database.js";
import type {
  AgendaRow, ApiKeyOwnerRow, ApiKeyRow, CertificateViewRow, HandoffReplyAuthorRow, HandoffViewRow, InboxTextRow, WaitlistViewRow,
} from "../db/rows.js";
import { countOf, execute, firstRow, rowsOf, statement } from "../db/statements.js";

// ---- ApiKey

const KEY_COLUMNS = `id, name, prefix, role, "clinicId", "createdAt", "lastUsedAt", "revokedAt", bootstrap`;

const bootstrapLock = statement("admin.bootstrapKeyLock", "SELECT pg_advisory_xact_lock($1)");
/** Two instances starting at once with different ADMIN_API_KEYs take turns (a transaction-scoped lock). */
export const lockBootstrapKeys = (sql: Sql, lockKey: number) => execute(sql, bootstrapLock, [lockKey]);

const upsertBootstrap = statement("admin.upsertBootstrapKey",
  `INSERT INTO "ApiKey" (id, name, "keyHash", prefix, role, "clinicId", bootstrap, "createdAt")
   VALUES ($1, $2, $3, $4, 'admin', NULL, true, $5)
   ON CONFLICT ("keyHash") DO UPDATE SET "revokedAt" = NULL, bootstrap = true`);
export const upsertBootstrapKey = (sql: Sql, row: { id: string; name: string; keyHash: string; prefix: string; now: Date }) =>
  execute(sql, upsertBootstrap, [row.id, row.name, row.keyHash, row.prefix, row.now]);

const revokeOtherBootstrap = statement("admin.revokeOtherBootstrapKeys",
  `UPDATE "ApiKey" SET "revokedAt" = $2 WHERE bootstrap AND "revokedAt" IS NULL AND "keyHash" <> $1 RETURNING id`);
/** How many keys an earlier ADMIN_API_KEY made were revoked. */
export const revokeOtherBootstrapKeys = (sql: Sql, keyHash: string, now: Date) => countOf(sql, revokeOtherBootstrap, [keyHash, now]);

const touchKey = statement("admin.touchKeyLastUsed",
  `UPDATE "ApiKey" SET "lastUsedAt" = $2 WHERE id = $1 AND ("lastUsedAt" IS NULL OR "lastUsedAt" < $3)`);
/** At most one write a minute per key for "last used". */
export const touchKeyLastUsed = (sql: Sql, keyId: string, now: Date) => execute(sql, touchKey, [keyId, now, new Date(now.getTime() - 60_000)]);

const insertOperator = statement<ApiKeyRow>("admin.insertOperatorKey",
  `INSERT INTO "ApiKey" (id, name, "keyHash", prefix, role, "clinicId", bootstrap, "createdAt")
   VALUES ($1, $2, $3, $4, 'admin', NULL, false, $5) RETURNING ${KEY_COLUMNS}`);
export const insertOperatorKey = async (sql: Sql, row: { id: string; name: string; keyHash: string; prefix: string; now: Date }) =>
  (await firstRow(sql, insertOperator, [row.id, row.name, row.keyHash, row.prefix, row.now]))!;

const operatorKeys = statement<ApiKeyRow>("admin.listOperatorKeys",
  `SELECT ${KEY_COLUMNS} FROM "ApiKey" WHERE "clinicId" IS NULL ORDER BY "createdAt", id`);
export const listOperatorKeys = (sql: Sql) => rowsOf(sql, operatorKeys);

const lockOperators = statement<ApiKeyRow>("admin.lockOperatorKeys",
  `SELECT ${KEY_COLUMNS} FROM "ApiKey" WHERE "clinicId" IS NULL ORDER BY id FOR UPDATE`);
/** Every operator key, locked: two revocations at once cannot leave none active. */
export const lockOperatorKeys = (sql: Sql) => rowsOf(sql, lockOperators);

const revokeKey = statement<ApiKeyRow>("admin.revokeKey", `UPDATE "ApiKey" SET "revokedAt" = $2 WHERE id = $1 RETURNING ${KEY_COLUMNS}`);
export const revokeApiKey = async (sql: Sql, keyId: string, now: Date) => (await firstRow(sql, revokeKey, [keyId, now]))!;

const keyNameStatement = statement<{ name: string }>("admin.keyName", `SELECT name FROM "ApiKey" WHERE id = $1`);
export const findKeyName = async (sql: Sql, keyId: string) => (await firstRow(sql, keyNameStatement, [keyId]))?.name;

const keyOwner = statement<ApiKeyOwnerRow>("admin.keyOwner",
  `SELECT k.name, c.name AS "clinicName", c."timeZone" FROM "ApiKey" k LEFT JOIN "Clinic" c ON c.id = k."clinicId" WHERE k.id = $1`);
/** The key's name and its clinic (none for an operator key). */
export const findKeyOwner = (sql: Sql, keyId: string) => firstRow(sql, keyOwner, [keyId]);

// ---- the reception's reads

const agenda = statement<AgendaRow>("admin.agendaOfDay",
  `SELECT a.id, a."professionalId", pr.name AS "professionalName", a."startsAt", a."endsAt", a.status, a."confirmedAt",
     pt.name AS "patientName", pt.phone, pc.name AS procedure
   FROM "Appointment" a JOIN "Professional" pr ON pr.id = a."professionalId" JOIN "Patient" pt ON pt.id = a."patientId"
   JOIN "Procedure" pc ON pc.id = a."procedureId"
   WHERE a."clinicId" = $1 AND a."startsAt" >= $2 AND a."startsAt" < $3 AND a.status <> 'held'
   ORDER BY pr.name, a."startsAt"`);
/** Appointments starting in [from, to), by professional; holds are not appointments yet. */
export const listAgenda = (sql: Sql, clinicId: string, from: Date, to: Date) => rowsOf(sql, agenda, [clinicId, from, to]);

const waitlist = statement<WaitlistViewRow>("admin.openWaitlist",
  `SELECT w.id, w.status, pt.name AS "patientName", pt.phone, pc.name AS procedure, pr.name AS professional,
     w."fromDate", w."toDate", w.period, w.weekdays, w.periods, w."offerExpiresAt", w."createdAt"
   FROM "WaitlistEntry" w JOIN "Patient" pt ON pt.id = w."patientId" JOIN "Procedure" pc ON pc.id = w."procedureId"
   LEFT JOIN "Professional" pr ON pr.id = w."professionalId"
   WHERE w."clinicId" = $1 AND w.status IN ('waiting', 'offered') ORDER BY w."createdAt" LIMIT 500`);
export const listOpenWaitlist = (sql: Sql, clinicId: string) => rowsOf(sql, waitlist, [clinicId]);

/** How many of the patient's last texts the inbox shows per handoff. */
export const HANDOFF_LAST_MESSAGES = 3;

const SELECT_HANDOFF = `SELECT h.id, h."chatKey", h.reason, h.since, h."assignedTo", h."firstStaffReplyAt", h."closedAt",
  (SELECT name FROM "Patient" p WHERE p."clinicId" = h."clinicId" AND p.phone = h."chatKey" AND p."guardianPatientId" IS NULL) AS "patientName"
  FROM "Handoff" h`;

const openHandoffs = statement<HandoffViewRow>("admin.openHandoffs",
  `${SELECT_HANDOFF} WHERE h."clinicId" = $1 AND h."closedAt" IS NULL ORDER BY h.since LIMIT 200`);
/** The longest waiting first. */
export const listOpenHandoffs = (sql: Sql, clinicId: string) => rowsOf(sql, openHandoffs, [clinicId]);

const handoffById = statement<HandoffViewRow>("admin.handoff", `${SELECT_HANDOFF} WHERE h."clinicId" = $1 AND h.id = $2`);
export const findHandoffView = (sql: Sql, clinicId: string, handoffId: string) => firstRow(sql, handoffById, [clinicId, handoffId]);

const handoffTexts = statement<InboxTextRow>("admin.handoffLastTexts",
  `SELECT id, text FROM "InboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2 AND kind = 'text' ORDER BY seq DESC LIMIT ${HANDOFF_LAST_MESSAGES}`);
/** Newest first, still sealed. */
export const lastTextsOfChat = (sql: Sql, clinicId: string, chatKey: string) => rowsOf(sql, handoffTexts, [clinicId, chatKey]);

const replyAuthors = statement<HandoffReplyAuthorRow>("admin.handoffReplyAuthors",
  `SELECT r."outboxMessageId", r."staffName" FROM "HandoffReply" r JOIN "Handoff" h ON h.id = r."handoffId"
   WHERE h."clinicId" = $1 AND h."chatKey" = $2`);
/** Who from the reception wrote each clinic message of the chat, over all its handoffs. */
export const listReplyAuthors = (sql: Sql, clinicId: string, chatKey: string) => rowsOf(sql, replyAuthors, [clinicId, chatKey]);

// ---- certificates

const CERTIFICATE_COLUMNS = `id, "professionalId", "holderName", cpf, "notAfter", "isDevelopment", "createdAt"`;

const activeCertificate = statement<CertificateViewRow>("admin.activeCertificate",
  `SELECT ${CERTIFICATE_COLUMNS} FROM "ProfessionalCertificate"
   WHERE "clinicId" = $1 AND "professionalId" = $2 AND active ORDER BY "createdAt" DESC LIMIT 1`);
export const findActiveCertificate = (sql: Sql, clinicId: string, professionalId: string) => firstRow(sql, activeCertificate, [clinicId, professionalId]);

const certificateById = statement<CertificateViewRow>("admin.certificate", `SELECT ${CERTIFICATE_COLUMNS} FROM "ProfessionalCertificate" WHERE id = $1`);
export const findCertificate = async (sql: Sql, id: string) => (await firstRow(sql, certificateById, [id]))!;

const a1Cpf = statement<Pick<CertificateViewRow, "cpf">>("admin.activeA1Cpf",
  `SELECT cpf FROM "ProfessionalCertificate" WHERE "professionalId" = $1 AND active AND NOT "isDevelopment" ORDER BY "createdAt" DESC LIMIT 1`);
/** The CPF of the professional's own A1 certificate (the development one has none of theirs). */
export const findActiveA1Cpf = async (sql: Sql, professionalId: string) => (await firstRow(sql, a1Cpf, [professionalId]))?.cpf ?? null;
