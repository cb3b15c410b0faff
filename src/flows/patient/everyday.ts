// Everyday words understood wherever they make sense: the answer to "Como você
// se chama?" told apart from a greeting, a consent word or a request (kept
// and carried out once the name is given); "meu nome é …" corrects the name;
// "obrigada!", "ok", "👍" (a 👍 to a reminder confirms it); "quero falar com
// uma pessoa"; "confirmar consulta" confirms the next appointment.
import { reply, type FlowInput, type StepResult } from "../types.js";
import { menu } from "../choices.js";
import type { PatientContext } from "./context.js";
import { everydayTexts as e } from "./everyday-texts.js";
import { readMessage, readNameOf } from "./reading.js";
import type { PatientState } from "./state.js";
import { patientTexts as t } from "./texts.js";

type Result = StepResult<PatientState>;

/** What a kept request becomes once the patient can be served: the menu's answer to it. */
export type CarryOut = (text: string) => Result;

/** The first message's request, kept while consent and the name are asked. */
export function pendingOf(text: string | undefined): { pending?: string } {
  return text?.trim() && readMessage(text).request ? { pending: text.trim().slice(0, 500) } : {};
}

/** "Como você se chama?" answered. */
export function nameAnswer(state: PatientState, input: FlowInput, ctx: PatientContext, carryOut: CarryOut, format: (name: string) => string | undefined): Result {
  const pending = state.type === "awaitingName" ? state.pending : undefined;
  const raw = input.text ?? "";
  const reading = readNameOf(raw);
  const named = reading.kind === "name" ? format(reading.name) : undefined;
  if (named) return nameGiven(named, pending, carryOut);
  const keep = { type: "awaitingName" as const, ...(pending ? { pending } : {}) };
  if (reading.kind === "notName" && (reading.reason === "greeting" || reading.reason === "consent")) return { state: keep, effects: [reply(e.askNameAgain)] };
  // "Marta Manhã" written as a name is a name, though "manhã" alone would ask for a morning.
  const writtenAsName = WRITTEN_AS_NAME.test(raw.trim()) ? format(raw) : undefined;
  if (writtenAsName) return nameGiven(writtenAsName, pending, carryOut);
  if (readMessage(raw).request) return { state: { type: "awaitingName", pending: pending ?? raw.trim().slice(0, 500) }, effects: [reply(e.nameFirst)] };
  // What asks for nothing is a name when it looks like one ("Paciente Corrida A"): the reader above is strict about names.
  const plain = reading.kind === "notName" ? format(raw) : undefined;
  if (plain) return nameGiven(plain, pending, carryOut);
  return { state: keep, effects: [reply(t.nameInvalid)] };
}

const WRITTEN_AS_NAME = /^\p{Lu}[\p{L}'.-]*(\s+(\p{Lu}[\p{L}'.-]*|da|de|do|das|dos|e))+$/u;

function nameGiven(name: string, pending: string | undefined, carryOut: CarryOut): Result {
  const saved = [{ kind: "savePatientName", name } as const, reply(t.niceToMeet(name.split(" ")[0] ?? name))];
  if (!pending) return { state: { type: "menu" }, effects: [...saved, menu(t.menu)] };
  const next = carryOut(pending);
  return { state: next.state, effects: [...saved, ...next.effects] };
}

// Where free text is the patient's data or an answer of its own: nothing here is read.
const OWN_TEXT = new Set<PatientState["type"]>(["givingData", "answeringCid", "choosingWaitlistTimes"]);

/** Everyday words in a known patient's chat; undefined: the state reads the text. */
export function everydayWords(state: PatientState, text: string, ctx: PatientContext, format: (name: string) => string | undefined): Result | undefined {
  if (OWN_TEXT.has(state.type) || !text.trim()) return undefined;
  const reading = readMessage(text);
  if (reading.human) return { state: { type: "menu" }, effects: [{ kind: "handoff", minutes: ctx.handoffMinutes, wait: false }] };
  const name = reading.statedName ? format(reading.statedName) : undefined;
  if (name && (state.type === "menu" || state.type === "privacy")) {
    return { state, effects: [{ kind: "savePatientName", name }, reply(e.nameChanged(name))] };
  }
  if (state.type !== "menu") return undefined;
  if (reading.confirm && !reading.books) {
    const next = ctx.scheduling?.upcoming[0];
    return next ? { state, effects: [{ kind: "confirmAppointment", appointmentId: next.id }] } : { state, effects: [reply(e.noUpcoming)] };
  }
  if (reading.smallTalk) return { state, effects: [reply(reading.smallTalk === "thanks" ? e.youreWelcome : reading.smallTalk === "goodbye" ? e.goodbye : e.ack)] };
  return undefined;
}

/** A 👍 or "ok" to a reminder confirms it, like "1". */
export function reminderAck(state: PatientState, text: string): boolean {
  return state.type === "answeringReminder" && Boolean(text.trim()) && readMessage(text).smallTalk === "ack";
}
