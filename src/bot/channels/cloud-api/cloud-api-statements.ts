// The SQL of Meta's Cloud API channel, named (src/db/statements.ts): the
// clinics' accounts and templates, what Meta calls each chat, and the outbox
// rows a webhook status or a send decision reads and writes.
import type { Sql } from "../../../db/database.js";
import type { ChatKeyRow, CloudAccountRow, CloudAppSecretRow, CloudSendContextRow, CloudTemplateRow } from "../../../db/rows.js";
import { countOf, execute, firstRow, rowsOf, statement } from "../../../db/statements.js";

// ---- WhatsAppCloudAccount (secrets sealed)

const ACCOUNT = `SELECT "clinicId", "phoneNumberId", "accessTokenSealed", "appSecretSealed" FROM "WhatsAppCloudAccount"`;

const byNumber = statement<CloudAccountRow>("cloudApi.accountByPhoneNumberId", `${ACCOUNT} WHERE "phoneNumberId" = $1`);
export const findAccountByPhoneNumberId = (sql: Sql, phoneNumberId: string) => firstRow(sql, byNumber, [phoneNumberId]);

const byClinic = statement<CloudAccountRow>("cloudApi.accountByClinic", `${ACCOUNT} WHERE "clinicId" = $1`);
export const findAccountByClinic = (sql: Sql, clinicId: string) => firstRow(sql, byClinic, [clinicId]);

const verifyToken = statement("cloudApi.verifyTokenExists", `SELECT 1 FROM "WhatsAppCloudAccount" WHERE "verifyToken" = $1 LIMIT 1`);
export const isAccountVerifyToken = async (sql: Sql, token: string) => (await firstRow(sql, verifyToken, [token])) !== undefined;

const appSecrets = statement<CloudAppSecretRow>("cloudApi.appSecrets", `SELECT DISTINCT "appSecretSealed" FROM "WhatsAppCloudAccount"`);
/** Every account's app secret, still sealed. */
export const listSealedAppSecrets = async (sql: Sql) => (await rowsOf(sql, appSecrets)).map((row) => row.appSecretSealed);

// ---- WhatsAppTemplate

const insertTemplate = statement("cloudApi.insertTemplate",
  `INSERT INTO "WhatsAppTemplate" (id, "clinicId", purpose, name, language, category, body, buttons)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`);
/** A template the clinic has already (by purpose, or by name and language) is kept. */
export const insertTemplateOnce = (sql: Sql, row: {
  id: string; clinicId: string; purpose: string; name: string; language: string; category: string; body: string; buttonsJson: string;
}) => execute(sql, insertTemplate, [row.id, row.clinicId, row.purpose, row.name, row.language, row.category, row.body, row.buttonsJson]);

const templates = statement<CloudTemplateRow>("cloudApi.templates",
  `SELECT id, purpose, name, language, category, body, buttons, "lastErrorCode", "lastError", "lastErrorAt"
   FROM "WhatsAppTemplate" WHERE "clinicId" = $1 ORDER BY purpose`);
export const listTemplates = (sql: Sql, clinicId: string) => rowsOf(sql, templates, [clinicId]);

const templateError = statement("cloudApi.recordTemplateError",
  `UPDATE "WhatsAppTemplate" SET "lastErrorCode" = $2, "lastError" = $3, "lastErrorAt" = $4 WHERE id = $1`);
export const recordTemplateErrorRow = (sql: Sql, templateId: string, code: number | null, error: string, at: Date) =>
  execute(sql, templateError, [templateId, code, error, at]);

// ---- WhatsAppCloudContact, and the chat keys already in use

const knownKeys = statement<ChatKeyRow>("cloudApi.knownChatKeys",
  `SELECT "chatKey" AS key FROM "Conversation" WHERE "clinicId" = $1 AND "chatKey" IN ($2, $3)
   UNION ALL SELECT phone FROM "Patient" WHERE "clinicId" = $1 AND phone IN ($2, $3)
   UNION ALL SELECT phone FROM "Professional" WHERE "clinicId" = $1 AND phone IN ($2, $3)`);
/** Which of the two forms of a number the clinic has a conversation, patient or professional under. */
export const listKnownChatKeys = async (sql: Sql, clinicId: string, key: string, oldKey: string) =>
  (await rowsOf(sql, knownKeys, [clinicId, key, oldKey])).map((row) => row.key);

const recordInbound = statement("cloudApi.recordInbound",
  `INSERT INTO "WhatsAppCloudContact" ("clinicId", "chatKey", "waId", "lastInboundAt", "updatedAt") VALUES ($1, $2, $3, $4, $4)
   ON CONFLICT ("clinicId", "chatKey") DO UPDATE SET "waId" = EXCLUDED."waId",
     "lastInboundAt" = GREATEST(COALESCE("WhatsAppCloudContact"."lastInboundAt", EXCLUDED."lastInboundAt"), EXCLUDED."lastInboundAt"),
     "updatedAt" = EXCLUDED."updatedAt"`);
/** The latest wa_id; the last inbound time never moves back. */
export const upsertCloudContact = (sql: Sql, row: { clinicId: string; chatKey: string; waId: string; at: Date }) =>
  execute(sql, recordInbound, [row.clinicId, row.chatKey, row.waId, row.at]);

// ---- OutboxMessage

const releaseHeld = statement("cloudApi.releaseHeld",
  `UPDATE "OutboxMessage" SET status = 'pending', "nextAttemptAt" = $3, "windowClosedAt" = NULL
   WHERE "clinicId" = $1 AND "chatKey" = $2 AND status = 'held' RETURNING id`);
/** How many held messages are due again. */
export const releaseHeldMessages = (sql: Sql, clinicId: string, chatKey: string, now: Date) => countOf(sql, releaseHeld, [clinicId, chatKey, now]);

const linkStatus = statement("cloudApi.linkStatusToRow",
  `UPDATE "OutboxMessage" SET "providerMessageId" = $3 WHERE id = $2 AND "clinicId" = $1 AND "providerMessageId" IS NULL`);
/** Records the wamid on an outbox row that has none yet. */
export const linkWamidToRow = (sql: Sql, clinicId: string, outboxId: string, wamid: string) => execute(sql, linkStatus, [clinicId, outboxId, wamid]);

const sendAgain = statement("cloudApi.sendAgainAsTemplate",
  `UPDATE "OutboxMessage" SET status = 'pending', "providerMessageId" = NULL, "sentAt" = NULL, "windowClosedAt" = $3, "nextAttemptAt" = $3,
     "lastError" = '131047: outside the 24-hour window; sent again as a template'
   WHERE "clinicId" = $1 AND "providerMessageId" = $2 AND "deliveredAt" IS NULL`);
/** The message goes again, now as a template (windowClosedAt set); one delivered already stays as it is. */
export const sendAgainAsTemplate = (sql: Sql, clinicId: string, wamid: string, now: Date) => execute(sql, sendAgain, [clinicId, wamid, now]);

const sendContext = statement<CloudSendContextRow>("cloudApi.sendContext",
  `SELECT o.template, o."templateParams", o."windowClosedAt", k."waId",
     NULLIF(GREATEST(COALESCE(k."lastInboundAt", 'epoch'), COALESCE(c."lastInboundAt", 'epoch')), 'epoch') AS "lastInboundAt",
     EXISTS (SELECT 1 FROM "OutboxMessage" h WHERE h."clinicId" = o."clinicId" AND h."chatKey" = o."chatKey" AND h.id <> o.id
       AND (h.status = 'held' OR (h.template IS NOT NULL AND h."sentAt" > COALESCE(k."lastInboundAt", c."lastInboundAt", 'epoch')))) AS "awaitingAnswer"
   FROM "OutboxMessage" o
   LEFT JOIN "WhatsAppCloudContact" k ON k."clinicId" = o."clinicId" AND k."chatKey" = o."chatKey"
   LEFT JOIN "Conversation" c ON c."clinicId" = o."clinicId" AND c."chatKey" = o."chatKey"
   WHERE o.id = $1`);
/** The outbox row's template and window, with when the person last wrote (by the contact or the conversation, the later). */
export const findSendContext = (sql: Sql, outboxId: string) => firstRow(sql, sendContext, [outboxId]);
