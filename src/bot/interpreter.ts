// Performs a flow's effects inside the turn's transaction: what the flow
// asked for is written together with the new state and the outbox, or not
// at all. One handler per effect kind, in one table: a kind without a
// handler does not compile.
import { randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import { AppError } from "../errors.js";
import type { Effect, FlowEvent } from "../flows/types.js";
import { queueMedia, queueText } from "./chat-writes.js";
import { openHandoff } from "./handoffs.js";
import { dependantEffects } from "./effects/dependants.js";
import { paymentEffects } from "./effects/payments.js";
import { privacyEffects } from "./effects/privacy.js";
import { questionEffects } from "./effects/questions.js";
import { recordsEffects } from "./effects/records.js";
import { schedulingEffects } from "./effects/scheduling.js";
import { signatureEffects } from "./effects/signatures.js";
import { voiceEffects } from "./effects/voice.js";
import type { ConversationPatch, EffectHandler, EffectHandlers, EffectKind, TurnScope } from "./effects/scope.js";

export type { ConversationPatch, EffectServices, TurnScope } from "./effects/scope.js";

export interface EffectsOutcome {
  patch: ConversationPatch;
  /** Outcomes the flow must see, in the same turn. */
  events: FlowEvent[];
}

const chatEffects: EffectHandlers<"reply" | "sendMedia" | "recordConsent" | "savePatientName" | "handoff" | "enqueueJob"> = {
  reply: (sql, effect, scope) => queueText(sql, scope.cipher, scope, effect.text, scope.now, { choices: effect.choices, template: effect.template }),
  sendMedia: (sql, effect, scope) => queueMedia(sql, scope.cipher, scope,
    { kind: effect.media, mediaId: effect.mediaId, mimetype: effect.mimetype, filename: effect.filename, caption: effect.caption }, scope.now, effect.template),
  recordConsent: (sql, effect, scope) => recordConsent(sql, scope, effect.granted, effect.textVersion),
  savePatientName: (sql, effect, scope) => savePatientName(sql, scope, effect.name),
  handoff: async (sql, effect, scope) => {
    const reception = await openHandoff(sql, scope.cipher, scope, scope.now);
    return effect.wait ? { patch: { handoffUntil: new Date(scope.now.getTime() + effect.minutes * 60_000) } } : { event: { type: "handoffOpened", reception, ...(effect.urgent ? { urgent: true } : {}) } };
  },
  enqueueJob: async (sql, effect, scope) => {
    if (!scope.services) throw new Error("no job queue to enqueue into");
    await scope.services.enqueueJob(sql, effect.name, effect.data, effect.singletonKey);
  },
};

const handlers: EffectHandlers<EffectKind> = {
  ...chatEffects, ...schedulingEffects, ...paymentEffects, ...privacyEffects, ...questionEffects, ...recordsEffects, ...signatureEffects, ...voiceEffects,
  ...dependantEffects,
};

export async function interpretEffects(sql: Sql, effects: Effect[], scope: TurnScope): Promise<EffectsOutcome> {
  const patch: ConversationPatch = {};
  const events: FlowEvent[] = [];
  for (const effect of effects) {
    const result = await (handlers[effect.kind] as EffectHandler<typeof effect.kind>)(sql, effect, scope);
    if (result?.event) events.push(result.event);
    if (result?.patch) Object.assign(patch, result.patch);
  }
  return { patch, events };
}

async function recordConsent(sql: Sql, scope: TurnScope, granted: boolean, textVersion: string): Promise<void> {
  const grantedAt = granted ? scope.now : null;
  const version = granted ? textVersion : null;
  const [patient] = await sql.query<{ id: string }>(
    `INSERT INTO "Patient" (id, "clinicId", phone, "whatsappLid", "consentGrantedAt", "consentVersion", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
     ON CONFLICT ("clinicId", phone) WHERE "guardianPatientId" IS NULL DO UPDATE
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
     WHERE "clinicId" = $1 AND phone = $2 AND "guardianPatientId" IS NULL AND "consentGrantedAt" IS NOT NULL RETURNING id`,
    [scope.clinicId, scope.chatKey, name, scope.now],
  );
  if (updated.length === 0) throw new AppError("consent_required", "name offered before consent");
}
