// Every SQL statement of the payment use cases, named (src/db/statements.ts).
// "Payment" and "ClinicPaymentSettings" are this folder's tables; the
// appointment statements here are the ones only a payment makes.
import type { Sql } from "../db/database.js";
import type {
  DueRefundRow, FreedTimeRow, HeldForPixRow, PaymentClaimRow, PaymentContextRow, PaymentDayRow, PaymentListRow, PaymentRow,
  PaymentSettingsSecretsRow,
} from "../db/rows.js";
import { countOf, execute, firstRow, rowsOf, statement } from "../db/statements.js";

const PAYMENT_COLUMNS = `id, "clinicId", "appointmentId", "providerPaymentId", "idempotencyKey", status, "statusDetail", "amountCents",
  "expiresAt", "qrCode", "qrMediaId", "approvedAt", "refundRequestedAt", "refundedAt", "createdAt"`;

// ---- Payment: reads

const byProviderIdForUpdate = statement<PaymentRow>("payments.findByProviderIdForUpdate",
  `SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "clinicId" = $1 AND "providerPaymentId" = $2 FOR UPDATE`);
/** Locks the payment while a status from Mercado Pago is applied to it. */
export const findPaymentByProviderIdForUpdate = (sql: Sql, clinicId: string, providerPaymentId: string) =>
  firstRow(sql, byProviderIdForUpdate, [clinicId, providerPaymentId]);

const knownProviderId = statement<{ known: number }>("payments.isKnownProviderId",
  `SELECT 1 AS known FROM "Payment" WHERE "clinicId" = $1 AND "providerPaymentId" = $2`);
export const isKnownProviderPayment = async (sql: Sql, clinicId: string, providerPaymentId: string) =>
  (await firstRow(sql, knownProviderId, [clinicId, providerPaymentId])) !== undefined;

const otherApproved = statement<{ id: string }>("payments.findOtherApprovedForAppointment",
  `SELECT id FROM "Payment" WHERE "appointmentId" = $1 AND id <> $2 AND status = 'approved' AND "refundRequestedAt" IS NULL LIMIT 1`);
/** A second payment of one appointment that was approved and is not being refunded. */
export const findOtherApprovedPayment = (sql: Sql, appointmentId: string, paymentId: string) =>
  firstRow(sql, otherApproved, [appointmentId, paymentId]);

const ofAppointment = statement<PaymentRow>("payments.listForAppointment",
  `SELECT ${PAYMENT_COLUMNS} FROM "Payment" WHERE "appointmentId" = $1 ORDER BY "createdAt" DESC, id`);
/** Newest first. */
export const listPaymentsOfAppointment = (sql: Sql, appointmentId: string) => rowsOf(sql, ofAppointment, [appointmentId]);

const dueToExpire = statement<Pick<PaymentRow, "id" | "clinicId" | "providerPaymentId">>("payments.listDueToExpire",
  `SELECT id, "clinicId", "providerPaymentId" FROM "Payment"
   WHERE status = ANY($1::text[]) AND "expiresAt" <= $2 ORDER BY "expiresAt" LIMIT $3`);
export const listPaymentsDueToExpire = (sql: Sql, openStatuses: readonly string[], now: Date, limit: number) =>
  rowsOf(sql, dueToExpire, [[...openStatuses], now, limit]);

const expiringForUpdate = statement<Pick<PaymentRow, "clinicId" | "appointmentId">>("payments.lockExpiring",
  `SELECT "clinicId", "appointmentId" FROM "Payment" WHERE id = $1 AND status = ANY($2::text[]) AND "expiresAt" <= $3
   FOR UPDATE SKIP LOCKED`);
/** The payment, if it is still open and past its expiry and no other instance holds it. */
export const lockExpiringPayment = (sql: Sql, paymentId: string, openStatuses: readonly string[], now: Date) =>
  firstRow(sql, expiringForUpdate, [paymentId, [...openStatuses], now]);

const claimToPoll = statement<Pick<PaymentClaimRow, "clinicId" | "providerPaymentId">>("payments.claimToPoll",
  `UPDATE "Payment" SET "checkedAt" = $1 WHERE id IN (
     SELECT id FROM "Payment"
     WHERE status = ANY($2::text[]) AND "providerPaymentId" IS NOT NULL AND "createdAt" > $3
       AND ("checkedAt" IS NULL OR "checkedAt" <= $4)
     ORDER BY "checkedAt" NULLS FIRST LIMIT $5 FOR UPDATE SKIP LOCKED)
   RETURNING "clinicId", "providerPaymentId"`);
/** Stamps checkedAt on the payments to ask Mercado Pago about, under SKIP LOCKED so instances share them. */
export const claimPaymentsToPoll = (sql: Sql, input: { now: Date; statuses: readonly string[]; createdAfter: Date; checkedBefore: Date; limit: number }) =>
  rowsOf(sql, claimToPoll, [input.now, [...input.statuses], input.createdAfter, input.checkedBefore, input.limit]);

const nextDueRefund = statement<DueRefundRow>("payments.lockNextDueRefund",
  `SELECT id, "clinicId", "appointmentId", "providerPaymentId", "amountCents" FROM "Payment"
   WHERE "refundRequestedAt" IS NOT NULL AND "refundedAt" IS NULL AND status = 'approved' AND "providerPaymentId" IS NOT NULL
     AND id <> ALL($1::text[])
   ORDER BY "refundRequestedAt" LIMIT 1 FOR UPDATE SKIP LOCKED`);
/** The oldest refund asked for and not yet made, skipping the ids already tried in this round. */
export const lockNextDueRefund = (sql: Sql, triedIds: string[]) => firstRow(sql, nextDueRefund, [triedIds]);

const listStatement = statement<PaymentListRow>("payments.listForClinic",
  // Stored instants are UTC; ((x AT TIME ZONE 'UTC') AT TIME ZONE $2)::date is their date on the clinic's wall calendar.
  `SELECT id, "appointmentId", provider, "providerPaymentId", status, "statusDetail", "amountCents", "expiresAt", "approvedAt",
     "refundRequestedAt", "refundedAt", "refundId", "createdAt"
   FROM "Payment"
   WHERE "clinicId" = $1
     AND ($3::date IS NULL OR (("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $2)::date >= $3::date)
     AND ($4::date IS NULL OR (("createdAt" AT TIME ZONE 'UTC') AT TIME ZONE $2)::date <= $4::date)
     AND ($5::text IS NULL OR status = $5) AND ($6::text IS NULL OR "appointmentId" = $6)
   ORDER BY "createdAt" DESC, id LIMIT 1000`);
export const listClinicPayments = (sql: Sql, filter: { clinicId: string; timeZone: string; from: string | null; to: string | null; status: string | null; appointmentId: string | null }) =>
  rowsOf(sql, listStatement, [filter.clinicId, filter.timeZone, filter.from, filter.to, filter.status, filter.appointmentId]);

const dailyTotalsStatement = statement<PaymentDayRow>("payments.dailyTotals",
  `WITH moves AS (
     SELECT (("approvedAt" AT TIME ZONE 'UTC') AT TIME ZONE $2)::date AS day, "amountCents" AS approved, 0 AS refunded, 1 AS paid
     FROM "Payment" WHERE "clinicId" = $1 AND "approvedAt" IS NOT NULL
     UNION ALL
     SELECT (("refundedAt" AT TIME ZONE 'UTC') AT TIME ZONE $2)::date, 0, "amountCents", 0
     FROM "Payment" WHERE "clinicId" = $1 AND "refundedAt" IS NOT NULL)
   SELECT to_char(day, 'YYYY-MM-DD') AS date, sum(approved)::text AS "approvedCents", sum(refunded)::text AS "refundedCents", sum(paid)::text AS count
   FROM moves WHERE day BETWEEN $3::date AND $4::date GROUP BY day ORDER BY day`);
/** Approved and refunded sums per local day of the clinic. */
export const paymentDailyTotals = (sql: Sql, clinicId: string, timeZone: string, from: string, to: string) =>
  rowsOf(sql, dailyTotalsStatement, [clinicId, timeZone, from, to]);

// ---- Payment: writes

const insertStatement = statement<PaymentRow>("payments.insert",
  `INSERT INTO "Payment" (id, "clinicId", "appointmentId", provider, "providerPaymentId", "idempotencyKey", status, "statusDetail",
     "amountCents", "expiresAt", "qrCode", "qrMediaId", raw, "checkedAt", "createdAt", "updatedAt")
   VALUES ($1, $2, $3, 'mercadopago', $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13, $13, $13)
   RETURNING ${PAYMENT_COLUMNS}`);
export interface NewPayment {
  id: string; clinicId: string; appointmentId: string; providerPaymentId: string; idempotencyKey: string; status: string;
  statusDetail: string | null; amountCents: number; expiresAt: Date; qrCode: string | null; qrMediaId: string | null; raw: unknown; now: Date;
}
export const insertPayment = async (sql: Sql, p: NewPayment): Promise<PaymentRow> =>
  (await firstRow(sql, insertStatement, [p.id, p.clinicId, p.appointmentId, p.providerPaymentId, p.idempotencyKey, p.status, p.statusDetail,
    p.amountCents, p.expiresAt, p.qrCode, p.qrMediaId, JSON.stringify(p.raw), p.now]))!;

const recordStatus = statement("payments.recordStatus",
  `UPDATE "Payment" SET status = $2, "statusDetail" = $3, "approvedAt" = COALESCE("approvedAt", $4),
     "refundedAt" = CASE WHEN $2 IN ('refunded', 'charged_back') THEN COALESCE("refundedAt", $5) ELSE "refundedAt" END,
     raw = $6::jsonb, "updatedAt" = $5
   WHERE id = $1`);
/** What Mercado Pago said; approvedAt and refundedAt are set once. */
export const recordPaymentStatus = (sql: Sql, input: { id: string; status: string; statusDetail: string | null; approvedAt: Date | null; now: Date; raw: unknown }) =>
  execute(sql, recordStatus, [input.id, input.status, input.statusDetail, input.approvedAt, input.now, JSON.stringify(input.raw)]);

const moveToAppointment = statement("payments.moveToAppointment",
  `UPDATE "Payment" SET "appointmentId" = $2 WHERE "appointmentId" = $1`);
/** A hold taken again is a new appointment row: its payments follow it. */
export const movePaymentsToAppointment = (sql: Sql, fromAppointmentId: string, toAppointmentId: string) =>
  execute(sql, moveToAppointment, [fromAppointmentId, toAppointmentId]);

const markExpired = statement("payments.markExpired",
  `UPDATE "Payment" SET status = 'expired', "updatedAt" = $2 WHERE id = $1`);
export const markPaymentExpired = (sql: Sql, paymentId: string, now: Date) => execute(sql, markExpired, [paymentId, now]);

const askRefund = statement("payments.requestRefund",
  `UPDATE "Payment" SET "refundRequestedAt" = $2, "refundReason" = $3, "updatedAt" = $2
   WHERE id = $1 AND status = 'approved' AND "refundRequestedAt" IS NULL`);
export const markRefundRequested = (sql: Sql, paymentId: string, reason: string, now: Date) => execute(sql, askRefund, [paymentId, now, reason]);

const askRefundsOfAppointment = statement("payments.requestRefundsOfAppointment",
  `UPDATE "Payment" SET "refundRequestedAt" = $2, "refundReason" = $3, "updatedAt" = $2
   WHERE "appointmentId" = $1 AND status = 'approved' AND "refundRequestedAt" IS NULL RETURNING id`);
/** How many approved payments of the appointment are now to be refunded. */
export const markRefundsRequestedForAppointment = (sql: Sql, appointmentId: string, reason: string, now: Date) =>
  countOf(sql, askRefundsOfAppointment, [appointmentId, now, reason]);

const markRefunded = statement("payments.markRefunded",
  `UPDATE "Payment" SET status = 'refunded', "refundedAt" = $2, "refundId" = $3, "updatedAt" = $2 WHERE id = $1`);
export const markPaymentRefunded = (sql: Sql, paymentId: string, refundId: string, now: Date) => execute(sql, markRefunded, [paymentId, now, refundId]);

// ---- ClinicPaymentSettings

const saveSettings = statement("payments.saveSettings",
  `INSERT INTO "ClinicPaymentSettings" (id, "clinicId", provider, "accessTokenEncrypted", "webhookSecretEncrypted", "createdAt", "updatedAt")
   VALUES ($1, $2, 'mercadopago', $3, $4, $5, $5)
   ON CONFLICT ("clinicId") DO UPDATE SET "accessTokenEncrypted" = EXCLUDED."accessTokenEncrypted",
     "webhookSecretEncrypted" = EXCLUDED."webhookSecretEncrypted", "updatedAt" = EXCLUDED."updatedAt"`);
export const upsertPaymentSettings = (sql: Sql, input: { id: string; clinicId: string; accessTokenSealed: string; webhookSecretSealed: string; now: Date }) =>
  execute(sql, saveSettings, [input.id, input.clinicId, input.accessTokenSealed, input.webhookSecretSealed, input.now]);

const settingsSecrets = statement<PaymentSettingsSecretsRow>("payments.findSettingsSecrets",
  `SELECT "accessTokenEncrypted", "webhookSecretEncrypted" FROM "ClinicPaymentSettings" WHERE "clinicId" = $1`);
export const findPaymentSettingsSecrets = (sql: Sql, clinicId: string) => firstRow(sql, settingsSecrets, [clinicId]);

const settingsUpdatedAt = statement<{ updatedAt: Date }>("payments.findSettingsUpdatedAt",
  `SELECT "updatedAt" FROM "ClinicPaymentSettings" WHERE "clinicId" = $1`);
export const findPaymentSettingsUpdatedAt = async (sql: Sql, clinicId: string) => (await firstRow(sql, settingsUpdatedAt, [clinicId]))?.updatedAt;

// ---- Appointment, as payments see it

const CONTEXT = `SELECT a.id AS "appointmentId", a.status AS "appointmentStatus", a."cancelReason", a."holdExpiresAt", a."startsAt", a."endsAt",
     a."professionalId", a."procedureId", pr.name AS "professionalName", proc.name AS "procedureName", p.phone,
     c."timeZone", c."reminder24h", c."reminder2h"
   FROM "Appointment" a
   JOIN "Patient" p ON p.id = a."patientId"
   JOIN "Clinic" c ON c.id = a."clinicId"
   JOIN "Professional" pr ON pr.id = a."professionalId"
   JOIN "Procedure" proc ON proc.id = a."procedureId"
   WHERE a.id = $1`;
const contextStatement = statement<PaymentContextRow>("payments.findContext", CONTEXT);
const contextForUpdate = statement<PaymentContextRow>("payments.findContextForUpdate", `${CONTEXT} FOR UPDATE OF a`);
/** Who and what the payment's appointment is about; `lock` holds the appointment row. */
export const findPaymentContext = (sql: Sql, appointmentId: string, lock: boolean) =>
  firstRow(sql, lock ? contextForUpdate : contextStatement, [appointmentId]);

const heldForPix = statement<HeldForPixRow>("payments.lockHeldForPix",
  `SELECT a.id, a.status, a."holdExpiresAt", a."patientId", p.phone, p.cpf, c.email AS "clinicEmail",
     proc.name AS "procedureName", proc."priceCents", proc."paymentHoldMinutes"
   FROM "Appointment" a JOIN "Patient" p ON p.id = a."patientId" JOIN "Clinic" c ON c.id = a."clinicId"
   JOIN "Procedure" proc ON proc.id = a."procedureId"
   WHERE a.id = $1 AND a."clinicId" = $2 FOR UPDATE OF a`);
export const lockAppointmentForPix = (sql: Sql, appointmentId: string, clinicId: string) => firstRow(sql, heldForPix, [appointmentId, clinicId]);

const stretchHold = statement("payments.stretchHold",
  `UPDATE "Appointment" SET "holdExpiresAt" = $2, "updatedAt" = $3 WHERE id = $1 AND status = 'held'`);
/** The hold lasts as long as the Pix. */
export const stretchHoldToPix = (sql: Sql, appointmentId: string, expiresAt: Date, now: Date) => execute(sql, stretchHold, [appointmentId, expiresAt, now]);

const expireUnpaidHold = statement<{ id: string }>("payments.expireUnpaidHold",
  // Still held, or already swept as a stale hold (the sweeper does not tell anyone).
  `UPDATE "Appointment" SET status = 'expired', "updatedAt" = $2
   WHERE id = $1 AND ((status = 'held' AND "holdExpiresAt" <= $2) OR (status = 'expired' AND "cancelReason" IS NULL)) RETURNING id`);
/** True when this call freed the time (nobody had told the patient yet). */
export const expireUnpaidHoldOf = async (sql: Sql, appointmentId: string, now: Date) =>
  (await firstRow(sql, expireUnpaidHold, [appointmentId, now])) !== undefined;

const abandonHold = statement<FreedTimeRow>("payments.abandonHold",
  `UPDATE "Appointment" SET status = 'expired', "cancelReason" = 'payment_abandoned', "updatedAt" = $3
   WHERE id = $1 AND "clinicId" = $2 AND status = 'held'
   RETURNING "clinicId", "professionalId", "procedureId", "startsAt", "endsAt"`);
/** The patient gave up paying: the time is freed at once. */
export const abandonPaymentHold = (sql: Sql, appointmentId: string, clinicId: string, now: Date) => firstRow(sql, abandonHold, [appointmentId, clinicId, now]);
