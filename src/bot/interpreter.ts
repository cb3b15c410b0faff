// Performs a flow's effects inside the turn's transaction: what the flow
// asked for is written together with the new state and the outbox, or not
// at all.
import { randomUUID } from "node:crypto";
import { queueText } from "./chat-writes.js";
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";
import { AppError } from "../errors.js";
import type { Effect, FlowEvent } from "../flows/types.js";
import { interpretPrivacyEffect, isPrivacyEffect } from "./effects/privacy.js";
import { interpretSchedulingEffect, isSchedulingEffect } from "./effects/scheduling.js";
import { interpretRecordsEffect, isRecordsEffect } from "./effects/records.js";
import { interpretPaymentEffect, isPaymentEffect } from "./effects/payments.js";
import type { PaymentsDeps } from "../payments/deps.js";
import type { RecordsDeps } from "../records/deps.js";

/** What effects may use besides the transaction. */
export interface EffectServices {
  enqueueJob(sql: Sql, name: string, data: Record<string, unknown>, singletonKey?: string): Promise<unknown>;
  /** Dictation, records and documents (src/records/, src/documents/issue-*.ts). */
  records?: RecordsDeps;
  /** Pix prepayment (src/payments/). */
  payments?: PaymentsDeps;
}

export interface TurnScope {
  cipher: Cipher;
  services?: EffectServices;
  clinicId: string;
  chatKey: string;
  inboxMessageId: string;
  senderLid?: string | null;
  now: Date;
}

export interface ConversationPatch {
  handoffUntil?: Date | null;
}

export interface EffectsOutcome {
  patch: ConversationPatch;
  /** Outcomes the flow must see, in the same turn. */
  events: FlowEvent[];
}

export async function interpretEffects(sql: Sql, effects: Effect[], scope: TurnScope): Promise<EffectsOutcome> {
  const patch: ConversationPatch = {};
  const events: FlowEvent[] = [];
  for (const effect of effects) {
    if (isPrivacyEffect(effect)) {
      events.push(await interpretPrivacyEffect(sql, effect, scope));
      continue;
    }
    if (isSchedulingEffect(effect)) {
      const event = await interpretSchedulingEffect(sql, effect, scope);
      if (event) events.push(event);
      continue;
    }
    if (isPaymentEffect(effect)) {
      const event = await interpretPaymentEffect(sql, effect, scope);
      if (event) events.push(event);
      continue;
    }
    if (isRecordsEffect(effect)) {
      await interpretRecordsEffect(sql, effect, scope);
      continue;
    }
    switch (effect.kind) {
      case "reply":
        await queueText(sql, scope.cipher, scope, effect.text, scope.now);
        break;
      case "recordConsent":
        await recordConsent(sql, scope, effect.granted, effect.textVersion);
        break;
      case "savePatientName":
        await savePatientName(sql, scope, effect.name);
        break;
      case "handoff":
        patch.handoffUntil = new Date(scope.now.getTime() + effect.minutes * 60_000);
        break;
      case "enqueueJob":
        if (!scope.services) throw new Error("no job queue to enqueue into");
        await scope.services.enqueueJob(sql, effect.name, effect.data, effect.singletonKey);
        break;
    }
  }
  return { patch, events };
}

async function recordConsent(sql: Sql, scope: TurnScope, granted: boolean, textVersion: string): Promise<void> {
  const grantedAt = granted ? scope.now : null;
  const version = granted ? textVersion : null;
  const [patient] = await sql.query<{ id: string }>(
    `INSERT INTO "Patient" (id, "clinicId", phone, "whatsappLid", "consentGrantedAt", "consentVersion", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
     ON CONFLICT ("clinicId", phone) DO UPDATE
       SET "consentGrantedAt" = EXCLUDED."consentGrantedAt", "consentVersion" = EXCLUDED."consentVersion", "updatedAt" = EXCLUDED."updatedAt"
     RETURNING id`,
    [randomUUID(), scope.clinicId, scope.chatKey, scope.senderLid ?? null, grantedAt, version, scope.now],
  );
  await sql.query(
    `INSERT INTO "ConsentRecord" (id, "clinicId", "patientId", purpose, "textVersion", granted, channel, "recordedAt")
     VALUES ($1, $2, $3, 'atendimento', $4, $5, 'whatsapp', $6)`,
    [randomUUID(), scope.clinicId, patient!.id, textVersion, granted, scope.now],
  );
}

async function savePatientName(sql: Sql, scope: TurnScope, name: string): Promise<void> {
  // The flow never asks before consent; the WHERE clause makes the rule hold even if it did.
  const updated = await sql.query(
    `UPDATE "Patient" SET name = $3, "updatedAt" = $4
     WHERE "clinicId" = $1 AND phone = $2 AND "consentGrantedAt" IS NOT NULL RETURNING id`,
    [scope.clinicId, scope.chatKey, name, scope.now],
  );
  if (updated.length === 0) throw new AppError("consent_required", "name offered before consent");
}
