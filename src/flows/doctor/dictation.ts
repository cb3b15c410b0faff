// Voice notes and the review of a drafted note. The slow work (transcribing,
// structuring) runs as durable jobs; here the doctor is answered at once.
import { type AudioRef, type Effect, type FlowInput, type StepResult, reply } from "../types.js";
import { containsAny, menuNumber, saysAny } from "../understand.js";
import type { DoctorContext, DoctorState, OpenDictation, SelectedPatient } from "./state.js";
import { doctorTexts as t } from "./texts.js";

type Result = StepResult<DoctorState>;
const to = (state: DoctorState, ...effects: Effect[]): Result => ({ state, effects });

/** The audio as dictation can take it, or the reason it cannot. */
export function acceptAudio(input: FlowInput, ctx: DoctorContext): { audio: AudioRef } | { refusal: string } {
  const limits = ctx.dictation;
  const isAudio = (input.mimetype ?? "").toLowerCase().startsWith("audio/");
  if (!input.mediaId || !isAudio || input.durationSeconds === undefined) return { refusal: t.notAudio };
  if ((input.sizeBytes ?? 0) > limits.maxBytes) return { refusal: t.audioTooLarge(Math.floor(limits.maxBytes / 1_048_576)) };
  if (input.durationSeconds > limits.maxSeconds) return { refusal: t.audioTooLong(input.durationSeconds, limits.maxSeconds) };
  return { audio: { mediaId: input.mediaId, durationSeconds: input.durationSeconds } };
}

export function onAudio(state: DoctorState, input: FlowInput, ctx: DoctorContext): Result {
  const selected = state.selected;
  if (!ctx.dictation.configured) return to(state, reply(t.dictationNotConfigured));
  const accepted = acceptAudio(input, ctx);
  if ("refusal" in accepted) return to(state, reply(accepted.refusal));
  const correcting = state.type === "correctingNote" ? state.dictationId : ctx.openDictation?.status === "drafted" ? ctx.openDictation.id : undefined;
  if (correcting) {
    return to({ type: "idle", selected },
      { kind: "correctDictation", dictationId: correcting, audio: accepted.audio },
      reply(t.correctionAudioAccepted(accepted.audio.durationSeconds)));
  }
  if (!selected) {
    const options = (ctx.agenda?.entries ?? []).map(({ patientId, name }) => ({ patientId, name }));
    return to({ type: "choosingPatient", options, pendingAudio: accepted.audio }, reply(t.askPatientForAudio(ctx.agenda)));
  }
  return startDictation(selected, accepted.audio, ctx);
}

export function startDictation(selected: SelectedPatient, audio: AudioRef, ctx: DoctorContext): Result {
  // The acknowledgement comes with the outcome (events.ts): a patient who withdrew consent is not transcribed.
  return to({ type: "idle", selected }, { kind: "startDictation", professionalId: ctx.professional.id, patientId: selected.patientId, audio });
}

/** "1 Salvar / 2 Corrigir / 3 Descartar" on a draft; "1 tentar de novo / 3 descartar" after a failure. */
export function answerOpenDictation(state: DoctorState, text: string, open: OpenDictation): Result | undefined {
  const selected = state.selected;
  const choice = menuNumber(text);
  const discard = choice === 3 || saysAny(text, ["descartar", "apagar"]);
  if (discard) return to({ type: "idle", selected }, { kind: "discardDictation", dictationId: open.id }, reply(t.noteDiscarded));
  if (open.status === "failed") {
    if (choice === 1 || saysAny(text, ["tentar de novo", "tentar novamente", "de novo"])) {
      return to({ type: "idle", selected }, { kind: "retryDictation", dictationId: open.id }, reply(t.retrying));
    }
    return undefined;
  }
  if (choice === 4 || containsAny(text, ["adendo"])) return saveAsAddendum(state, open);
  if (choice === 1 || saysAny(text, ["salvar", "confirmar", "confirmo"])) {
    return to({ type: "idle", selected }, { kind: "saveNote", dictationId: open.id });
  }
  if (choice === 2 || saysAny(text, ["corrigir", "correcao"])) {
    return to({ type: "correctingNote", dictationId: open.id, selected }, reply(t.askCorrection));
  }
  return undefined;
}

/** "é um adendo": the draft is appended to the patient's last saved note, not saved as a new one. */
export function saveAsAddendum(state: DoctorState, open: OpenDictation): Result {
  return to({ type: "idle", selected: state.selected }, { kind: "saveNote", dictationId: open.id, asAddendum: true });
}

export function typedCorrection(state: Extract<DoctorState, { type: "correctingNote" }>, raw: string): Result {
  return to({ type: "idle", selected: state.selected },
    { kind: "correctDictation", dictationId: state.dictationId, text: raw.trim() },
    reply(t.correctionTextAccepted));
}
