// Pix payments: a clinic's Mercado Pago credentials (write-only), payments
// per clinic and per appointment, and daily totals for the financial report.
import type { Router } from "express";
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { paymentsConfiguredAt, saveCredentials } from "../../payments/credentials.js";
import type { PaymentsDeps } from "../../payments/deps.js";
import { dailyTotals, listPayments } from "../../payments/payment-reports.js";
import type { ApiDefinition } from "../registry.js";
import { idParams, localDate } from "../schemas.js";
import { findClinic } from "./clinics.js";

const date = localDate;

const credentialsInput = z.object({
  accessToken: z.string().trim().min(10).max(500),
  webhookSecret: z.string().trim().min(8).max(500),
}).openapi("MercadoPagoCredentials");

const configuredSchema = z.object({ configured: z.boolean(), updatedAt: z.string().nullable().optional() }).openapi("PaymentsConfigured");

export const paymentSchema = z.object({
  id: z.string(), appointmentId: z.string(), provider: z.string(), providerPaymentId: z.string().nullable(),
  status: z.string(), statusDetail: z.string().nullable(), amountCents: z.number().int(),
  expiresAt: z.string(), approvedAt: z.string().nullable(), refundRequestedAt: z.string().nullable(),
  refundedAt: z.string().nullable(), refundId: z.string().nullable(), createdAt: z.string(),
}).openapi("Payment");

const dailyTotalsSchema = z.object({
  timeZone: z.string(),
  days: z.array(z.object({ date: z.string(), approvedCents: z.number().int(), refundedCents: z.number().int(), netCents: z.number().int(), count: z.number().int() })),
  total: z.object({ approvedCents: z.number().int(), refundedCents: z.number().int(), netCents: z.number().int(), count: z.number().int() }),
}).openapi("PaymentDailyTotals");

export function paymentRoutes(api: ApiDefinition, router: Router, deps: { db: Database; clock: Clock; payments?: PaymentsDeps }): void {
  const { db } = deps;
  api.route(router, {
    method: "put", path: "/clinics/:clinicId/payments/mercadopago", summary: "Set the clinic's Mercado Pago access token and webhook secret (stored encrypted, never returned)", tag: "Payments",
    audit: { action: "payments.credentials.set", entityType: "ClinicPaymentSettings" },
    params: idParams, body: credentialsInput, response: configuredSchema,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    if (!deps.payments) throw new AppError("not_configured", "payments are not available in this service");
    await saveCredentials(db.sql, deps.payments.sealer, params.clinicId, body, deps.clock.now());
    return { configured: true };
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/payments/mercadopago", summary: "Whether Mercado Pago is configured (secrets are never returned)", tag: "Payments",
    params: idParams, response: configuredSchema,
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const at = await paymentsConfiguredAt(db.sql, params.clinicId);
    return { configured: at !== undefined, updatedAt: at?.toISOString() ?? null };
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/payments", summary: "Payments of the clinic (by creation day in the clinic's time zone)", tag: "Payments", roles: ["admin", "reception"], healthData: true,
    params: idParams, query: z.object({ from: date.optional(), to: date.optional(), status: z.string().optional() }),
    response: z.object({ payments: z.array(paymentSchema) }),
  }, async ({ params, query, principal }) => {
    const clinic = await findClinic(db, principal, params.clinicId);
    return { payments: await listPayments(db.sql, { clinicId: clinic.id, timeZone: clinic.timeZone, ...query }) };
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/payments/daily-totals", summary: "Approved minus refunded per day, in the clinic's time zone", tag: "Payments", roles: ["admin", "reception"],
    params: idParams, query: z.object({ from: date, to: date }), response: dailyTotalsSchema,
  }, async ({ params, query, principal }) => {
    const clinic = await findClinic(db, principal, params.clinicId);
    if (query.from > query.to) throw new AppError("validation_failed", "from must not be after to", { field: "from" });
    return dailyTotals(db.sql, { clinicId: clinic.id, timeZone: clinic.timeZone, from: query.from, to: query.to });
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/appointments/:appointmentId/payments", summary: "Payments of one appointment", tag: "Payments", roles: ["admin", "reception"], healthData: true,
    params: z.object({ clinicId: z.string(), appointmentId: z.string() }), response: z.object({ payments: z.array(paymentSchema) }),
  }, async ({ params, principal }) => {
    const clinic = await findClinic(db, principal, params.clinicId);
    const appointment = await db.prisma.appointment.findFirst({ where: { id: params.appointmentId, clinicId: clinic.id }, select: { id: true } });
    if (!appointment) throw new AppError("not_found", "appointment not found", { field: "appointmentId" });
    return { payments: await listPayments(db.sql, { clinicId: clinic.id, timeZone: clinic.timeZone, appointmentId: params.appointmentId }) };
  });
}
