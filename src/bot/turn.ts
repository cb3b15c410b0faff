// One turn of one conversation: load what the flow must read, step the flow,
// interpret its effects. Runs inside the transaction that holds the
// conversation's row lock.
import type { Sql } from "../db/database.js";
import { doctorStep, DOCTOR_FLOW_VERSION, initialDoctorState, type DoctorState } from "../flows/doctor/step.js";
import { patientStep, type PatientContext } from "../flows/patient/step.js";
import { initialPatientState, PATIENT_FLOW_VERSION, type PatientState } from "../flows/patient/state.js";
import type { BaseContext, Effect, FlowInput, InputKind } from "../flows/types.js";
import { interpretEffects, type ConversationPatch, type EffectServices } from "./interpreter.js";

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
  services?: EffectServices;
}

export interface TurnOutcome {
  audience: "patient" | "doctor";
  state: unknown;
  flowVersion: number;
  patch: ConversationPatch;
  effects: Effect[];
}

interface TurnFacts {
  clinicName: string;
  timeZone: string;
  professional: { id: string; name: string } | null;
  patient: { id: string; name: string | null; consentGrantedAt: string | null } | null;
}

/** Everything a turn reads, in one round trip. */
async function loadFacts(sql: Sql, clinicId: string, senderPhone: string, chatKey: string): Promise<TurnFacts> {
  const [facts] = await sql.query<TurnFacts>(
    `SELECT c.name AS "clinicName", c."timeZone",
       (SELECT row_to_json(p) FROM (SELECT id, name FROM "Professional"
          WHERE "clinicId" = c.id AND phone = $2 AND active LIMIT 1) p) AS professional,
       (SELECT row_to_json(x) FROM (SELECT id, name, "consentGrantedAt" FROM "Patient"
          WHERE "clinicId" = c.id AND phone = $3) x) AS patient
     FROM "Clinic" c WHERE c.id = $1`,
    [clinicId, senderPhone, chatKey],
  );
  if (!facts) throw new Error(`clinic ${clinicId} not found`);
  return facts;
}

export async function runTurn(
  sql: Sql, conversation: ConversationRow, message: InboxRow, now: Date, settings: TurnSettings,
): Promise<TurnOutcome> {
  const facts = await loadFacts(sql, conversation.clinicId, message.senderPhone, conversation.chatKey);
  const base: BaseContext = {
    now,
    clinic: { name: facts.clinicName, timeZone: facts.timeZone },
    lastInboundAt: conversation.lastInboundAt ?? undefined,
    idleMinutes: settings.idleMinutes,
    handoffMinutes: settings.handoffMinutes,
  };
  const input = await toFlowInput(sql, message);
  const scope = { services: settings.services, clinicId: conversation.clinicId, chatKey: conversation.chatKey, inboxMessageId: message.id, senderLid: message.senderLid, now };
  if (facts.professional) {
    const state = resume<DoctorState>(conversation, "doctor", DOCTOR_FLOW_VERSION, initialDoctorState);
    const result = doctorStep(state, input, { ...base, professional: { name: facts.professional.name } });
    const patch = await interpretEffects(sql, result.effects, scope);
    return { audience: "doctor", state: result.state, flowVersion: DOCTOR_FLOW_VERSION, patch, effects: result.effects };
  }
  if (conversation.handoffUntil && conversation.handoffUntil > now) {
    // A person from the clinic is answering this chat: the bot stays silent.
    return { audience: "patient", state: conversation.state, flowVersion: conversation.flowVersion, patch: {}, effects: [] };
  }
  const ctx: PatientContext = {
    ...base,
    patient: facts.patient ? { name: facts.patient.name ?? undefined, consentGranted: facts.patient.consentGrantedAt !== null } : null,
  };
  const state = resume<PatientState>(conversation, "patient", PATIENT_FLOW_VERSION, initialPatientState);
  const result = patientStep(state, input, ctx);
  const patch = await interpretEffects(sql, result.effects, scope);
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

async function toFlowInput(sql: Sql, message: InboxRow): Promise<FlowInput> {
  const input: FlowInput = { kind: message.kind as InputKind, text: message.text ?? undefined };
  if (message.mediaId) {
    const [media] = await sql.query<{ mimetype: string }>(`SELECT mimetype FROM "Media" WHERE id = $1`, [message.mediaId]);
    if (media) Object.assign(input, { mediaId: message.mediaId, mimetype: media.mimetype });
  }
  return input;
}
