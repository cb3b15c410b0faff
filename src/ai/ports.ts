// The two AI ports of dictation. Implementations talk to an OpenAI-compatible
// server (openai-transcriber.ts, openai-note-writer.ts); tests run the same
// implementations against a local test double.
import type { ClinicalNote } from "./clinical-note.js";

export interface Transcriber {
  /** Portuguese text of a voice note; `prompt` biases the spelling (a doctor's dictation by default). */
  transcribe(audio: Buffer, mimetype: string, prompt?: string): Promise<string>;
}

/** A draft note and the model that wrote it, as the server named it (kept in the record, CFM 2.454/2026). */
export interface StructuredNote {
  note: ClinicalNote;
  model: string;
}

export interface NoteWriter {
  /** A draft note from the dictation; `corrections` are what the doctor added or fixed afterwards, in order. */
  structure(transcript: string, corrections: string[]): Promise<StructuredNote>;
}

export interface QuestionMatcher {
  /** Which of `questions` the patient's message asks (its index), or null: the model chooses, it never answers. */
  choose(message: string, questions: string[]): Promise<number | null>;
}
