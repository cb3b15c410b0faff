// One turn of one conversation: load what the flow must read, step the flow,
// interpret its effects. Runs inside the transaction that holds the
// conversation's row lock.
import { chatEvents, type ChatEvents, type ChatRef } from "../chat-events/raise.js";
import { EVENT_KIND, type ChatEvent } from "../chat-events/types.js";
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";
import { doctorStep, DOCTOR_FLOW_VERSION, initialDoctorState, type DoctorContext, type DoctorState } from "../flows/doctor/step.js";
import { patientStep, type PatientContext } from "../flows/patient/step.js";
import { asTyped } from "../flows/patient/voice.js";
import { isEmergency } from "../flows/patient/safety.js";
import { initialPatientState, PATIENT_FLOW_VERSION, type PatientState } from "../flows/patient/state.js";
import type { BaseContext, Effect, FlowInput, InputKind, StepResult } from "../flows/types.js";
import { loadDoctorTurn } from "./doctor-facts.js";
import { patientDocumentFacts } from "./patient-documents.js";
import { clinicInfoFacts, type ClinicInfoCache } from "./clinic-info-facts.js";
import { findMediaType, findOpenOffer } from "./turn-statements.js";
import { interpretEffects, type ConversationPatch, type EffectServices, type TurnScope } from "./interpreter.js";
import type { DependantView } from "../flows/patient/context.js";
import type { SchedulingView } from "../flows/patient/scheduling-view.js";

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
  /** An event's payload (kind "event"), opened; null for a person's message. */
  payload?: string | null;
  attempts: number;
}

/** Everything a turn reads about its clinic and its person, read with the lock (turn-writes.ts). */
export interface TurnFacts extends Omit<SchedulingView, "cancellationNoticeHours"> {
  clinicName: string;
  timeZone: string;
  cancellationNoticeHours: number;
  /** Moves when the clinic's information changes (migration clinic_info_revision): the key of its cached copy. */
  infoRevision: number;
  professional: { id: string; name: string } | null;
  patient: { id: string; name: string | null; birthDate: string | null; consentGrantedAt: string | null; consentWithdrawn: boolean | null } | null;
  dependants: DependantView[];
}

export interface TurnSettings {
  /** Seals what the turn writes (chat texts, state, media) and opens what it reads. */
  cipher: Cipher;
  idleMinutes: number;
  handoffMinutes: number;
  services?: EffectServices;
  /** The turn shares its transaction with other chats' turns (engine.ts). */
  batched?: boolean;
  /** The clinics' information kept between turns; read afresh each turn when not given. */
  clinicInfo?: ClinicInfoCache;
  /** Raises the events a turn's effects start in other chats; over `cipher` when not given. */
  events?: ChatEvents;
}

export interface TurnOutcome {
  audience: "patient" | "doctor";
  state: unknown;
  flowVersion: number;
  patch: ConversationPatch;
  effects: Effect[];
  /** Chats this turn raised events for, to be drained once it commits. */
  raised?: ChatRef[];
}

/** A turn: the facts were read with the conversation's lock (turn-writes.ts). */
export async function runTurn(
  sql: Sql, conversation: ConversationRow, message: InboxRow, facts: TurnFacts, now: Date, settings: TurnSettings,
): Promise<TurnOutcome> {
  const base: BaseContext = {
    now,
    clinic: { name: facts.clinicName, timeZone: facts.timeZone },
    lastInboundAt: conversation.lastInboundAt ?? undefined,
    idleMinutes: settings.idleMinutes,
    handoffMinutes: settings.handoffMinutes,
  };
  const event = message.kind === EVENT_KIND ? (JSON.parse(message.payload ?? "null") as ChatEvent) : undefined;
  const input = event ? { kind: "clinicEvent" as const, clinicEvent: event } : await toFlowInput(sql, message);
  const raised: ChatRef[] = [];
  const scope: TurnScope = {
    cipher: settings.cipher, services: settings.services, events: tracked(settings.events ?? chatEvents(settings.cipher), raised),
    clinicId: conversation.clinicId, chatKey: conversation.chatKey, inboxMessageId: message.id, senderLid: message.senderLid, now,
    batched: settings.batched,
  };
  if (facts.professional) {
    const state = resume<DoctorState>(conversation, "doctor", DOCTOR_FLOW_VERSION, initialDoctorState);
    const result = event
      ? await stepWithEvents(sql, scope, input, state, (s, i) => doctorStep(s, i, doctorEventContext(base, facts.professional!)))
      : await doctorTurn(sql, settings, scope, base, facts.professional, state, input);
    return { audience: "doctor", flowVersion: DOCTOR_FLOW_VERSION, ...result, raised };
  }
  // A heard voice note is the patient's message: the loaders read its text, and a person answering the chat answers it.
  const said = event?.type === "voiceNoteHeard" ? { kind: "text" as const, text: asTyped(event.transcript) } : input;
  if ((!event || event.type === "voiceNoteHeard") && conversation.handoffUntil && conversation.handoffUntil > now && !isEmergency(said.text ?? undefined)) {
    // A person from the clinic is answering this chat: the bot stays silent (what the clinic starts still comes),
    // except to an emergency, which gets SAMU 192 at once.
    return { audience: "patient", state: conversation.state, flowVersion: conversation.flowVersion, patch: {}, effects: [] };
  }
  const ctx: PatientContext = {
    ...base,
    patient: facts.patient
      ? {
        name: facts.patient.name ?? undefined, consentGranted: facts.patient.consentGrantedAt !== null, consentWithdrawn: facts.patient.consentWithdrawn === true,
        birthDate: facts.patient.birthDate, dependants: facts.dependants.map(({ id, name, relationship, birthDate, lastCompletedAt }) => ({ id, name, relationship, birthDate, lastCompletedAt })),
      }
      : null,
    documents: await patientDocumentFacts(sql, conversation.clinicId, conversation.chatKey, conversation.state, said),
    openOffer: await openOfferFor(sql, conversation.clinicId, conversation.chatKey, said, now),
    voice: { transcription: settings.services?.records?.settings.transcriptionConfigured ?? false },
    // A patient's own message (typed or said) may ask about the clinic; what the clinic starts (events) does not.
    clinicInfo: event && event.type !== "voiceNoteHeard" ? undefined : settings.clinicInfo
      ? await settings.clinicInfo.get(sql, conversation.clinicId, facts.infoRevision, facts.timeZone, now)
      : await clinicInfoFacts(sql, conversation.clinicId, now),
    questionMatching: settings.services?.questionMatcher !== undefined,
    scheduling: {
      procedures: facts.procedures,
      professionals: facts.professionals,
      upcoming: facts.upcoming,
      cancellationNoticeHours: facts.cancellationNoticeHours,
      cancellationGraceMinutes: facts.cancellationGraceMinutes,
      lastCompletedAt: facts.lastCompletedAt,
    },
  };
  const state = resume<PatientState>(conversation, "patient", PATIENT_FLOW_VERSION, initialPatientState);
  const result = await stepWithEvents(sql, scope, input, state, (s, i) => patientStep(s, i, ctx));
  // A message from the patient ends a handoff; an event leaves it as it was.
  const patch = event ? result.patch : { handoffUntil: null, ...result.patch };
  return { audience: "patient", flowVersion: PATIENT_FLOW_VERSION, ...result, patch, raised };
}

async function doctorTurn(
  sql: Sql, settings: TurnSettings, scope: TurnScope, base: BaseContext, professional: { id: string; name: string }, state: DoctorState, input: FlowInput,
) {
  const doctor = await loadDoctorTurn(sql, settings.cipher, settings.services, base, professional, state, input);
  return stepWithEvents(sql, scope, doctor.input, state, (s, i) => doctorStep(s, i, doctor.ctx));
}

/** An event needs no agenda, search or open dictation: only who and when. */
function doctorEventContext(base: BaseContext, professional: { id: string; name: string }): DoctorContext {
  return { ...base, professional, today: "", dictation: { configured: false, maxSeconds: 0, maxBytes: 0 } };
}

/** Remembers the chats events were raised for, so the engine drains them once the turn commits. */
function tracked(events: ChatEvents, raised: ChatRef[]): ChatEvents {
  return {
    toPatient: async (sql, chat, event, cause, now) => {
      const ok = await events.toPatient(sql, chat, event, cause, now);
      if (ok) raised.push(chat);
      return ok;
    },
    toDoctor: async (sql, chat, event, cause, now) => {
      await events.toDoctor(sql, chat, event, cause, now);
      raised.push(chat);
    },
  };
}

// An effect's outcome (a slot held, a booking refused) goes back into the
// flow as an event, in the same turn and transaction; a few rounds at most.
const MAX_EVENT_ROUNDS = 4;

async function stepWithEvents<S>(
  sql: Sql, scope: TurnScope, input: FlowInput, state: S, step: (state: S, input: FlowInput) => StepResult<S>,
): Promise<{ state: S; effects: Effect[]; patch: ConversationPatch }> {
  let result = step(state, input);
  const effects = [...result.effects];
  let outcome = await interpretEffects(sql, result.effects, scope);
  const patch: ConversationPatch = { ...outcome.patch };
  for (let round = 0; round < MAX_EVENT_ROUNDS && outcome.events.length > 0; round++) {
    const events = outcome.events;
    outcome = { patch: {}, events: [] };
    for (const event of events) {
      result = step(result.state, { kind: "event", event });
      effects.push(...result.effects);
      const next = await interpretEffects(sql, result.effects, scope);
      Object.assign(patch, next.patch);
      outcome.events.push(...next.events);
    }
  }
  return { state: result.state, effects, patch };
}

/** A state saved by another flow or an older flow version starts over. */
function resume<S>(conversation: ConversationRow, audience: string, version: number, initial: S): S {
  const stored = conversation.state as { type?: unknown } | null;
  if (conversation.audience !== audience || conversation.flowVersion !== version || typeof stored?.type !== "string") {
    return initial;
  }
  return stored as S;
}

/** Read only when the patient may be taking a waitlist offer made in the middle of something else. */
async function openOfferFor(sql: Sql, clinicId: string, chatKey: string, input: FlowInput, now: Date) {
  if (input.kind !== "text" || !input.text?.toLowerCase().includes("vaga")) return undefined;
  return findOpenOffer(sql, clinicId, chatKey, now);
}

async function toFlowInput(sql: Sql, message: InboxRow): Promise<FlowInput> {
  const input: FlowInput = { kind: message.kind as InputKind, text: message.text ?? undefined };
  if (message.mediaId) {
    const media = await findMediaType(sql, message.mediaId);
    if (media) Object.assign(input, { mediaId: message.mediaId, mimetype: media.mimetype });
  }
  return input;
}
