// Times the AI ports and counts their failures, whatever server is behind
// them (OpenAI, Azure, a self-hosted Whisper): wrappers, so the adapters stay
// unaware of metrics.
import type { NoteWriter, Transcriber } from "../ai/ports.js";
import type { Metrics } from "./metrics.js";

async function timed<T>(metrics: Metrics, operation: string, call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await call();
    metrics.aiDuration.observe({ operation, outcome: "ok" }, (performance.now() - started) / 1000);
    return result;
  } catch (error) {
    metrics.aiDuration.observe({ operation, outcome: "error" }, (performance.now() - started) / 1000);
    metrics.aiFailures.inc({ operation });
    throw error;
  }
}

export function instrumentTranscriber(inner: Transcriber, metrics: Metrics): Transcriber {
  return { transcribe: (audio, mimetype, prompt) => timed(metrics, "transcribe", () => inner.transcribe(audio, mimetype, prompt)) };
}

export function instrumentNoteWriter(inner: NoteWriter, metrics: Metrics): NoteWriter {
  return { structure: (transcript, corrections) => timed(metrics, "structure", () => inner.structure(transcript, corrections)) };
}
