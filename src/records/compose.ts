// Builds dictation and records from the configuration: the AI ports (when
// OPENAI_API_KEY is set), the sealer, and the jobs and timed tasks service.ts
// registers. Documents build on these deps (src/documents/compose.ts).
import type { OpenAiPorts } from "../ai/openai-ports.js";
import type { NoteWriter, Transcriber } from "../ai/ports.js";
import type { Clock } from "../clock.js";
import type { Config } from "../config.js";
import type { ChatEvents } from "../chat-events/raise.js";
import type { Cipher } from "../crypto/encryption.js";
import type { Database } from "../db/database.js";
import type { TimedTask } from "../jobs/clock-tasks.js";
import type { AnyJobDefinition, JobQueue } from "../jobs/queue.js";
import type { Logger } from "../logger.js";
import { instrumentNoteWriter, instrumentTranscriber } from "../observability/instrument-ai.js";
import type { Metrics } from "../observability/metrics.js";
import { purgeExpiredAudio } from "./audio-retention.js";
import { sealerOf, type RecordsDeps } from "./deps.js";
import { dictationJobs } from "./dictation-jobs.js";
import { voiceNoteJobs } from "./voice-notes.js";

export interface RecordsParts {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Loaded once at start (service.ts). */
  cipher: Cipher;
  jobs: JobQueue;
  /** Raises what the doctor and the patient are told (src/chat-events/). */
  events: ChatEvents;
  wakeChats(): Promise<void>;
  /** Tests may replace the AI ports; by default they are the OpenAI ones. */
  ai?: { transcriber?: Transcriber; noteWriter?: NoteWriter };
  /** The OpenAI adapters, loaded by the service when OPENAI_API_KEY is set. */
  openAi?: OpenAiPorts;
  /** AI latency and failures, documents signed. */
  metrics?: Metrics;
}

export interface Records {
  deps: RecordsDeps;
  jobs: AnyJobDefinition[];
  timedTasks: TimedTask[];
  /** Verification links follow the listening address when neither VERIFY_BASE_URL nor PUBLIC_URL is set. */
  setListenUrl(url: string): void;
}

export function buildRecords(parts: RecordsParts): Records {
  const { config, db, clock } = parts;
  const rawTranscriber = parts.ai?.transcriber ?? parts.openAi?.transcriber;
  const rawNoteWriter = parts.ai?.noteWriter ?? parts.openAi?.noteWriter;
  const { metrics } = parts;
  const transcriber = rawTranscriber && metrics ? instrumentTranscriber(rawTranscriber, metrics) : rawTranscriber;
  const noteWriter = rawNoteWriter && metrics ? instrumentNoteWriter(rawNoteWriter, metrics) : rawNoteWriter;
  const configuredBase = config.VERIFY_BASE_URL ?? config.PUBLIC_URL;
  const deps: RecordsDeps = {
    sealer: sealerOf(parts.cipher),
    cipher: parts.cipher,
    settings: {
      production: config.NODE_ENV === "production",
      dictationConfigured: transcriber !== undefined && noteWriter !== undefined,
      transcriptionConfigured: transcriber !== undefined,
      maxSeconds: config.DICTATION_MAX_SECONDS,
      maxBytes: config.DICTATION_MAX_BYTES,
      audioRetentionDays: config.AUDIO_RETENTION_DAYS,
      verifyBaseUrl: configuredBase ?? `http://localhost:${config.PORT}`,
    },
    enqueue: (sql, name, data) => parts.jobs.enqueue(name, data, { sql }),
    events: parts.events,
    wakeChats: parts.wakeChats,
  };
  return {
    deps,
    jobs: [
      ...dictationJobs({
        ...deps, db, clock, transcriber, noteWriter,
        retryLimit: config.DICTATION_RETRY_LIMIT, retryDelaySeconds: config.DICTATION_RETRY_DELAY_SECONDS,
      }),
      ...voiceNoteJobs({
        ...deps, db, clock, transcriber,
        retryLimit: config.PATIENT_VOICE_RETRY_LIMIT, retryDelaySeconds: config.PATIENT_VOICE_RETRY_DELAY_SECONDS,
      }),
    ],
    timedTasks: [{ name: "purge expired dictation audio", run: (now) => purgeExpiredAudio(db.sql, now) }],
    setListenUrl: (url) => {
      if (!configuredBase) deps.settings.verifyBaseUrl = url;
    },
  };
}
