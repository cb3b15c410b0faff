// A clinic's Mercado Pago credentials: sealed at rest, never returned by the
// API, opened only to call Mercado Pago or to check a webhook signature.
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import { AppError } from "../errors.js";
import { findPaymentSettingsSecrets, findPaymentSettingsUpdatedAt, upsertPaymentSettings } from "./payment-statements.js";
import type { Sealer } from "./deps.js";

export interface ClinicPaymentSecrets {
  accessToken: string;
  webhookSecret: string;
}

export async function saveCredentials(sql: Sql, sealer: Sealer, clinicId: string, secrets: ClinicPaymentSecrets, now: Date): Promise<void> {
  const [token, secret] = [await sealer.seal(secrets.accessToken), await sealer.seal(secrets.webhookSecret)];
  await upsertPaymentSettings(sql, { id: randomUUID(), clinicId, accessTokenSealed: token, webhookSecretSealed: secret, now });
}

export async function loadCredentials(sql: Sql, sealer: Sealer, clinicId: string): Promise<ClinicPaymentSecrets | undefined> {
  const row = await findPaymentSettingsSecrets(sql, clinicId);
  if (!row) return undefined;
  return { accessToken: await sealer.open(row.accessTokenEncrypted), webhookSecret: await sealer.open(row.webhookSecretEncrypted) };
}

export async function paymentsConfiguredAt(sql: Sql, clinicId: string): Promise<Date | undefined> {
  return findPaymentSettingsUpdatedAt(sql, clinicId);
}

/** Prepayment can only be switched on once the clinic can charge (admin API: 422 payment_unavailable). */
export async function assertPaymentsConfigured(sql: Sql, clinicId: string): Promise<void> {
  if (await paymentsConfiguredAt(sql, clinicId)) return;
  throw new AppError("payment_unavailable",
    `configure Mercado Pago first (PUT /api/v1/clinics/${clinicId}/payments/mercadopago with accessToken and webhookSecret); without it, prepayment cannot be required`,
    { field: "prepaymentRequired" });
}
