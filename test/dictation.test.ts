// Doctor voice dictation end to end: simulator -> engine -> durable jobs ->
// the real `openai` SDK against a local OpenAI-compatible double -> record.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ClinicalNote } from "../src/ai/clinical-note.js";
import { emptyNote } from "../src/ai/clinical-note.js";
import { PATIENT_VOCABULARY_PROMPT } from "../src/ai/transcription-prompts.js";
import { wavOfSeconds } from "./support/audio.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { chatUserText, startOpenAiDouble, type OpenAiDouble } from "./support/openai-double.js";
import { addAppointment, addPatient, demoProfessional, outgoing, sendAudio, TEST_ENCRYPTION_KEY, testCipher } from "./support/records.js";
import { DOCTOR, startTestService, testConfig, texts, type TestService } from "./support/service.js";

const TRANSCRIPT =
  "Paciente com dor de cabeça há dois dias, sem febre. Pressão arterial 12 por 8. " +
  "Hipótese de cefaleia tensional. Prescrevo dipirona 500 mg, um comprimido de 6 em 6 horas por 3 dias. Retorno se piorar.";

const GROUNDED_NOTE: ClinicalNote = {
  ...emptyNote(),
  chiefComplaint: { text: "Dor de cabeça há dois dias", evidence: "dor de cabeça há dois dias" },
  examination: [{ text: "PA 12x8 mmHg", evidence: "Pressão arterial 12 por 8" }],
  assessment: [{ diagnosis: "Cefaleia tensional", cid10: null, evidence: "Hipótese de cefaleia tensional" }],
  medications: [{
    name: "Dipirona", strength: "500 mg", form: "comprimido", dose: "um comprimido", route: null,
    frequency: "de 6 em 6 horas", duration: "por 3 dias", evidence: "dipirona 500 mg, um comprimido de 6 em 6 horas por 3 dias",
  }],
  followUp: { text: "Retorno se piorar", evidence: "Retorno se piorar" },
};

let testDb: TestDatabase;
let double: OpenAiDouble;
let service: TestService;
let maria: { id: string; phone: string };

const config = () => testConfig({
  OPENAI_API_KEY: "test", OPENAI_BASE_URL: double.url, ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
  DICTATION_RETRY_LIMIT: "2", DICTATION_RETRY_DELAY_SECONDS: "0", DICTATION_MAX_SECONDS: "300",
});

beforeAll(async () => {
  testDb = await createTestDatabase("dictation", { persistent: true });
  double = await startOpenAiDouble();
  service = await startTestService(testDb.db, { config: config() });
  const doctor = await demoProfessional(testDb.db, service.clinicId);
  maria = await addPatient(testDb.db, service.clinicId, { name: "Maria Silva", phone: "+5511911110001" });
  // 14:00 in São Paulo on the test day (the clock reads 09:00 there).
  await addAppointment(testDb.db, service.clinicId, { patientId: maria.id, professionalId: doctor.id, startsAt: new Date("2026-11-23T17:00:00Z") });
});

afterAll(async () => {
  await service?.stop();
  await double?.close();
  await testDb?.close();
});

beforeEach(() => {
  double.transcriptions.length = 0;
  double.chats.length = 0;
  double.onTranscription = () => ({ text: TRANSCRIPT });
  double.onChat = () => ({ note: GROUNDED_NOTE });
});

const lastOut = async (phone = DOCTOR) => (await outgoing(service, phone)).at(-1)?.text ?? "";

async function choosePatientFromAgenda(): Promise<void> {
  const agenda = texts(await service.say(DOCTOR, "agenda")).join("\n");
  expect(agenda).toContain("*1* 14:00 Maria Silva (Consulta)");
  expect(texts(await service.say(DOCTOR, "1")).join("\n")).toContain("Paciente escolhido: *Maria Silva*");
}

describe("doctor dictation", () => {
  it("goes from a voice note to a saved, encrypted note, and deletes the audio", async () => {
    await choosePatientFromAgenda();
    const ack = await sendAudio(service, DOCTOR, wavOfSeconds(92));
    expect(texts(ack)).toEqual(["Recebi seu áudio de 1 min 32 s sobre *Maria Silva*, transcrevendo. Aviso quando a nota estiver pronta."]);
    await service.jobs.runDue();
    expect(double.transcriptions).toEqual([expect.objectContaining({ model: "whisper-1", language: "pt", filename: "audio.wav" })]);
    expect(double.transcriptions[0]!.prompt).toContain("anamnese");
    expect(double.chats).toHaveLength(1);
    expect(double.chats[0]!.responseFormat).toMatchObject({ type: "json_schema", json_schema: { name: "clinical_note", strict: true } });
    expect(chatUserText(double.chats[0]!)).toContain(TRANSCRIPT);
    const draft = await lastOut();
    expect(draft).toContain("Rascunho da nota de *Maria Silva* (versão 1)");
    expect(draft).toContain("Dipirona 500 mg comprimido — um comprimido, de 6 em 6 horas, por 3 dias");
    expect(draft).toContain("*1* Salvar\n*2* Corrigir\n*3* Descartar");
    expect(draft).not.toContain("removid");

    expect(texts(await service.say(DOCTOR, "1"))).toEqual(["Nota salva no prontuário de *Maria Silva*. ✅"]);
    const versions = await testDb.db.prisma.clinicalNoteVersion.findMany({ where: { clinicId: service.clinicId } });
    expect(versions).toHaveLength(1);
    const [version] = versions;
    expect(version!.contentSealed).not.toMatch(/dipirona/i);
    expect(version!.transcriptSealed).not.toMatch(/cabeça/i);
    expect(JSON.parse(testCipher.decrypt(version!.contentSealed))).toEqual(GROUNDED_NOTE);
    expect(testCipher.decrypt(version!.transcriptSealed!)).toBe(TRANSCRIPT);
    const dictation = await testDb.db.prisma.dictation.findFirstOrThrow({ where: { id: version!.dictationId! } });
    expect(dictation).toMatchObject({ status: "saved", droppedCount: 0 });
    const segments = await testDb.db.prisma.dictationSegment.findMany({ where: { dictationId: dictation.id } });
    expect(segments.map((s) => s.audioMediaId)).toEqual([null]);
    const inbound = await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { id: ack.messageId } });
    expect(await testDb.db.prisma.media.count({ where: { id: inbound.mediaId! } })).toBe(0);
  });

  it("drops a medication the model invented and says how many items it removed", async () => {
    double.onChat = () => ({
      note: { ...GROUNDED_NOTE, medications: [...GROUNDED_NOTE.medications, { name: "Amoxicilina", strength: "500 mg", form: "cápsula", dose: null, route: null, frequency: "de 8 em 8 horas", duration: null, evidence: "Prescrevo dipirona 500 mg" }] },
    });
    await sendAudio(service, DOCTOR, wavOfSeconds(20));
    await service.jobs.runDue();
    const draft = await lastOut();
    expect(draft).toContain("Dipirona 500 mg");
    expect(draft).not.toMatch(/amoxicilina/i);
    expect(draft).toContain("1 item sugerido pela IA sem base no que você ditou foi removido");
    const dictation = await testDb.db.prisma.dictation.findFirstOrThrow({ where: { status: "drafted" }, orderBy: { createdAt: "desc" } });
    expect(dictation.droppedCount).toBe(1);
    expect(JSON.parse(testCipher.decrypt(dictation.draftSealed!)).medications).toHaveLength(1);
    await service.say(DOCTOR, "3");
    expect((await testDb.db.prisma.dictation.findUniqueOrThrow({ where: { id: dictation.id } })).status).toBe("discarded");
  });

  it("makes a new draft version from a typed correction", async () => {
    await sendAudio(service, DOCTOR, wavOfSeconds(15));
    await service.jobs.runDue();
    expect(texts(await service.say(DOCTOR, "2"))[0]).toContain("Envie a correção");
    double.onChat = (call) => {
      expect(chatUserText(call)).toContain("Correção 1 do médico:\n\"\"\"\nretorno em 7 dias");
      return { note: { ...GROUNDED_NOTE, followUp: { text: "Retorno em 7 dias", evidence: "retorno em 7 dias" } } };
    };
    expect(texts(await service.say(DOCTOR, "retorno em 7 dias"))).toEqual(["Recebi a correção. Mando a nova versão da nota em seguida."]);
    await service.jobs.runDue();
    const draft = await lastOut();
    expect(draft).toContain("(versão 2)");
    expect(draft).toContain("*Retorno*\nRetorno em 7 dias");
    expect(double.transcriptions).toHaveLength(1);
    await service.say(DOCTOR, "3");
  });

  it("retries a failing AI server, then tells the doctor and keeps the audio until a retry succeeds", async () => {
    double.onTranscription = () => ({ status: 500 });
    const ack = await sendAudio(service, DOCTOR, wavOfSeconds(30));
    await service.jobs.runDue();
    expect(double.transcriptions).toHaveLength(3); // the first try and DICTATION_RETRY_LIMIT=2 retries
    expect(await lastOut()).toContain("Não consegui processar o áudio de *Maria Silva*");
    const inbound = await testDb.db.prisma.inboxMessage.findFirstOrThrow({ where: { id: ack.messageId } });
    expect(await testDb.db.prisma.media.count({ where: { id: inbound.mediaId! } })).toBe(1);
    const failed = await testDb.db.prisma.dictation.findFirstOrThrow({ where: { status: "failed" } });
    expect(failed.attempts).toBe(3);

    double.onTranscription = () => ({ text: TRANSCRIPT });
    expect(texts(await service.say(DOCTOR, "1"))).toEqual(["Vou tentar processar o áudio de novo."]);
    await service.jobs.runDue();
    expect(await lastOut()).toContain("Rascunho da nota de *Maria Silva*");
    await service.say(DOCTOR, "3");
  });

  it("refuses an audio longer than the limit, and a file that is not audio", async () => {
    expect(texts(await sendAudio(service, DOCTOR, wavOfSeconds(301)))).toEqual(["O áudio tem 5 min 1 s; o limite é 5 min. Divida o ditado em áudios menores."]);
    expect(texts(await sendAudio(service, DOCTOR, Buffer.from("not really audio"), "audio/ogg"))).toEqual(["Não reconheci esse arquivo como um áudio. Envie uma mensagem de voz."]);
    expect(double.transcriptions).toHaveLength(0);
  });

  it("never starts a dictation from a patient's phone, whatever they send", async () => {
    const patient = "+5511922220002";
    await service.say(patient, "oi");
    await service.say(patient, "1");
    await service.say(patient, "João Souza");
    const before = await testDb.db.prisma.dictation.count();
    const answer = texts(await sendAudio(service, patient, wavOfSeconds(10)));
    expect(answer.join(" ")).not.toMatch(/transcrevendo|nota/i);
    for (const text of ["agenda", "paciente Maria Silva", "receita", "1"]) {
      expect(texts(await service.say(patient, text)).join(" ")).not.toMatch(/Maria Silva|Agenda de|Rascunho/);
    }
    await service.jobs.runDue();
    expect(await testDb.db.prisma.dictation.count()).toBe(before);
    // The patient's voice note is read as the patient's own message (test/patient-voice.test.ts), never as a dictation.
    expect(double.transcriptions.map((call) => call.prompt.slice(0, 30))).toEqual([PATIENT_VOCABULARY_PROMPT.slice(0, 30)]);
  });

  it("never transcribes a patient who withdrew consent, and tells the doctor so", async () => {
    const withdrawn = await addPatient(testDb.db, service.clinicId, { name: "Renata Sem Consentimento", phone: "+5511911110009" });
    await testDb.db.prisma.consentRecord.create({
      data: { clinicId: service.clinicId, patientId: withdrawn.id, purpose: "atendimento", textVersion: "2026-11-v2", granted: false, channel: "whatsapp" },
    });
    const before = { transcriptions: double.transcriptions.length, dictations: await testDb.db.prisma.dictation.count() };
    expect(texts(await service.say(DOCTOR, "paciente Renata")).join("\n")).toContain("Paciente escolhido");
    const answer = texts(await sendAudio(service, DOCTOR, wavOfSeconds(30)));
    expect(answer).toEqual(["*Renata Sem Consentimento* revogou o consentimento: não transcrevo nem organizo este áudio com IA. Registre a consulta no prontuário por outro meio."]);
    await service.jobs.runDue();
    expect(double.transcriptions).toHaveLength(before.transcriptions);
    expect(await testDb.db.prisma.dictation.count()).toBe(before.dictations);
    await service.say(DOCTOR, "paciente Maria Silva");
  });

  it("resumes after a restart between transcription and structuring without transcribing twice", async () => {
    await sendAudio(service, DOCTOR, wavOfSeconds(12));
    await service.jobs.runDue(["dictation-transcribe"]);
    expect(double.transcriptions).toHaveLength(1);
    expect(double.chats).toHaveLength(0);
    await service.stop();
    service = await startTestService(await testDb.reopen(), { config: config() });
    await service.jobs.runDue();
    expect(double.transcriptions).toHaveLength(1);
    expect(double.chats).toHaveLength(1);
    expect(await lastOut()).toContain("Rascunho da nota de *Maria Silva*");
    expect(texts(await service.say(DOCTOR, "salvar"))).toContain("Nota salva no prontuário de *Maria Silva*. ✅");
  });
});

describe("doctor dictation without an API key", () => {
  it("tells the doctor that dictation is not configured and produces nothing", async () => {
    const db = await createTestDatabase("dictation_off");
    const off = await startTestService(db.db);
    try {
      const answer = texts(await sendAudio(off, DOCTOR, wavOfSeconds(10)));
      expect(answer).toEqual([expect.stringContaining("não está configurado")]);
      await off.jobs.runDue();
      expect(await db.db.prisma.dictation.count()).toBe(0);
    } finally {
      await off.stop();
      await db.close();
    }
  });
});
