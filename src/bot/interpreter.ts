// Performs a flow's effects inside the turn's transaction: what the flow
// asked for is written together with the new state and the outbox, or not
// at all.
import { randomUUID } from "node:crypto";
import { AppError } from "../errors.js";
import type { Effect } from "../flows/types.js";
import type { Tx } from "../db/tx.js";

export interface TurnScope {
  clinicId: string;
  chatKey: string;
  inboxMessageId: string;
  senderLid?: string | null;
  now: Date;
}

export interface ConversationPatch {
  handoffUntil?: Date | null;
}

export async function interpretEffects(tx: Tx, effects: Effect[], scope: TurnScope): Promise<ConversationPatch> {
  const patch: ConversationPatch = {};
  const replies: string[] = [];
  for (const effect of effects) {
    switch (effect.kind) {
      case "reply":
        replies.push(effect.text);
        break;
      case "recordConsent":
        await recordConsent(tx, scope, effect.granted, effect.textVersion);
        break;
      case "savePatientName":
        await savePatientName(tx, scope, effect.name);
        break;
      case "handoff":
        patch.handoffUntil = new Date(scope.now.getTime() + effect.minutes * 60_000);
        break;
    }
  }
  await enqueueReplies(tx, scope, replies);
  return patch;
}

async function enqueueReplies(tx: Tx, scope: TurnScope, texts: string[]): Promise<void> {
  // One at a time, so the shared sequence numbers follow the order of the replies.
  for (const text of texts) {
    await tx.outboxMessage.create({
      data: {
        id: randomUUID(),
        clinicId: scope.clinicId,
        chatKey: scope.chatKey,
        inboxMessageId: scope.inboxMessageId,
        kind: "text",
        text,
        nextAttemptAt: scope.now,
        createdAt: scope.now,
      },
    });
  }
}

async function recordConsent(tx: Tx, scope: TurnScope, granted: boolean, textVersion: string): Promise<void> {
  const patient = await tx.patient.upsert({
    where: { clinicId_phone: { clinicId: scope.clinicId, phone: scope.chatKey } },
    create: {
      clinicId: scope.clinicId,
      phone: scope.chatKey,
      whatsappLid: scope.senderLid ?? null,
      consentGrantedAt: granted ? scope.now : null,
      consentVersion: granted ? textVersion : null,
    },
    update: { consentGrantedAt: granted ? scope.now : null, consentVersion: granted ? textVersion : null },
  });
  await tx.consentRecord.create({
    data: {
      clinicId: scope.clinicId,
      patientId: patient.id,
      purpose: "atendimento",
      textVersion,
      granted,
      channel: "whatsapp",
      recordedAt: scope.now,
    },
  });
}

async function savePatientName(tx: Tx, scope: TurnScope, name: string): Promise<void> {
  const patient = await tx.patient.findUnique({
    where: { clinicId_phone: { clinicId: scope.clinicId, phone: scope.chatKey } },
  });
  // The flow never asks before consent; this guard makes the rule hold even if it did.
  if (!patient?.consentGrantedAt) throw new AppError("consent_required", "name offered before consent");
  await tx.patient.update({ where: { id: patient.id }, data: { name } });
}
