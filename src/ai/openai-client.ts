// One OpenAI SDK client per service, pointed at OPENAI_BASE_URL when set
// (OpenAI itself, Azure's OpenAI-compatible endpoint, or a self-hosted server).
import OpenAI from "openai";

export interface OpenAiSettings {
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  OPENAI_TIMEOUT_MS: number;
}

export function createOpenAiClient(settings: OpenAiSettings): OpenAI | undefined {
  if (!settings.OPENAI_API_KEY) return undefined;
  return new OpenAI({
    apiKey: settings.OPENAI_API_KEY,
    ...(settings.OPENAI_BASE_URL ? { baseURL: settings.OPENAI_BASE_URL } : {}),
    timeout: settings.OPENAI_TIMEOUT_MS,
    // Retries are durable jobs with backoff (src/records/dictation-jobs.ts),
    // which survive a restart; the SDK's in-process retries would not.
    maxRetries: 0,
  });
}
