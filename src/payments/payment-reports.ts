// Reads for the admin API: payments with their status, and the daily totals
// the financial report is built on (approved minus refunded, per local day).
import type { Sql } from "../db/database.js";
import { listClinicPayments, paymentDailyTotals } from "./payment-statements.js";

export interface PaymentFilter {
  clinicId: string;
  timeZone: string;
  from?: string;
  to?: string;
  status?: string;
  appointmentId?: string;
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

export async function listPayments(sql: Sql, filter: PaymentFilter) {
  const rows = await listClinicPayments(sql, {
    clinicId: filter.clinicId, timeZone: filter.timeZone, from: filter.from ?? null, to: filter.to ?? null,
    status: filter.status ?? null, appointmentId: filter.appointmentId ?? null,
  });
  return rows.map((r) => ({
    ...r, expiresAt: r.expiresAt.toISOString(), approvedAt: iso(r.approvedAt), refundRequestedAt: iso(r.refundRequestedAt),
    refundedAt: iso(r.refundedAt), createdAt: r.createdAt.toISOString(),
  }));
}

export async function dailyTotals(sql: Sql, filter: PaymentFilter & { from: string; to: string }) {
  const rows = await paymentDailyTotals(sql, filter.clinicId, filter.timeZone, filter.from, filter.to);
  const days = rows.map((r) => {
    const approvedCents = Number(r.approvedCents);
    const refundedCents = Number(r.refundedCents);
    return { date: r.date, approvedCents, refundedCents, netCents: approvedCents - refundedCents, count: Number(r.count) };
  });
  const sum = (key: "approvedCents" | "refundedCents" | "netCents" | "count") => days.reduce((total, day) => total + day[key], 0);
  return { timeZone: filter.timeZone, days, total: { approvedCents: sum("approvedCents"), refundedCents: sum("refundedCents"), netCents: sum("netCents"), count: sum("count") } };
}
