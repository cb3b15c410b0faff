// What flows receive and what they ask the runtime to do. Flows are pure:
// everything they need to read comes in `ctx`, everything they change goes
// out as effects (data), performed by the interpreter in one transaction.

export type InputKind =
  | "text" | "audio" | "document" | "image" | "video" | "sticker" | "location" | "reaction" | "other";

export interface FlowInput {
  kind: InputKind;
  text?: string;
  /** Stored media of this message (audio, document, image), when there is one. */
  mediaId?: string;
  mimetype?: string;
  durationSeconds?: number;
}

export type Effect =
  | { kind: "reply"; text: string }
  | { kind: "recordConsent"; granted: boolean; textVersion: string }
  | { kind: "savePatientName"; name: string }
  | { kind: "handoff"; minutes: number }
  /** A durable background job, enqueued in the turn's transaction. */
  | { kind: "enqueueJob"; name: string; data: Record<string, unknown>; singletonKey?: string };

export interface StepResult<S> {
  state: S;
  effects: Effect[];
}

export interface ClinicView {
  name: string;
  timeZone: string;
}

export interface BaseContext {
  now: Date;
  clinic: ClinicView;
  /** When this chat last wrote before the current message; absent on first contact. */
  lastInboundAt?: Date;
  idleMinutes: number;
  handoffMinutes: number;
}

export const reply = (text: string): Effect => ({ kind: "reply", text });
