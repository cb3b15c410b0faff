// The doctor conversation. Reached only from a phone registered as a
// professional of the clinic; a patient can never enter it.
import { type BaseContext, type FlowInput, type StepResult, reply } from "../types.js";
import { globalWord, isGreeting, normalize } from "../understand.js";
import { doctorTexts as t } from "./texts.js";

export type DoctorState = { type: "idle" };

export const DOCTOR_FLOW_VERSION = 1;
export const initialDoctorState: DoctorState = { type: "idle" };

export interface DoctorContext extends BaseContext {
  professional: { name: string };
}

export function doctorStep(state: DoctorState, input: FlowInput, ctx: DoctorContext): StepResult<DoctorState> {
  if (input.kind === "reaction") return { state, effects: [] };
  if (input.kind === "audio") return { state, effects: [reply(t.audioNotYet)] };
  const text = normalize(input.text);
  const word = globalWord(text);
  if (word === "help" || word === "menu" || isGreeting(text) || !ctx.lastInboundAt) {
    return { state, effects: [reply(t.greeting(ctx.professional.name, ctx.clinic.name)), reply(t.help)] };
  }
  return { state, effects: [reply(t.notUnderstood)] };
}
