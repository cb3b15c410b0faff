// The record marks what a model structured (CFM Resolution 2.454/2026) and
// takes addenda without rewriting a saved note: over the simulator, with the
// real `openai` SDK against the local OpenAI-compatible double.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emptyNote, type ClinicalNote } from "../src/ai/clinical-note.js";
import { wavOfSeconds } from "./support/audio.js";
import { createTestDatabase, type TestDatabase } from "./support/db.js";
import { startOpenAiDouble, type OpenAiDouble } from "./support/openai-double.js";
import { addPatient, demoProfessional, outgoing, sendAudio, TEST_ENCRYPTION_KEY, testCipher } from "./support/records.js";
import { DOCTOR, startTestService, testConfig, texts, type TestService } from "./support/service.js";

const FIRST: ClinicalNote = {
  ...emptyNote(),
  chiefComplaint: { text: "Tosse há cinco dias", evidence: "tosse há cinco dias" },
  assessment: [{ diagnosis: "Resfriado comum", cid10: null, evidence: "resfriado comum" }],
};
const LATER: ClinicalNote = { ...emptyNote(), examination: [{ text: "Ausculta limpa", evidence: "ausculta limpa" }] };
const SNAPSHOT = "gpt-4o-mini-2024-07-18";

let testDb: TestDatabase;
let double: OpenAiDouble;
let service: TestService;
let doctor: { id: string; name: string };
let patientId: string;

beforeAll(async () => {
  testDb = await createTestDatabase("note_addenda");
  double = await startOpenAiDouble();
  service = await startTestService(testDb.db, {
    config: testConfig({ OPENAI_API_KEY: "test", OPENAI_BASE_URL: double.url, ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, DICTATION_RETRY_DELAY_SECONDS: "0" }),
  });
  doctor = await demoProfessional(testDb.db, service.clinicId);
  patientId = (await addPatient(testDb.db, service.clinicId, { name: "Lúcia Prado", phone: "+5511933330001" })).id;
  await addPatient(testDb.db, service.clinicId, { name: "Otávio Sem Nota", phone: "+5511933330002" });
});

afterAll(async () => {
  await service?.stop();
  await double?.close();
  await testDb?.close();
});

beforeEach(() => {
  double.onTranscription = () => ({ text: "Paciente com tosse há cinco dias, resfriado comum. Hoje ausculta limpa." });
});

const lastOut = async () => (await outgoing(service, DOCTOR)).at(-1)?.text ?? "";
const versions = () => testDb.db.prisma.clinicalNoteVersion.findMany({ where: { clinicId: service.clinicId }, orderBy: { version: "asc" } });
const notesApi = async () => (await service.api("GET", `/api/v1/clinics/${service.clinicId}/patients/${patientId}/notes`)).body.notes;

async function dictate(note: ClinicalNote): Promise<void> {
  double.onChat = () => ({ note, model: SNAPSHOT });
  await sendAudio(service, DOCTOR, wavOfSeconds(20));
  await service.jobs.runDue();
  expect(await lastOut()).toContain("*4* Salvar como adendo à última nota");
}

describe("AI marking and addenda in the record", () => {
  it("marks a dictated note as AI-assisted, with the model, when it was structured, and the doctor who confirmed it", async () => {
    expect(texts(await service.say(DOCTOR, "paciente Lúcia")).join("\n")).toContain("Paciente escolhido: *Lúcia Prado*");
    await dictate(FIRST);
    const structuredAt = service.clock.now();
    service.clock.advance(3 * 60_000); // the doctor reads the draft for three minutes
    expect(texts(await service.say(DOCTOR, "1"))).toEqual(["Nota salva no prontuário de *Lúcia Prado*. ✅"]);
    const [saved] = await versions();
    expect(saved).toMatchObject({
      kind: "note", source: "dictation", aiAssisted: true, aiModel: SNAPSHOT, aiStructuredAt: structuredAt,
      reviewedById: doctor.id, reviewedAt: service.clock.now(),
    });
    const [note] = await notesApi();
    expect(note.versions).toEqual([expect.objectContaining({
      version: 1, kind: "note", source: "dictation", aiAssisted: true,
      ai: { model: SNAPSHOT, structuredAt: structuredAt.toISOString() },
      review: { professionalId: doctor.id, professionalName: doctor.name, reviewedAt: service.clock.now().toISOString() },
      content: FIRST, text: null,
    })]);
  });

  it("appends a typed addendum, dated and not AI-assisted, without touching the note", async () => {
    const before = await versions();
    service.clock.advance(60 * 60_000);
    const answer = texts(await service.say(DOCTOR, "adendo Paciente trouxe RX de tórax: sem consolidações."));
    expect(answer).toEqual(["Adendo salvo na nota de 23/11 do prontuário de *Lúcia Prado* (versão 2); a nota original não foi alterada. ✅"]);
    const after = await versions();
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).toMatchObject({ kind: "addendum", source: "typed", aiAssisted: false, aiModel: null, reviewedById: doctor.id, createdAt: service.clock.now() });
    // Sealed: a phrase this long never turns up in the base64 of random ciphertext ("RX" alone did, now and then).
    expect(after[1]!.contentSealed).not.toContain("consolidações");
    expect(after[1]!.contentSealed).not.toContain("RX de tórax");
    expect(JSON.parse(testCipher.decrypt(after[1]!.contentSealed))).toEqual({ text: "Paciente trouxe RX de tórax: sem consolidações." });
    const [note] = await notesApi();
    expect(note.versions[1]).toMatchObject({ version: 2, kind: "addendum", source: "typed", aiAssisted: false, ai: null, content: null, text: "Paciente trouxe RX de tórax: sem consolidações." });
  });

  it("saves a new voice note as an addendum when the doctor answers 'é um adendo'", async () => {
    await dictate(LATER);
    const answer = texts(await service.say(DOCTOR, "é um adendo"));
    expect(answer).toEqual(["Adendo salvo na nota de 23/11 do prontuário de *Lúcia Prado* (versão 3); a nota original não foi alterada. ✅"]);
    expect(await testDb.db.prisma.clinicalNote.count({ where: { patientId } })).toBe(1);
    const [note] = await notesApi();
    expect(note.versions.map((v: { version: number; kind: string; aiAssisted: boolean }) => [v.version, v.kind, v.aiAssisted]))
      .toEqual([[1, "note", true], [2, "addendum", false], [3, "addendum", true]]);
    expect(note.versions[0].content).toEqual(FIRST);
    expect(note.versions[2]).toMatchObject({ content: LATER, ai: { model: SNAPSHOT }, review: { professionalId: doctor.id } });
  });

  it("lists the note with its versions and their marking in the patient's data export", async () => {
    const exported = await service.api("GET", `/api/v1/clinics/${service.clinicId}/patients/${patientId}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.clinicalNotes).toEqual([expect.objectContaining({
      professional: doctor.name, aiAssisted: true,
      versions: [
        expect.objectContaining({ version: 1, kind: "note", aiAssisted: true, aiModel: SNAPSHOT, reviewedBy: doctor.name }),
        expect.objectContaining({ version: 2, kind: "addendum", aiAssisted: false, aiModel: null, reviewedBy: doctor.name }),
        expect.objectContaining({ version: 3, kind: "addendum", aiAssisted: true, aiModel: SNAPSHOT }),
      ],
    })]);
    expect(JSON.stringify(exported.body)).not.toContain("RX de tórax");
  });

  it("puts each version's content in the export when the clinic includes notes", async () => {
    await testDb.db.sql.query(`UPDATE "Clinic" SET "privacyExportIncludesNotes" = true WHERE id = $1`, [service.clinicId]);
    try {
      const exported = await service.api("GET", `/api/v1/clinics/${service.clinicId}/patients/${patientId}/export`);
      expect(exported.status).toBe(200);
      expect(exported.body.clinicalNotesPolicy).toContain("está incluído");
      const [note] = exported.body.clinicalNotes;
      expect(note.versions[0].content).toEqual(FIRST);
    } finally {
      await testDb.db.sql.query(`UPDATE "Clinic" SET "privacyExportIncludesNotes" = false WHERE id = $1`, [service.clinicId]);
    }
  });

  it("refuses an addendum for a patient with no saved note, and keeps the draft for a new note", async () => {
    await service.say(DOCTOR, "paciente Otávio");
    expect(texts(await service.say(DOCTOR, "adendo retorno em 7 dias"))).toEqual([
      "*Otávio Sem Nota* ainda não tem nota salva no prontuário para receber um adendo. Para um rascunho, responda *1* para salvá-lo como nota nova.",
    ]);
    await dictate(LATER);
    expect(texts(await service.say(DOCTOR, "é um adendo"))[0]).toContain("*Otávio Sem Nota* ainda não tem nota salva");
    expect(texts(await service.say(DOCTOR, "1"))).toEqual(["Nota salva no prontuário de *Otávio Sem Nota*. ✅"]);
  });
});
