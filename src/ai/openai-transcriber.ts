// Transcriber over the OpenAI audio API (Whisper or any compatible server).
import OpenAI, { toFile } from "openai";
import type { Transcriber } from "./ports.js";
import { MEDICAL_VOCABULARY_PROMPT } from "./transcription-prompts.js";

const EXTENSIONS: Record<string, string> = {
  "audio/ogg": "ogg", "audio/opus": "ogg", "audio/mpeg": "mp3", "audio/mp4": "m4a", "audio/aac": "m4a",
  "audio/wav": "wav", "audio/x-wav": "wav", "audio/wave": "wav", "audio/webm": "webm", "audio/amr": "amr",
};

export function audioFileName(mimetype: string): string {
  const base = mimetype.split(";")[0]?.trim().toLowerCase() ?? "";
  return `audio.${EXTENSIONS[base] ?? "ogg"}`;
}

export class OpenAiTranscriber implements Transcriber {
  constructor(private readonly client: OpenAI, private readonly model: string) {}

  async transcribe(audio: Buffer, mimetype: string, prompt = MEDICAL_VOCABULARY_PROMPT): Promise<string> {
    const file = await toFile(audio, audioFileName(mimetype), { type: mimetype.split(";")[0] });
    const result = await this.client.audio.transcriptions.create({
      file, model: this.model, language: "pt", prompt, response_format: "json",
    });
    return result.text.trim();
  }
}
