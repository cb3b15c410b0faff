// The OpenAI adapters, built when OPENAI_API_KEY is set. The SDK is loaded
// here, on that condition, so an instance without a key never holds it.
import type { NoteWriter, QuestionMatcher, Transcriber } from "./ports.js";

export interface OpenAiPortSettings {
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_TIMEOUT_MS: number;
  OPENAI_TRANSCRIPTION_MODEL: string;
  OPENAI_NOTE_MODEL: string;
}

export interface OpenAiPorts {
  transcriber: Transcriber;
  noteWriter: NoteWriter;
  questionMatcher: QuestionMatcher;
}

// A patient waits for a question's answer inside the turn: a few seconds at most, then "não entendi".
const QUESTION_TIMEOUT_MS = 8_000;

export async function loadOpenAiPorts(settings: OpenAiPortSettings): Promise<OpenAiPorts | undefined> {
  if (!settings.OPENAI_API_KEY) return undefined;
  const [{ createOpenAiClient }, { OpenAiTranscriber }, { OpenAiNoteWriter }, { OpenAiQuestionMatcher }] = await Promise.all([
    import("./openai-client.js"), import("./openai-transcriber.js"), import("./openai-note-writer.js"), import("./openai-question-matcher.js"),
  ]);
  const client = createOpenAiClient(settings)!;
  return {
    transcriber: new OpenAiTranscriber(client, settings.OPENAI_TRANSCRIPTION_MODEL),
    noteWriter: new OpenAiNoteWriter(client, settings.OPENAI_NOTE_MODEL),
    // With OPENAI_NOTE_MODEL (structured output), a question no rule matched may be matched to the clinic's entries.
    questionMatcher: new OpenAiQuestionMatcher(client, settings.OPENAI_NOTE_MODEL, Math.min(QUESTION_TIMEOUT_MS, settings.OPENAI_TIMEOUT_MS)),
  };
}
