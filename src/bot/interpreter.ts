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
import { insertConsentRecord, saveChatPatientName, upsertChatPatientConsent } from "./effects/effect-statements.js";
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
  const patientId = await upsertChatPatientConsent(sql, {
    id: randomUUID(), clinicId: scope.clinicId, phone: scope.chatKey, whatsappLid: scope.senderLid ?? null,
    grantedAt: granted ? scope.now : null, version: granted ? textVersion : null, now: scope.now,
  });
  await insertConsentRecord(sql, { id: randomUUID(), clinicId: scope.clinicId, patientId, textVersion, granted, now: scope.now });
}

async function savePatientName(sql: Sql, scope: TurnScope, name: string): Promise<void> {
  if (!(await saveChatPatientName(sql, scope.clinicId, scope.chatKey, name, scope.now))) throw new AppError("consent_required", "name offered before consent");
}
