// Voice notes from patients. With transcription configured, a voice note
// becomes an effect that hands it to transcription (src/records/voice-notes.ts);
// the transcript comes back as a chat event and is handled exactly like the
// text it says, in whatever state the chat is then ("amanhã de manhã" steers
// a booking and is said back: "Entendi: consulta amanhã de manhã."). Before
// consent a voice note is never transcribed: it gets the consent question.
import type { PatientChatEvent } from "../../chat-events/types.js";
import { type Effect, type FlowInput, type StepResult, reply } from "../types.js";
import { menu } from "../choices.js";
import type { PatientContext } from "./context.js";
import type { PatientState } from "./state.js";
import { patientTexts as t } from "./texts.js";
import { voiceTexts as v } from "./voice-texts.js";

type Result = StepResult<PatientState>;
const to = (state: PatientState, ...effects: Effect[]): Result => ({ state, effects });

// Whisper writes a lone answer as a word ("Dois."): at a numbered menu it is the number.
const NUMBER_WORDS: Record<string, string> = {
  zero: "0", um: "1", uma: "1", dois: "2", duas: "2", tres: "3", "três": "3", quatro: "4", cinco: "5",
  seis: "6", sete: "7", oito: "8", nove: "9", dez: "10",
};

/**
 * The text a heard voice note says, as the flow reads a typed one, with the
 * chat as it was when the note came (its last message before: a note sent
 * after a long silence starts over at the menu like a typed one); undefined
 * for any other input.
 */
export function heardText(input: FlowInput, ctx: PatientContext): { input: FlowInput; ctx: PatientContext } | undefined {
  const event = input.kind === "clinicEvent" ? input.clinicEvent : undefined;
  if (event?.type !== "voiceNoteHeard" || ctx.patient?.consentWithdrawn) return undefined;
  const lastInboundAt = event.previousInboundAt ? new Date(event.previousInboundAt) : undefined;
  return { input: { kind: "text", text: asTyped(event.transcript) }, ctx: { ...ctx, lastInboundAt } };
}

/** "Maria da Silva." → "Maria da Silva"; "Dois." → "2". */
export function asTyped(transcript: string): string {
  const text = transcript.trim().replace(/[.!]+$/u, "").trim();
  const lone = text.toLocaleLowerCase("pt-BR").replace(/^(opção|opcao|número|numero) /u, "");
  return NUMBER_WORDS[lone] ?? text;
}

/** A voice note from the patient, or what became of one; undefined for any other input. */
export function voiceNote(state: PatientState, input: FlowInput, ctx: PatientContext): Result | undefined {
  if (input.kind === "event" && input.event?.type === "voiceNoteRefused") return to(state, reply(t.audioNotSupported));
  if (input.kind !== "audio") return undefined;
  if (!ctx.patient?.consentGranted) return beforeConsent(state, ctx);
  if (!ctx.voice?.transcription || !input.mediaId) return to(state, reply(t.audioNotSupported));
  const previous = ctx.lastInboundAt ? { previousInboundAt: ctx.lastInboundAt.toISOString() } : {};
  return to(state, { kind: "transcribeVoiceNote", mediaId: input.mediaId, ...previous });
}

function beforeConsent(state: PatientState, ctx: PatientContext): Result {
  if (state.type === "consentDeclined") return to(state, reply(t.stillDeclined));
  const welcome = state.type === "awaitingConsent" ? [] : [reply(t.welcome(ctx.clinic.name))];
  return to({ type: "awaitingConsent" }, ...welcome, reply(v.beforeConsent), menu(t.consent(ctx.clinic.name)));
}

/** The voice note could not be read: the patient is asked to write, and the chat stays where it was. */
export function voiceNoteUnheard(state: PatientState, event: Extract<PatientChatEvent, { type: "voiceNoteUnheard" }>): Result {
  return to(state, reply(v.unheard(event.reason)));
}
