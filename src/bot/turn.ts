// One turn of one conversation: load what the flow must read, step the flow,
// interpret its effects. Runs inside the transaction that holds the
// conversation's row lock.
import type { Tx } from "../db/tx.js";
import { doctorStep, DOCTOR_FLOW_VERSION, initialDoctorState, type DoctorState } from "../flows/doctor/step.js";
import { patientStep, type PatientContext } from "../flows/patient/step.js";
import { initialPatientState, PATIENT_FLOW_VERSION, type PatientState } from "../flows/patient/state.js";
import type { BaseContext, Effect, FlowInput, InputKind } from "../flows/types.js";
import { interpretEffects, type ConversationPatch } from "./interpreter.js";

export interface ConversationRow {
  id: string;
  clinicId: string;
  chatKey: string;
  audience: string;
  state: unknown;
  flowVersion: number;
  lastInboundAt: Date | null;
  handoffUntil: Date | null;
}

export interface InboxRow {
  id: string;
  clinicId: string;
  chatKey: string;
  senderPhone: string;
  senderLid: string | null;
  kind: string;
  text: string | null;
  mediaId: string | null;
  attempts: number;
}

export interface TurnSettings {
  idleMinutes: number;
  handoffMinutes: number;
}

export interface TurnOutcome {
  audience: "patient" | "doctor";
  state: unknown;
  flowVersion: number;
  patch: ConversationPatch;
  effects: Effect[];
}

export async function runTurn(
  tx: Tx, conversation: ConversationRow, message: InboxRow, now: Date, settings: TurnSettings,
): Promise<TurnOutcome> {
  const clinic = await tx.clinic.findUniqueOrThrow({ where: { id: conversation.clinicId } });
  const base: BaseContext = {
    now,
    clinic: { name: clinic.name, timeZone: clinic.timeZone },
    lastInboundAt: conversation.lastInboundAt ?? undefined,
    idleMinutes: settings.idleMinutes,
    handoffMinutes: settings.handoffMinutes,
  };
  const input = await toFlowInput(tx, message);
  const scope = { clinicId: clinic.id, chatKey: conversation.chatKey, inboxMessageId: message.id, senderLid: message.senderLid, now };
  const professional = await tx.professional.findFirst({
    where: { clinicId: clinic.id, phone: message.senderPhone, active: true },
  });
  if (professional) {
    const state = resume<DoctorState>(conversation, "doctor", DOCTOR_FLOW_VERSION, initialDoctorState);
    const result = doctorStep(state, input, { ...base, professional: { name: professional.name } });
    const patch = await interpretEffects(tx, result.effects, scope);
    return { audience: "doctor", state: result.state, flowVersion: DOCTOR_FLOW_VERSION, patch, effects: result.effects };
  }
  if (conversation.handoffUntil && conversation.handoffUntil > now) {
    // A person from the clinic is answering this chat: the bot stays silent.
    return { audience: "patient", state: conversation.state, flowVersion: conversation.flowVersion, patch: {}, effects: [] };
  }
  const patient = await tx.patient.findUnique({ where: { clinicId_phone: { clinicId: clinic.id, phone: conversation.chatKey } } });
  const ctx: PatientContext = {
    ...base,
    patient: patient ? { name: patient.name ?? undefined, consentGranted: patient.consentGrantedAt !== null } : null,
  };
  const state = resume<PatientState>(conversation, "patient", PATIENT_FLOW_VERSION, initialPatientState);
  const result = patientStep(state, input, ctx);
  const patch = await interpretEffects(tx, result.effects, scope);
  return { audience: "patient", state: result.state, flowVersion: PATIENT_FLOW_VERSION, patch: { handoffUntil: null, ...patch }, effects: result.effects };
}

/** A state saved by another flow or an older flow version starts over. */
function resume<S>(conversation: ConversationRow, audience: string, version: number, initial: S): S {
  const stored = conversation.state as { type?: unknown } | null;
  if (conversation.audience !== audience || conversation.flowVersion !== version || typeof stored?.type !== "string") {
    return initial;
  }
  return stored as S;
}

async function toFlowInput(tx: Tx, message: InboxRow): Promise<FlowInput> {
  const input: FlowInput = { kind: message.kind as InputKind, text: message.text ?? undefined };
  if (message.mediaId) {
    const media = await tx.media.findUnique({ where: { id: message.mediaId }, select: { id: true, mimetype: true } });
    if (media) Object.assign(input, { mediaId: media.id, mimetype: media.mimetype });
  }
  return input;
}
