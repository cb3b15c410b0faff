// Emergencies and clinical questions come first, whatever the chat was doing
// and before consent: "dor no peito" gets SAMU 192 at once (and CVV 188 for
// thoughts of suicide) and the clinic is told (a handoff). A clinical
// question gets no advice: a consultation or the reception is offered.
import { reply, type Effect } from "../types.js";
import { readMessage } from "./reading.js";
import { safetyTexts as s } from "./safety-texts.js";

export type SafetyReading = { kind: "emergency"; suicideRisk: boolean } | { kind: "clinical" };

/** Whether the message names an emergency sign or asks a clinical question. Days and times play no part, so no clock is needed. */
export function readSafety(text: string | undefined): SafetyReading | undefined {
  if (!text?.trim()) return undefined;
  const reading = readMessage(text);
  if (reading.emergency) return { kind: "emergency", suicideRisk: reading.emergency.suicideRisk };
  return reading.clinical ? { kind: "clinical" } : undefined;
}

/** An emergency, for the runtime: a chat a person is answering still gets this at once. */
export function isEmergency(text: string | undefined): boolean {
  return readSafety(text)?.kind === "emergency";
}

/** The answer to an emergency: where to get help now, then the clinic is told (its answer comes as handoffOpened). */
export function emergencyEffects(suicideRisk: boolean, handoffMinutes: number): Effect[] {
  return [
    reply(suicideRisk ? s.suicide : s.emergency),
    { kind: "handoff", minutes: handoffMinutes, wait: false, urgent: true },
  ];
}

export const clinicalReply = (): Effect => reply(s.clinical);
