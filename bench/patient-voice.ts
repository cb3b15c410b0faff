// A patient's voice note, from its arrival at the simulator to the reply that
// says what was understood ("Entendi: ..."), on PostgreSQL: the turn that
// enqueues the transcription, the job (the real `openai` SDK against the local
// OpenAI-compatible double, sealing, deleting the audio, raising the event),
// and the turn that reads the transcript as text. The job queue is run at
// once (runDue), so the figures leave out the queue's polling wait in a
// running service (reported as queue_poll_seconds).
// transcription_ms: the transcriber call alone, as stored on each voice note.
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { systemClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { seedDemo } from "../src/seed-demo.js";
import { startService } from "../src/service.js";
import { wavOfSeconds } from "../test/support/audio.js";
import { startOpenAiDouble } from "../test/support/openai-double.js";
import { freshPostgres, percentile, round } from "./support.js";

const NOTES = Number(process.env.BENCH_VOICE_NOTES ?? 40);
const TRANSCRIPT = "Oi, quero marcar uma consulta amanhã de manhã.";

export async function benchPatientVoice(): Promise<Record<string, unknown>> {
  const double = await startOpenAiDouble();
  double.onTranscription = () => ({ text: TRANSCRIPT });
  const db = await freshPostgres("zelo_bench_patient_voice");
  const config = loadConfig({
    PORT: "0", HOST: "127.0.0.1", SEED_DEMO: "never", LOG_LEVEL: "silent", DATABASE_URL: "postgresql://unused/x",
    CHAT_RATE_LIMIT_MESSAGES: "1000000", API_RATE_LIMIT_PER_MINUTE: "1000000", ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    OPENAI_API_KEY: "bench", OPENAI_BASE_URL: double.url,
  });
  const service = await startService({ config, db, clock: systemClock, logger: createLogger({ level: "silent", logPhi: false }), background: false });
  await seedDemo(db);
  const post = async (body: Record<string, unknown>) => {
    const res = await fetch(`${service.url}/simulator/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`simulator answered ${res.status}`);
    return res.json();
  };
  const repliesTo = async (chatKey: string) =>
    (await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "OutboxMessage" WHERE "chatKey" = $1`, [chatKey]))[0]?.n ?? 0;
  const audio = wavOfSeconds(5).toString("base64");
  const endToEnd: number[] = [];
  try {
    for (let i = -5; i < NOTES; i++) { // five warm-up notes
      const from = `+55119${String(30000000 + i + 5)}`;
      for (const text of ["oi", "1", "Paciente Teste"]) await post({ from, text });
      const before = await repliesTo(from);
      const started = performance.now();
      await post({ from, audio: { data: audio, mimetype: "audio/wav" } });
      await service.jobs.runDue();
      if ((await repliesTo(from)) <= before) throw new Error("the voice note got no reply");
      if (i >= 0) endToEnd.push(performance.now() - started);
    }
    const rows = await db.sql.query<{ transcriptionMs: number }>(
      `SELECT "transcriptionMs" FROM "PatientVoiceNote" WHERE status = 'heard' ORDER BY "createdAt" OFFSET 5`);
    const transcription = rows.map((r) => r.transcriptionMs).sort((a, b) => a - b);
    endToEnd.sort((a, b) => a - b);
    return {
      bench: "patient.voice",
      notes: NOTES,
      audio_seconds: 5,
      transcription_ms_p50: percentile(transcription, 50),
      transcription_ms_p95: percentile(transcription, 95),
      voice_to_reply_ms_p50: percentile(endToEnd, 50),
      voice_to_reply_ms_p95: percentile(endToEnd, 95),
      voice_to_reply_ms_max: round(endToEnd.at(-1) ?? 0),
      queue_poll_seconds: 1,
      transcriber: "local OpenAI-compatible double (answers at once): the figures are Zelo's own cost, not Whisper's",
    };
  } finally {
    await service.stop();
    await db.close();
    await double.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await benchPatientVoice()));
}
