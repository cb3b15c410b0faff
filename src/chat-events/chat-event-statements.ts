// The SQL of raising a chat event, named (src/db/statements.ts).
import type { Sql } from "../db/database.js";
import type { ConsentGrantedRow, PatientIdRow } from "../db/rows.js";
import { execute, firstRow, statement } from "../db/statements.js";

const insertEvent = statement("chatEvents.insert",
  `INSERT INTO "InboxMessage" (id, "clinicId", "chatKey", "senderPhone", "providerMessageId", kind, payload, "receivedAt", "nextAttemptAt")
   VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $7)
   ON CONFLICT ("clinicId", "providerMessageId") DO NOTHING`);
/** senderPhone is the chat's own number; a second row with the same providerMessageId is not written. */
export const insertEventRow = (sql: Sql, row: { id: string; clinicId: string; chatKey: string; providerMessageId: string; kind: string; payloadSealed: string; now: Date }) =>
  execute(sql, insertEvent, [row.id, row.clinicId, row.chatKey, row.providerMessageId, row.kind, row.payloadSealed, row.now]);

const patientOfChat = statement<PatientIdRow>("chatEvents.sharePatientOfChat",
  `SELECT id FROM "Patient" WHERE "clinicId" = $1 AND phone = $2 AND "guardianPatientId" IS NULL FOR SHARE`);
/** Holds the patient row (FOR SHARE) so consent cannot change under the event. */
export const sharePatientOfChat = (sql: Sql, clinicId: string, phone: string) => firstRow(sql, patientOfChat, [clinicId, phone]);

const latestConsent = statement<ConsentGrantedRow>("chatEvents.latestConsent",
  `SELECT granted FROM "ConsentRecord" WHERE "patientId" = $1 ORDER BY "recordedAt" DESC LIMIT 1`);
export const findLatestConsent = (sql: Sql, patientId: string) => firstRow(sql, latestConsent, [patientId]);
