// Reads for the admin API: payments with their status, and the daily totals
// the financial report is built on (approved minus refunded, per local day).
import type { Sql } from "../db/database.js";

export interface PaymentFilter {
  clinicId: string;
  timeZone: string;
  from?: string;
  to?: string;
  status?: string;
  appointmentId?: string;
}

interface PaymentListRow {
  id: string; appointmentId: string; provider: string; providerPaymentId: string | null; status: string; statusDetail: string | null;
  amountCents: number; expiresAt: Date; approvedAt: Date | null; refundRequestedAt: Date | null; refundedAt: Date | null; refundId: string | null; createdAt: Date;
}

const iso = (at: Date | null) => at?.toISOString() ?? null;
// Stored instants are UTC; this is their date on the clinic's wall calendar.
const localDay = (column: string) => `(("${column}" AT TIME ZONE 'UTC') AT TIME ZONE $2)::date`;

export async function listPayments(sql: Sql, filter: PaymentFilter) {
  const rows = await sql.query<PaymentListRow>(
    `SELECT id, "appointmentId", provider, "providerPaymentId", status, "statusDetail", "amountCents", "expiresAt", "approvedAt",
       "refundRequestedAt", "refundedAt", "refundId", "createdAt"
     FROM "Payment"
     WHERE "clinicId" = $1
       AND ($3::date IS NULL OR ${localDay("createdAt")} >= $3::date)
       AND ($4::date IS NULL OR ${localDay("createdAt")} <= $4::date)
       AND ($5::text IS NULL OR status = $5) AND ($6::text IS NULL OR "appointmentId" = $6)
     ORDER BY "createdAt" DESC, id LIMIT 1000`,
    [filter.clinicId, filter.timeZone, filter.from ?? null, filter.to ?? null, filter.status ?? null, filter.appointmentId ?? null]);
  return rows.map((r) => ({
    ...r, expiresAt: r.expiresAt.toISOString(), approvedAt: iso(r.approvedAt), refundRequestedAt: iso(r.refundRequestedAt),
    refundedAt: iso(r.refundedAt), createdAt: r.createdAt.toISOString(),
  }));
}

export async function dailyTotals(sql: Sql, filter: PaymentFilter & { from: string; to: string }) {
  const rows = await sql.query<{ date: string; approvedCents: string; refundedCents: string; count: string }>(
    `WITH moves AS (
       SELECT ${localDay("approvedAt")} AS day, "amountCents" AS approved, 0 AS refunded, 1 AS paid
       FROM "Payment" WHERE "clinicId" = $1 AND "approvedAt" IS NOT NULL
       UNION ALL
       SELECT ${localDay("refundedAt")}, 0, "amountCents", 0
       FROM "Payment" WHERE "clinicId" = $1 AND "refundedAt" IS NOT NULL)
     SELECT to_char(day, 'YYYY-MM-DD') AS date, sum(approved)::text AS "approvedCents", sum(refunded)::text AS "refundedCents", sum(paid)::text AS count
     FROM moves WHERE day BETWEEN $3::date AND $4::date GROUP BY day ORDER BY day`,
    [filter.clinicId, filter.timeZone, filter.from, filter.to]);
  const days = rows.map((r) => {
    const approvedCents = Number(r.approvedCents);
    const refundedCents = Number(r.refundedCents);
    return { date: r.date, approvedCents, refundedCents, netCents: approvedCents - refundedCents, count: Number(r.count) };
  });
  const sum = (key: "approvedCents" | "refundedCents" | "netCents" | "count") => days.reduce((total, day) => total + day[key], 0);
  return { timeZone: filter.timeZone, days, total: { approvedCents: sum("approvedCents"), refundedCents: sum("refundedCents"), netCents: sum("netCents"), count: sum("count") } };
}
