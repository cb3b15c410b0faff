// The two AI ports of dictation. Implementations talk to an OpenAI-compatible
// server (openai-transcriber.ts, openai-note-writer.ts); tests run the same
// implementations against a local test double.
import type { ClinicalNote } from "./clinical-note.js";

export interface Transcriber {
  /** Portuguese text of a voice note. */
  transcribe(audio: Buffer, mimetype: string): Promise<string>;
}

export interface NoteWriter {
  /** A draft note from the dictation; `corrections` are what the doctor added or fixed afterwards, in order. */
  structure(transcript: string, corrections: string[]): Promise<ClinicalNote>;
}

export interface QuestionMatcher {
  /** Which of `questions` the patient's message asks (its index), or null: the model chooses, it never answers. */
  choose(message: string, questions: string[]): Promise<number | null>;
}
