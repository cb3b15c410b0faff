// The engine's SQL, named (src/db/statements.ts): taking turns (the
// conversations' locks, their next messages and everything a turn reads),
// saving them (states, text replies, statuses, rate counts), and the few
// other reads and writes of a turn and of a message that fails. Shaped for
// few round trips: both turn statements take several chats at once
// (turn-writes.ts, engine.ts).
import type { Sql } from "../db/database.js";
import type { ChatRefRow, ClinicInfoRow, MediaSizeRow, MediaTypeRow, OpenOfferRow, SavedTurnRow, TakeTurnRow } from "../db/rows.js";
import { execute, firstRow, rowsOf, statement } from "../db/statements.js";
import { EVENT_KIND } from "../chat-events/types.js";

export const PENDING_COLUMNS = ["id", "senderPhone", "senderLid", "kind", "text", "mediaId", "payload", "attempts", "nextAttemptAt"] as const;

const ISO = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Whether the patient withdrew consent matters only to what the clinic starts (a chat event): a patient's own
// message is answered either way, so its turn does not read the consent records.
const CONSENT_WITHDRAWN = `CASE WHEN m.kind = '${EVENT_KIND}' THEN
    (SELECT NOT cr.granted FROM "ConsentRecord" cr WHERE cr."patientId" = pt.id ORDER BY cr."recordedAt" DESC LIMIT 1) END`;

// The people this chat's patient books for (dependants.ts), each with their own latest completed visit.
const DEPENDANTS = `(SELECT coalesce(json_agg(x ORDER BY x."createdAt", x.id), '[]') FROM (SELECT d.id, d.name, d.relationship, d."createdAt",
    to_char(d."birthDate", 'YYYY-MM-DD') AS "birthDate",
    (SELECT ${ISO('max(a."startsAt")')} FROM "Appointment" a WHERE a."patientId" = d.id AND a.status = 'completed') AS "lastCompletedAt"
  FROM "Patient" d JOIN "Patient" g ON g.id = d."guardianPatientId"
  WHERE g."clinicId" = cl.id AND g.phone = c."chatKey" AND g."guardianPatientId" IS NULL AND d."restrictedAt" IS NULL) x)`;

// Read only beside a message: an idle look at a chat costs no more than the lock.
const FACTS = `
  SELECT cl.name AS "clinicName", cl."timeZone", cl."cancellationNoticeHours", cl."cancellationGraceMinutes", cl."infoRevision",
    (SELECT row_to_json(p) FROM (SELECT id, name FROM "Professional"
       WHERE "clinicId" = cl.id AND phone = m."senderPhone" AND active LIMIT 1) p) AS professional,
    (SELECT row_to_json(x) FROM (SELECT pt.id, pt.name, pt."consentGrantedAt", to_char(pt."birthDate", 'YYYY-MM-DD') AS "birthDate",
       ${CONSENT_WITHDRAWN} AS "consentWithdrawn"
       FROM "Patient" pt WHERE pt."clinicId" = cl.id AND pt.phone = c."chatKey" AND pt."guardianPatientId" IS NULL) x) AS patient,
    (SELECT coalesce(json_agg(x ORDER BY x.name), '[]') FROM (SELECT id, name, "durationMinutes", "priceCents",
       "prepaymentRequired", "professionalIds", "cancellationNoticeHours", "requiresPreviousWithinDays",
       "minAgeYears", "maxAgeYears", "requiresReferral" FROM "Procedure" WHERE "clinicId" = cl.id AND active) x) AS procedures,
    (SELECT coalesce(json_agg(x ORDER BY x.name), '[]') FROM (SELECT id, name FROM "Professional"
       WHERE "clinicId" = cl.id AND active) x) AS professionals,
    (SELECT coalesce(json_agg(x ORDER BY x."startsAt"), '[]') FROM (SELECT a.id, ${ISO('a."startsAt"')} AS "startsAt",
       ${ISO('a."endsAt"')} AS "endsAt", a."procedureId", a."professionalId", a.status, ${ISO('a."bookedAt"')} AS "bookedAt"
       FROM "Appointment" a JOIN "Patient" pt ON pt.id = a."patientId"
       WHERE a."clinicId" = cl.id AND pt.phone = c."chatKey" AND a.status IN ('booked', 'confirmed') AND a."startsAt" > $5
       ORDER BY a."startsAt" LIMIT 10) x) AS upcoming,
    (SELECT ${ISO('max(a."startsAt")')} FROM "Appointment" a JOIN "Patient" pt ON pt.id = a."patientId"
       WHERE a."clinicId" = cl.id AND pt.phone = c."chatKey" AND pt."guardianPatientId" IS NULL AND a.status = 'completed') AS "lastCompletedAt",
    ${DEPENDANTS} AS dependants
  FROM "Clinic" cl WHERE cl.id = c."clinicId" AND m.id IS NOT NULL`;

export const FACT_COLUMNS = ["clinicName", "timeZone", "cancellationNoticeHours", "cancellationGraceMinutes", "infoRevision", "professional", "patient",
  "procedures", "professionals", "upcoming", "lastCompletedAt", "dependants"] as const;

// FOR UPDATE OF c locks the conversations only. When a lock waited, the
// conversation row is read again but the message and facts beside it may
// come from the statement's older snapshot: saveTurns' guard (status still
// pending) catches that. A batch skips the chats another transaction holds
// (they are taken one by one, waiting); a single turn waits.
const takeTurnsText = (lock: "FOR UPDATE OF c" | "FOR UPDATE OF c SKIP LOCKED") => `
  SELECT c.id, c."clinicId", c."chatKey", c.audience, c.state, c."flowVersion", c."lastInboundAt", c."handoffUntil",
    ${PENDING_COLUMNS.map((column) => `m."${column}" AS "m_${column}"`).join(", ")},
    ${FACT_COLUMNS.map((column) => `f."${column}" AS "f_${column}"`).join(", ")},
    coalesce((SELECT r.count FROM "RateLimitCounter" r WHERE r.key = k."rateKey" AND r."windowStart" = k."windowStart"), 0) AS "rateCount"
  FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamp[]) AS k("clinicId", "chatKey", "rateKey", "windowStart")
  JOIN "Conversation" c ON c."clinicId" = k."clinicId" AND c."chatKey" = k."chatKey"
  LEFT JOIN LATERAL (
    SELECT ${PENDING_COLUMNS.map((column) => `i."${column}"`).join(", ")} FROM "InboxMessage" i
    WHERE i."clinicId" = c."clinicId" AND i."chatKey" = c."chatKey" AND i.status = 'pending'
    ORDER BY i.seq LIMIT 1) m ON true
  LEFT JOIN LATERAL (${FACTS}) f ON true
  ${lock}`;
const takeWaiting = statement<TakeTurnRow>("engine.takeTurnsWaiting", takeTurnsText("FOR UPDATE OF c"));
const takeSkipping = statement<TakeTurnRow>("engine.takeTurnsSkippingLocked", takeTurnsText("FOR UPDATE OF c SKIP LOCKED"));

/** The chats asked for, one row each whose conversation exists (and, skipping, is not held elsewhere). */
export const takeTurnRows = (sql: Sql, chats: TakeChat[], now: Date, options: { skipLocked: boolean }) =>
  rowsOf(sql, options.skipLocked ? takeSkipping : takeWaiting, [
    chats.map((chat) => chat.clinicId), chats.map((chat) => chat.chatKey), chats.map((chat) => chat.rateKey),
    chats.map((chat) => chat.windowStart?.toISOString() ?? null), now,
  ]);

export interface TakeChat {
  clinicId: string;
  chatKey: string;
  rateKey: string | null;
  windowStart: Date | null;
}

const createMany = statement("engine.createConversations", `
  INSERT INTO "Conversation" (id, "clinicId", "chatKey", "createdAt", "updatedAt")
  SELECT k.id, k."clinicId", k."chatKey", $4, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS k(id, "clinicId", "chatKey")
  ON CONFLICT ("clinicId", "chatKey") DO NOTHING`);
/** A conversation for each chat that has none yet. */
export const createConversations = (sql: Sql, chats: { id: string; clinicId: string; chatKey: string }[], now: Date) =>
  execute(sql, createMany, [chats.map((c) => c.id), chats.map((c) => c.clinicId), chats.map((c) => c.chatKey), now]);

// ---- a turn's text replies, written with the turn

const queuedTextRows = (first: number) => `
  SELECT o.id, o."clinicId", o."chatKey", o."inboxMessageId", 'text', o.text, o.choices, o.template, o."templateParams", o.at, o.at
  FROM unnest(${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `$${first + i}::text[]`).join(", ")}, $${first + 8}::timestamp[])
    WITH ORDINALITY AS o(id, "clinicId", "chatKey", "inboxMessageId", text, choices, template, "templateParams", at, n)
  ORDER BY o.n`;
export const OUTBOX_TEXT_COLUMNS =
  `"OutboxMessage" (id, "clinicId", "chatKey", "inboxMessageId", kind, text, choices, template, "templateParams", "nextAttemptAt", "createdAt")`;

const insertQueued = statement("engine.insertQueuedTexts", `INSERT INTO ${OUTBOX_TEXT_COLUMNS} ${queuedTextRows(1)}`);
/** Text replies held back by a turn, in the order queued; `columns`: the nine arrays of QueuedText. */
export const insertQueuedTexts = (sql: Sql, columns: unknown[]) => execute(sql, insertQueued, columns);

const saveMany = statement<SavedTurnRow>("engine.saveTurns", `
  WITH t AS (
    SELECT * FROM unnest($10::text[], $11::text[], $12::text[], $13::int[], $14::timestamp[], $15::boolean[], $16::timestamp[],
      $17::text[], $18::int[], $19::text[], $20::timestamp[], $21::timestamp[])
      AS t("conversationId", audience, state, "flowVersion", "lastInboundAt", "setsHandoff", "handoffUntil",
        "messageId", attempts, "rateKey", "windowStart", "expiresAt")),
  conversation AS (
    UPDATE "Conversation" c SET audience = t.audience, state = t.state, "flowVersion" = t."flowVersion", "lastInboundAt" = t."lastInboundAt",
      "updatedAt" = $22, "handoffUntil" = CASE WHEN t."setsHandoff" THEN t."handoffUntil" ELSE c."handoffUntil" END
    FROM t WHERE c.id = t."conversationId"),
  replies AS (
    INSERT INTO "OutboxMessage" (id, "clinicId", "chatKey", "inboxMessageId", kind, text, choices, template, "templateParams", "createdAt",
      status, "claimedBy", "sendStartedAt", "nextAttemptAt")
    SELECT q.id, q."clinicId", q."chatKey", q."inboxMessageId", 'text', q.text, q.choices, q.template, q."templateParams", q.at,
      CASE WHEN q.direct THEN 'sending' ELSE 'pending' END, CASE WHEN q.direct THEN $23 END, CASE WHEN q.direct THEN q.at END,
      CASE WHEN q.direct THEN $24::timestamp ELSE q.at END
    FROM (
      SELECT u.*, $23::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "OutboxMessage" e
        WHERE e."clinicId" = u."clinicId" AND e."chatKey" = u."chatKey" AND e.status IN ('pending', 'sending')) AS direct
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamp[])
        WITH ORDINALITY AS u(id, "clinicId", "chatKey", "inboxMessageId", text, choices, template, "templateParams", at, n)) q
    ORDER BY q.n
    RETURNING id, status),
  counted AS (
    INSERT INTO "RateLimitCounter" (key, "windowStart", count, "expiresAt")
    SELECT t."rateKey", t."windowStart", 1, t."expiresAt" FROM t WHERE t."rateKey" IS NOT NULL
    ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateLimitCounter".count + 1)
  UPDATE "InboxMessage" i SET status = 'handled', "handledAt" = $22, attempts = t.attempts
  FROM t WHERE i.id = t."messageId" AND i.status = 'pending'
  RETURNING i.id, EXISTS (SELECT 1 FROM "InboxMessage" p
    WHERE p."clinicId" = i."clinicId" AND p."chatKey" = i."chatKey" AND p.status = 'pending' AND p.id <> i.id) AS "morePending",
    (SELECT coalesce(array_agg(r.id), '{}') FROM replies r WHERE r.status = 'sending') AS "claimedReplies"`);
/**
 * `values`: the queued texts' nine arrays, the turns' twelve, now, then the
 * instance that sends the replies itself and until when it holds them
 * (null: none). A reply to a chat with nothing else waiting to be sent is
 * written already claimed by that instance, the send intent with the turn
 * (outbox.ts sends it without claiming it again); any other is pending.
 */
export const saveTurnRows = (sql: Sql, values: unknown[]) => rowsOf(sql, saveMany, values);

// ---- what a turn reads besides

const openOffer = statement<OpenOfferRow>("engine.openWaitlistOffer",
  `SELECT w.id AS "entryId", w."offeredAppointmentId" AS "appointmentId" FROM "WaitlistEntry" w JOIN "Patient" p ON p.id = w."patientId"
   WHERE w."clinicId" = $1 AND p.phone = $2 AND w.status = 'offered' AND w."offerExpiresAt" > $3 AND w."offeredAppointmentId" IS NOT NULL
   ORDER BY w."offerExpiresAt" DESC LIMIT 1`);
/** The chat's patient's open waitlist offer, the latest to expire. */
export const findOpenOffer = (sql: Sql, clinicId: string, chatKey: string, now: Date) => firstRow(sql, openOffer, [clinicId, chatKey, now]);

const mediaType = statement<MediaTypeRow>("engine.mediaType", `SELECT mimetype FROM "Media" WHERE id = $1`);
export const findMediaType = (sql: Sql, mediaId: string) => firstRow(sql, mediaType, [mediaId]);

const mediaSize = statement<MediaSizeRow>("engine.mediaSize", `SELECT "sizeBytes" FROM "Media" WHERE id = $1`);
export const findMediaSize = (sql: Sql, mediaId: string) => firstRow(sql, mediaSize, [mediaId]);

const clinicInfo = statement<ClinicInfoRow>("engine.clinicInfo",
  `SELECT c.address, c.city, c."mapsUrl", c.phone, c."timeZone", c."insurancePlans", c."paymentMethods", c.parking, c.faq,
     (SELECT coalesce(json_agg(json_build_object('weekday', w.weekday, 'start', w."startTime", 'end', w."endTime")), '[]')
        FROM "WorkingHours" w JOIN "Professional" p ON p.id = w."professionalId" WHERE w."clinicId" = c.id AND p.active) AS hours,
     (SELECT coalesce(json_agg(x ORDER BY x.name), '[]') FROM (SELECT id, name, "priceCents", preparation
        FROM "Procedure" WHERE "clinicId" = c.id AND active) x) AS procedures
   FROM "Clinic" c WHERE c.id = $1`);
/** What the chat says about the clinic (clinic-info-facts.ts); hours from its active professionals. */
export const findClinicInfo = (sql: Sql, clinicId: string) => firstRow(sql, clinicInfo, [clinicId]);

// ---- messages that wait, fail or are refused

const dueChats = statement<ChatRefRow>("engine.chatsWithDueMessages",
  `SELECT DISTINCT "clinicId", "chatKey" FROM "InboxMessage" WHERE status = 'pending' AND "nextAttemptAt" <= $1 LIMIT $2`);
/** Chats with a message whose retry is due, or left behind by a crash. */
export const listChatsWithDueMessages = (sql: Sql, now: Date, limit: number) => rowsOf(sql, dueChats, [now, limit]);

const retryLater = statement("engine.retryMessageLater",
  `UPDATE "InboxMessage" SET attempts = $2, "lastError" = $3, "nextAttemptAt" = $4 WHERE id = $1`);
export const retryMessageLater = (sql: Sql, id: string, attempts: number, lastError: string, at: Date) =>
  execute(sql, retryLater, [id, attempts, lastError, at]);

const failed = statement("engine.failMessage",
  `UPDATE "InboxMessage" SET attempts = $2, status = 'failed', "lastError" = $3, "handledAt" = $4 WHERE id = $1`);
export const failMessage = (sql: Sql, id: string, attempts: number, lastError: string, now: Date) => execute(sql, failed, [id, attempts, lastError, now]);

const refused = statement("engine.refuseMessage",
  `UPDATE "InboxMessage" SET status = 'refused', "handledAt" = $2, attempts = attempts + 1, "lastError" = $3 WHERE id = $1`);
/** Over a chat limit: kept, with the limit's code, and never handled. */
export const refuseMessage = (sql: Sql, id: string, now: Date, code: string) => execute(sql, refused, [id, now, code]);
