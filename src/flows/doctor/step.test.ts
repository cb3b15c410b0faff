import { describe, expect, it } from "vitest";
import type { FlowInput, InputKind } from "../types.js";
import { parseCommand, parsePrescriptionLine } from "./commands.js";
import { doctorNeeds, doctorStep, initialDoctorState, type DoctorContext, type DoctorState } from "./step.js";
import { doctorTexts as t, spokenDuration } from "./texts.js";

const now = new Date("2026-11-23T12:00:00Z");
const TODAY = "2026-11-23";
const CLINIC = "Clínica Demo";
const DOCTOR = "Dra. Ana Souza";
const MARIA = { patientId: "p-maria", name: "Maria Silva" };
const JOAO = { patientId: "p-joao", name: "João Souza" };

function ctx(overrides: Partial<DoctorContext> = {}): DoctorContext {
  return {
    now,
    clinic: { name: CLINIC, timeZone: "America/Sao_Paulo" },
    lastInboundAt: new Date(now.getTime() - 5 * 60_000),
    idleMinutes: 30,
    handoffMinutes: 480,
    professional: { id: "doc-1", name: DOCTOR },
    today: TODAY,
    dictation: { configured: true, maxSeconds: 600, maxBytes: 25 * 1_048_576 },
    ...overrides,
  };
}

const text = (value: string): FlowInput => ({ kind: "text", text: value });
const media = (kind: InputKind): FlowInput => ({ kind, mediaId: "media-1" });
const voice = (seconds: number, extra: Partial<FlowInput> = {}): FlowInput => ({ kind: "audio", mediaId: "media-1", mimetype: "audio/ogg; codecs=opus", durationSeconds: seconds, sizeBytes: 50_000, ...extra });
const greeting = [t.greeting(DOCTOR, CLINIC), t.help];
const withMaria: DoctorState = { type: "idle", selected: { ...MARIA, date: TODAY } };
const agenda = { date: TODAY, entries: [{ ...MARIA, time: "14:00", procedure: "Consulta" }, { ...JOAO, time: "15:00", procedure: "Retorno" }] };
const replies = (result: ReturnType<typeof doctorStep>) => result.effects.filter((e) => e.kind === "reply").map((e) => (e as { text: string }).text);

describe("doctorStep", () => {
  const cases: { name: string; input: FlowInput; says: string[]; extra?: Partial<DoctorContext> }[] = [
    { name: "greets the doctor with what the assistant can do on first contact", input: text("qualquer coisa"), says: greeting, extra: { lastInboundAt: undefined } },
    { name: "greets the doctor on 'oi'", input: text("Oi!"), says: greeting },
    { name: "shows what it can do on 'ajuda'", input: text("ajuda"), says: greeting },
    { name: "shows what it can do on 'menu'", input: text("Menu"), says: greeting },
    { name: "does not understand free text", input: text("como vai o tempo"), says: [t.notUnderstood] },
    { name: "does not understand a menu number with nothing to choose", input: text("1"), says: [t.notUnderstood] },
    { name: "does not hand off on 'atendente': a doctor has no reception queue", input: text("atendente"), says: [t.notUnderstood] },
    { name: "says dictation is not configured when there is no AI key", input: voice(30), says: [t.dictationNotConfigured], extra: { dictation: { configured: false, maxSeconds: 600, maxBytes: 1e9 } } },
    { name: "refuses an audio over the length limit", input: voice(601), says: [t.audioTooLong(601, 600)] },
    { name: "refuses an audio over the size limit", input: voice(30, { sizeBytes: 26 * 1_048_576 }), says: [t.audioTooLarge(25)] },
    { name: "refuses an audio whose length cannot be read", input: voice(30, { durationSeconds: undefined }), says: [t.notAudio] },
    { name: "answers an image instead of staying silent", input: media("image"), says: [t.notUnderstood] },
    { name: "asks for a patient before issuing a document", input: text("receita"), says: [t.noPatientChosen] },
    { name: "lists the agenda", input: text("agenda"), says: [t.agenda(agenda)], extra: { agenda } },
    { name: "says when a date cannot be read", input: text("agenda 31/02"), says: [t.agendaDateInvalid] },
  ];
  for (const { name, input, says, extra } of cases) {
    it(name, () => expect(replies(doctorStep(initialDoctorState, input, ctx(extra)))).toEqual(says));
  }

  it("stays silent on a reaction", () => {
    expect(doctorStep(initialDoctorState, { kind: "reaction", text: "👍" }, ctx())).toEqual({ state: initialDoctorState, effects: [] });
  });

  it("picks a patient from the agenda by number and keeps the choice", () => {
    const listed = doctorStep(initialDoctorState, text("agenda"), ctx({ agenda }));
    expect(listed.state).toEqual({ type: "choosingPatient", options: [MARIA, JOAO] });
    const picked = doctorStep(listed.state, text("2"), ctx());
    expect(picked.state).toEqual({ type: "idle", selected: { ...JOAO, date: TODAY } });
    expect(replies(picked)).toEqual([t.patientSelected("João Souza")]);
  });

  it("picks a patient by name when exactly one matches", () => {
    const result = doctorStep(initialDoctorState, text("paciente maria"), ctx({ patientMatches: [MARIA] }));
    expect(result.state).toEqual(withMaria);
  });

  it("says when no patient matches the name", () => {
    expect(replies(doctorStep(initialDoctorState, text("paciente Zé"), ctx({ patientMatches: [] })))).toEqual([t.patientNotFound("Zé")]);
  });

  it("forgets the chosen patient when the clinic's day ends", () => {
    const yesterday: DoctorState = { type: "idle", selected: { ...MARIA, date: "2026-11-22" } };
    expect(replies(doctorStep(yesterday, text("receita"), ctx()))).toEqual([t.noPatientChosen]);
  });

  it("starts a dictation for the chosen patient and acknowledges at once with the length", () => {
    const result = doctorStep(withMaria, voice(92), ctx());
    expect(result.effects).toEqual([
      { kind: "startDictation", professionalId: "doc-1", patientId: "p-maria", audio: { mediaId: "media-1", durationSeconds: 92 } },
      { kind: "reply", text: "Recebi seu áudio de 1 min 32 s sobre *Maria Silva*, transcrevendo. Aviso quando a nota estiver pronta." },
    ]);
  });

  it("asks whose audio it is when no patient is chosen, then starts it on the answer", () => {
    const asked = doctorStep(initialDoctorState, voice(40), ctx({ agenda }));
    expect(asked.state).toEqual({ type: "choosingPatient", options: [MARIA, JOAO], pendingAudio: { mediaId: "media-1", durationSeconds: 40 } });
    expect(asked.effects.some((e) => e.kind === "startDictation")).toBe(false);
    const answered = doctorStep(asked.state, text("1"), ctx());
    expect(answered.effects[0]).toEqual({ kind: "startDictation", professionalId: "doc-1", patientId: "p-maria", audio: { mediaId: "media-1", durationSeconds: 40 } });
  });

  it("saves, corrects or discards the open draft", () => {
    const open = { id: "d-1", status: "drafted" as const, patientName: "Maria Silva" };
    expect(doctorStep(withMaria, text("1"), ctx({ openDictation: open })).effects).toEqual([{ kind: "saveNote", dictationId: "d-1" }]);
    const correcting = doctorStep(withMaria, text("2"), ctx({ openDictation: open }));
    expect(correcting.state).toMatchObject({ type: "correctingNote", dictationId: "d-1" });
    expect(doctorStep(correcting.state, text("a dose é 1 g"), ctx({ openDictation: open })).effects[0]).toEqual({ kind: "correctDictation", dictationId: "d-1", text: "a dose é 1 g" });
    expect(doctorStep(withMaria, voice(10), ctx({ openDictation: open })).effects[0]).toEqual({ kind: "correctDictation", dictationId: "d-1", audio: { mediaId: "media-1", durationSeconds: 10 } });
    expect(doctorStep(withMaria, text("descartar"), ctx({ openDictation: open })).effects[0]).toEqual({ kind: "discardDictation", dictationId: "d-1" });
  });

  it("drafts an atestado with the CID of the last note and issues it on 1", () => {
    const drafted = doctorStep(withMaria, text("atestado 2 dias com CID"), ctx({ lastNote: { medications: [], cid10: "J11" } }));
    expect(drafted.state).toMatchObject({ type: "reviewingDocument", request: { kind: "certificate", daysOff: 2, startDate: TODAY, cid10: "J11" } });
    const issued = doctorStep(drafted.state, text("1"), ctx());
    expect(issued.effects).toContainEqual({ kind: "issueDocument", professionalId: "doc-1", patientId: "p-maria", request: { kind: "certificate", daysOff: 2, startDate: TODAY, cid10: "J11" } });
  });

  it("turns the last note's medications into the prescription draft", () => {
    const lastNote = { medications: [{ name: "Dipirona", strength: "500 mg", form: "comprimido", dose: "um comprimido", route: null, frequency: "de 6 em 6 horas", duration: "por 3 dias" }] };
    const drafted = doctorStep(withMaria, text("receita"), ctx({ lastNote }));
    expect(drafted.state).toMatchObject({ type: "reviewingDocument", request: { kind: "prescription", items: [{ genericName: "Dipirona", strength: "500 mg", form: "comprimido", quantity: "quantidade suficiente por 3 dias", instructions: "um comprimido, de 6 em 6 horas, por 3 dias" }] } });
  });

  it("asks for typed medications when there is no note, and reads them", () => {
    const asked = doctorStep(withMaria, text("receita"), ctx());
    expect(asked.state.type).toBe("typingPrescription");
    const typed = doctorStep(asked.state, text("Ibuprofeno 400 mg comprimido; 10 comprimidos; tomar 1 comprimido de 8 em 8 horas"), ctx());
    expect(typed.state).toMatchObject({ type: "reviewingDocument", request: { kind: "prescription", items: [{ genericName: "Ibuprofeno", strength: "400 mg", form: "comprimido", quantity: "10 comprimidos" }] } });
  });
});

describe("parseCommand", () => {
  it.each([
    ["agenda amanhã", { kind: "agenda", when: "amanha" }],
    ["Agenda de 25/11", { kind: "agenda", when: "25/11" }],
    ["paciente Maria Silva", { kind: "patient", query: "Maria Silva" }],
    ["atestado 3 dias", { kind: "certificate", daysOff: 3, withCid: false }],
    ["Atestado 1 dia com CID J11.1", { kind: "certificate", daysOff: 1, withCid: true, cid10: "J11.1" }],
    ["exames hemograma, glicemia de jejum e TSH", { kind: "exams", exams: ["hemograma", "glicemia de jejum", "TSH"] }],
    ["receita", { kind: "prescription" }],
    ["bom trabalho", undefined],
  ])("reads %j", (input, expected) => expect(parseCommand(input)).toEqual(expected));

  it("refuses a prescription line without quantity or instructions", () => {
    expect(parsePrescriptionLine("Dipirona 500 mg comprimido")).toBeUndefined();
  });
});

describe("doctorNeeds", () => {
  it.each([
    [text("agenda"), {}, { agendaDate: TODAY }],
    [text("agenda amanhã"), {}, { agendaDate: "2026-11-24" }],
    [text("agenda 31/02"), {}, { agendaDate: null }],
    [text("paciente Ana"), {}, { patientQuery: "Ana" }],
    [voice(10), {}, { agendaDate: TODAY }],
    [voice(10), withMaria, {}],
    [text("receita"), withMaria, { lastNoteOf: "p-maria" }],
  ] as [FlowInput, Partial<DoctorState>, object][])("loads what %j needs", (input, state, expected) => {
    expect(doctorNeeds({ type: "idle", ...state } as DoctorState, input, TODAY, now, "America/Sao_Paulo")).toEqual(expected);
  });
});

describe("spokenDuration", () => {
  it.each([[92, "1 min 32 s"], [45, "45 s"], [120, "2 min"], [0.4, "1 s"]])("says %d seconds as %j", (seconds, said) => expect(spokenDuration(seconds)).toBe(said));
});
