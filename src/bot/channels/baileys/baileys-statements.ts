// The SQL of the Baileys channel, named (src/db/statements.ts): its auth
// state ("WhatsAppAuthKey"), the session leases ("WhatsAppSession"), and the
// few reads and writes an inbound or outbound message needs (the ones both
// channels share are in ../channel-statements.ts).
import type { Sql } from "../../../db/database.js";
import { countOf, execute, firstRow, rowsOf, statement } from "../../../db/statements.js";

// ---- WhatsAppAuthKey (values sealed)

const authValue = statement<{ value: string }>("baileys.authValue",
  `SELECT value FROM "WhatsAppAuthKey" WHERE "clinicId" = $1 AND type = $2 AND "keyId" = $3`);
export const findAuthValue = async (sql: Sql, clinicId: string, type: string, keyId: string) =>
  (await firstRow(sql, authValue, [clinicId, type, keyId]))?.value;

const authValues = statement<{ keyId: string; value: string }>("baileys.authValues",
  `SELECT "keyId", value FROM "WhatsAppAuthKey" WHERE "clinicId" = $1 AND type = $2 AND "keyId" = ANY($3::text[])`);
export const listAuthValues = (sql: Sql, clinicId: string, type: string, keyIds: string[]) => rowsOf(sql, authValues, [clinicId, type, keyIds]);

const upsertMany = statement("baileys.upsertAuthValues",
  `INSERT INTO "WhatsAppAuthKey" ("clinicId", type, "keyId", value, "updatedAt")
   SELECT $1, t, k, v, $5 FROM unnest($2::text[], $3::text[], $4::text[]) AS u(t, k, v)
   ON CONFLICT ("clinicId", type, "keyId") DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"`);
/** One statement for a whole batch of keys. */
export const upsertAuthValues = (sql: Sql, clinicId: string, rows: { type: string; keyId: string; value: string }[], now: Date) =>
  execute(sql, upsertMany, [clinicId, rows.map((r) => r.type), rows.map((r) => r.keyId), rows.map((r) => r.value), now]);

const deleteMany = statement("baileys.deleteAuthValues",
  `DELETE FROM "WhatsAppAuthKey" WHERE "clinicId" = $1
     AND (type, "keyId") IN (SELECT t, k FROM unnest($2::text[], $3::text[]) AS d(t, k))`);
export const deleteAuthValues = (sql: Sql, clinicId: string, rows: { type: string; keyId: string }[]) =>
  execute(sql, deleteMany, [clinicId, rows.map((r) => r.type), rows.map((r) => r.keyId)]);

const upsertOne = statement("baileys.upsertAuthValue",
  `INSERT INTO "WhatsAppAuthKey" ("clinicId", type, "keyId", value, "updatedAt") VALUES ($1, $2, $3, $4, $5)
   ON CONFLICT ("clinicId", type, "keyId") DO UPDATE SET value = EXCLUDED.value, "updatedAt" = EXCLUDED."updatedAt"`);
export const upsertAuthValue = (sql: Sql, row: { clinicId: string; type: string; keyId: string; value: string; now: Date }) =>
  execute(sql, upsertOne, [row.clinicId, row.type, row.keyId, row.value, row.now]);

const deleteKeysBut = statement("baileys.deleteKeysExceptType", `DELETE FROM "WhatsAppAuthKey" WHERE "clinicId" = $1 AND type <> $2`);
/** The signal keys go, the credentials (of `keptType`) stay. */
export const deleteAuthKeysExcept = (sql: Sql, clinicId: string, keptType: string) => execute(sql, deleteKeysBut, [clinicId, keptType]);

const deleteAll = statement("baileys.deleteAuthState", `DELETE FROM "WhatsAppAuthKey" WHERE "clinicId" = $1`);
export const deleteAuthState = (sql: Sql, clinicId: string) => execute(sql, deleteAll, [clinicId]);

// ---- WhatsAppSession leases

const ensureRows = statement("baileys.ensureSessionRows",
  `INSERT INTO "WhatsAppSession" (id, "clinicId", "statusChangedAt", "createdAt", "updatedAt")
   SELECT gen_random_uuid()::text, c.id, $1, $1, $1 FROM "Clinic" c
   ON CONFLICT ("clinicId") DO NOTHING`);
/** Every clinic gets a session row (enabled) the first time an instance sees it. */
export const ensureSessionRows = (sql: Sql, now: Date) => execute(sql, ensureRows, [now]);

const claimable = statement<{ clinicId: string }>("baileys.claimableSessions",
  `SELECT "clinicId" FROM "WhatsAppSession"
   WHERE enabled AND ("ownerInstanceId" IS NULL OR "leaseUntil" IS NULL OR "leaseUntil" < $1 OR "ownerInstanceId" = $2)
   ORDER BY "clinicId"`);
export const listClaimableSessions = async (sql: Sql, now: Date, instanceId: string) =>
  (await rowsOf(sql, claimable, [now, instanceId])).map((row) => row.clinicId);

const acquire = statement("baileys.acquireLease",
  `UPDATE "WhatsAppSession" SET "ownerInstanceId" = $2, "leaseUntil" = $3, "updatedAt" = $4
   WHERE "clinicId" = $1 AND enabled
     AND ("ownerInstanceId" IS NULL OR "leaseUntil" IS NULL OR "leaseUntil" < $4 OR "ownerInstanceId" = $2)
   RETURNING "clinicId"`);
/** One UPDATE, so two instances never both win. */
export const acquireLease = async (sql: Sql, clinicId: string, instanceId: string, leaseUntil: Date, now: Date) =>
  (await countOf(sql, acquire, [clinicId, instanceId, leaseUntil, now])) > 0;

const renew = statement<{ clinicId: string }>("baileys.renewLeases",
  `UPDATE "WhatsAppSession" SET "leaseUntil" = $3
   WHERE "clinicId" = ANY($1::text[]) AND "ownerInstanceId" = $2 AND "leaseUntil" >= $4
   RETURNING "clinicId"`);
/** The clinics whose lease this instance still held and renewed. */
export const renewLeases = async (sql: Sql, clinicIds: string[], instanceId: string, leaseUntil: Date, now: Date) =>
  (await rowsOf(sql, renew, [clinicIds, instanceId, leaseUntil, now])).map((row) => row.clinicId);

const release = statement("baileys.releaseLease",
  `UPDATE "WhatsAppSession" SET "ownerInstanceId" = NULL, "leaseUntil" = NULL WHERE "clinicId" = $1 AND "ownerInstanceId" = $2`);
export const releaseLease = (sql: Sql, clinicId: string, instanceId: string) => execute(sql, release, [clinicId, instanceId]);

// ---- messages

const phoneByLid = statement<{ phone: string }>("baileys.patientPhoneByLid",
  `SELECT phone FROM "Patient" WHERE "clinicId" = $1 AND "whatsappLid" = $2 AND "guardianPatientId" IS NULL AND "restrictedAt" IS NULL LIMIT 1`);
export const findPatientPhoneByLid = async (sql: Sql, clinicId: string, lid: string) => (await firstRow(sql, phoneByLid, [clinicId, lid]))?.phone;

const linkLid = statement("baileys.linkLid",
  `UPDATE "Patient" SET "whatsappLid" = $3, "updatedAt" = now()
   WHERE "clinicId" = $1 AND phone = $2 AND "guardianPatientId" IS NULL AND "whatsappLid" IS DISTINCT FROM $3`);
/** Remembers the LID on the chat's patient (not on the dependants who share the phone), so a later LID-only message finds the same person. */
export const linkPatientLid = (sql: Sql, clinicId: string, phone: string, lid: string) => execute(sql, linkLid, [clinicId, phone, lid]);

const stampId = statement("baileys.stampProviderMessageId", `UPDATE "OutboxMessage" SET "providerMessageId" = $2 WHERE id = $1`);
/** Written before sending, so the echo of this message is known as the bot's. */
export const stampProviderMessageId = (sql: Sql, outboxId: string, providerMessageId: string) => execute(sql, stampId, [outboxId, providerMessageId]);
