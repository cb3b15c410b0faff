// A patient's voice notes end to end: simulator -> engine -> durable job ->
// the real `openai` SDK against the local OpenAI-compatible double -> a chat
// event the patient's flow reads as the text it says. On PostgreSQL or PGlite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PATIENT_VOCABULARY_PROMPT } from "../src/ai/transcription-prompts.js";
import { openColumn } from "../src/crypto/sealed-columns.js";
import { wavOfSeconds } from "./support/audio.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startOpenAiDouble, type OpenAiDouble } from "./support/openai-double.js";
import { outgoing, sendAudio, testCipher } from "./support/records.js";
import { chatHelpers, startTestService, testConfig, texts, type TestService } from "./support/service.js";

let testDb: TestDatabase;
let double: OpenAiDouble;
let service: TestService;

// Monday 2026-11-23, 09:00 in São Paulo. The demo clinic: Dra. Ana Souza, Monday to Friday 08-12 and 13-18.
const MONDAY_9AM = new Date("2026-11-23T12:00:00Z");

beforeAll(async () => {
  testDb = await createTestDatabase("patient_voice");
  double = await startOpenAiDouble();
  const config = testConfig({ OPENAI_API_KEY: "test", OPENAI_BASE_URL: double.url, PATIENT_VOICE_RETRY_LIMIT: "2", PATIENT_VOICE_RETRY_DELAY_SECONDS: "0" });
  service = await startTestService(testDb.db, { config });
});

beforeEach(() => {
  service?.clock.set(MONDAY_9AM);
  if (double) double.transcriptions.length = 0;
});

afterAll(async () => {
  await service?.stop();
  await double?.close();
  await testDb?.close();
});

const { newPatient, last } = chatHelpers(() => service, 87000000);

/** Sends a voice note that says `transcript`, runs the transcription, and returns what the patient was told. */
async function speak(phone: string, transcript: string): Promise<string> {
  double.onTranscription = () => ({ text: transcript });
  const before = (await outgoing(service, phone)).length;
  const ack = await sendAudio(service, phone, wavOfSeconds(3), "audio/ogg; codecs=opus");
  expect(texts(ack)).toEqual([]);
  await service.jobs.runDue();
  return (await outgoing(service, phone)).slice(before).map((m) => m.text ?? "").join("\n");
}

describe("voice notes from patients", () => {
  it("books by voice: the transcript steers the booking like typed text, and the audio is deleted", async () => {
    const phone = await newPatient("Vera Lúcia");
    const asked = await speak(phone, "Oi, quero marcar uma consulta amanhã de manhã.");
    expect(double.transcriptions).toEqual([expect.objectContaining({ model: "whisper-1", language: "pt", filename: "audio.ogg" })]);
    // The double reads the form as Latin-1: the prompt's ASCII opening is enough to tell a patient's from a dictation's.
    expect(double.transcriptions[0]!.prompt).toContain(PATIENT_VOCABULARY_PROMPT.slice(0, 30));
    expect(asked).toContain("Entendi: agendamento amanhã de manhã.");
    expect(asked).toContain("Qual atendimento");
    const times = await speak(phone, "Um.");
    expect(times).toContain("Horários livres em terça, 24/11");
    expect(times).toMatch(/1 - 08:00/);
    expect(times).not.toContain("13:00");
    expect(await speak(phone, "Dois.")).toContain("terça, 24/11 às 08:30");
    expect(await last(phone, "1")).toContain("agendado");
    const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
    const [appointment] = await testDb.db.prisma.appointment.findMany({ where: { patientId: patient.id } });
    expect(appointment!.startsAt).toEqual(new Date("2026-11-24T11:30:00Z"));

    const notes = await testDb.db.prisma.patientVoiceNote.findMany({ where: { patientId: patient.id }, orderBy: { createdAt: "asc" } });
    expect(notes.map((n) => n.status)).toEqual(["heard", "heard", "heard"]);
    expect(notes.every((n) => n.mediaId === null && n.transcriptionMs !== null)).toBe(true);
    // Sealed at rest, bound to its row.
    expect(notes[0]!.transcriptSealed).not.toContain("amanhã");
    expect(openColumn(testCipher, "PatientVoiceNote.transcriptSealed", notes[0]!.id, notes[0]!.transcriptSealed)).toBe("Oi, quero marcar uma consulta amanhã de manhã.");
    const audios = await testDb.db.prisma.inboxMessage.findMany({ where: { chatKey: phone, kind: "audio" } });
    expect(audios).toHaveLength(3);
    expect(audios.every((m) => m.mediaId === null)).toBe(true);
  });

  it("never transcribes before consent: the voice note gets the consent question", async () => {
    const stranger = "+5511987009999";
    const answer = texts(await sendAudio(service, stranger, wavOfSeconds(3))).join("\n");
    expect(answer).toContain("Antes de ouvi-lo, preciso do seu consentimento");
    expect(answer).toContain("1 -");
    await service.jobs.runDue();
    expect(double.transcriptions).toHaveLength(0);
    expect(await testDb.db.prisma.patientVoiceNote.count({ where: { chatKey: stranger } })).toBe(0);
  });

  it("never transcribes after consent is withdrawn, and deletes the waiting audio", async () => {
    const phone = await newPatient("Caio Prado");
    double.onTranscription = () => ({ text: "quero marcar amanhã" });
    await sendAudio(service, phone, wavOfSeconds(3));
    const patient = await testDb.db.prisma.patient.findFirstOrThrow({ where: { phone } });
    await testDb.db.prisma.consentRecord.create({
      data: { clinicId: service.clinicId, patientId: patient.id, purpose: "atendimento", textVersion: "test", granted: false, channel: "whatsapp" },
    });
    const before = (await outgoing(service, phone)).length;
    await service.jobs.runDue();
    expect(double.transcriptions).toHaveLength(0);
    const [note] = await testDb.db.prisma.patientVoiceNote.findMany({ where: { patientId: patient.id } });
    expect(note).toMatchObject({ status: "discarded", mediaId: null, transcriptSealed: null });
    expect((await outgoing(service, phone)).length).toBe(before);
  });

  it("retries an unreachable OpenAI, then asks the patient to type", async () => {
    const phone = await newPatient("Lia Mota");
    double.onTranscription = () => ({ status: 503 });
    const message = await sendAudio(service, phone, wavOfSeconds(3));
    await service.jobs.runDue();
    // The first try and PATIENT_VOICE_RETRY_LIMIT=2 retries.
    expect(double.transcriptions).toHaveLength(3);
    expect((await outgoing(service, phone)).at(-1)?.text).toBe("Não consegui ouvir seu áudio agora. Pode escrever sua mensagem, por favor?");
    const inbound = await testDb.db.prisma.inboxMessage.findUniqueOrThrow({ where: { id: message.messageId } });
    expect(inbound.mediaId).toBeNull();
    // The chat goes on in text.
    expect(await last(phone, "amanhã à tarde")).toContain("Entendi: agendamento amanhã à tarde.");
  });
});
