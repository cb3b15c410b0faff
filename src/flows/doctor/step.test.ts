import { describe, expect, it } from "vitest";
import type { FlowInput, InputKind } from "../types.js";
import { parseCommand } from "./commands.js";
import { resolveDay } from "./documents.js";
import { controlledDrugsSeed } from "../../documents/controlled-drugs-seed.js";
import { describePrescription } from "./prescription.js";
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
    ]);
    const started = doctorStep(result.state, { kind: "event", event: { type: "dictationStart", outcome: { kind: "started" }, seconds: 92 } }, ctx());
    expect(replies(started)).toEqual(["Recebi seu áudio de 1 min 32 s sobre *Maria Silva*, transcrevendo. Aviso quando a nota estiver pronta."]);
  });

  it("tells the doctor that a patient who withdrew consent is not transcribed", () => {
    const refused = doctorStep(withMaria, { kind: "event", event: { type: "dictationStart", outcome: { kind: "consentWithdrawn" }, seconds: 92 } }, ctx());
    expect(replies(refused)).toEqual(["*Maria Silva* revogou o consentimento: não transcrevo nem organizo este áudio com IA. Registre a consulta no prontuário por outro meio."]);
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

  it("saves the open draft as an addendum on 'é um adendo', '4' or 'adendo' alone", () => {
    const open = { id: "d-1", status: "drafted" as const, patientName: "Maria Silva" };
    for (const answer of ["é um adendo", "É um adendo!", "4", "adendo"]) {
      expect(doctorStep(withMaria, text(answer), ctx({ openDictation: open })).effects).toEqual([{ kind: "saveNote", dictationId: "d-1", asAddendum: true }]);
    }
  });

  it("appends a typed addendum to the selected patient's last note, keeping the doctor's words", () => {
    const result = doctorStep(withMaria, text("Adendo: paciente trouxe hemograma normal, Hb 13,2"), ctx());
    expect(result.effects).toEqual([{ kind: "addAddendum", professionalId: "doc-1", patientId: "p-maria", text: "paciente trouxe hemograma normal, Hb 13,2" }]);
    expect(result.state).toEqual(withMaria);
  });

  it("asks for the text of an addendum, and for a patient first", () => {
    expect(replies(doctorStep(withMaria, text("adendo"), ctx()))).toEqual([t.addendumFormat]);
    expect(replies(doctorStep(initialDoctorState, text("adendo retorno antecipado"), ctx()))).toEqual([t.noPatientChosen]);
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
    expect(drafted.state).toMatchObject({ type: "reviewingPrescription", items: [{ genericName: "Dipirona", strength: "500 mg", form: "comprimido", quantity: "12 comprimidos", posology: "Tomar 1 comprimido de 6 em 6 horas, por 3 dias." }] });
  });

  it("asks for typed medications when there is no note, and reads them in the old format too", () => {
    const asked = doctorStep(withMaria, text("receita"), ctx());
    expect(asked.state.type).toBe("typingPrescription");
    const typed = doctorStep(asked.state, text("Ibuprofeno 400 mg comprimido; 10 comprimidos; tomar 1 comprimido de 8 em 8 horas"), ctx());
    expect(typed.state).toMatchObject({ type: "reviewingPrescription", items: [{ genericName: "Ibuprofeno", strength: "400 mg", form: "comprimido", quantity: "10 comprimidos" }] });
  });
});

const issued = (result: ReturnType<typeof doctorStep>) => result.effects.find((e) => e.kind === "issueDocument") as { request: { items: object[] } } | undefined;

/** Sends each message in turn from Maria's chosen state; returns every step's result. */
function conversation(messages: string[], extra: Partial<DoctorContext> = {}) {
  let state: DoctorState = withMaria;
  return messages.map((message) => {
    const result = doctorStep(state, text(message), ctx(extra));
    state = result.state;
    return result;
  });
}

describe("prescriptions in the chat", () => {
  const PARACETAMOL = "receita paracetamol 750 mg, 1 comprimido de 6 em 6 horas se dor ou febre, por 3 dias";

  it("reads the items typed after 'receita' and shows each numbered with the computed quantity", () => {
    const [drafted] = conversation([PARACETAMOL]);
    expect(replies(drafted!)[0]).toBe([
      "*Receita* para Maria Silva:",
      "1. Paracetamol 750 mg comprimido — 12 comprimidos (calculado)",
      "   Tomar 1 comprimido de 6 em 6 horas, se dor ou febre, por 3 dias.",
      "",
      t.prescriptionActions(1),
    ].join("\n"));
  });

  it("issues the parsed items on 1, with the posology as the instructions", () => {
    const [, confirmed] = conversation([PARACETAMOL, "1"]);
    expect(issued(confirmed!)?.request.items).toEqual([{ genericName: "Paracetamol", strength: "750 mg", form: "comprimido", quantity: "12 comprimidos", instructions: "Tomar 1 comprimido de 6 em 6 horas, se dor ou febre, por 3 dias." }]);
    expect(confirmed!.state).toEqual(withMaria);
  });

  const cases: { name: string; messages: string[]; says: string; issues: boolean; extra?: Partial<DoctorContext> }[] = [
    { name: "asks for an explicit confirmation of an unknown drug", messages: ["receita Xyzoplex 10 mg 1 cp 1x ao dia por 10 dias", "1"], says: t.confirmWarnings, issues: false },
    { name: "issues an unknown drug once the doctor writes 'confirmo'", messages: ["receita Xyzoplex 10 mg 1 cp 1x ao dia por 10 dias", "confirmo"], says: "", issues: true },
    { name: "issues a drug written by a synonym without asking (losartan is losartana)", messages: ["receita Losartan 50 mg 1 cp 1x ao dia por 30 dias", "1"], says: "", issues: true },
    { name: "asks for a confirmation when a recorded allergy matches", messages: ["receita Novalgina 1 g 1 cp 6/6h se dor por 2 dias", "1"], says: t.confirmWarnings, issues: false, extra: { lastNote: { medications: [], allergies: ["Alergias – dipirona"] } } },
    { name: "refuses to issue while a quantity is missing", messages: ["receita dipirona 1 g 6/6h se dor", "1"], says: t.prescriptionIncomplete(["forma farmacêutica do item 1", "quantidade do item 1"]), issues: false },
    { name: "asks which item to correct on 2 when there are several", messages: ["receita dipirona 1 g 1 cp 6/6h se dor por 2 dias\namoxicilina 500 mg 1 cp 8/8h 7 dias", "2"], says: t.chooseItem(2), issues: false },
    { name: "cancels the draft on 3", messages: [PARACETAMOL, "3"], says: t.cancelled, issues: false },
  ];
  for (const { name, messages, says, issues, extra } of cases) {
    it(name, () => {
      const results = conversation(messages, extra);
      const last = results.at(-1)!;
      if (says) expect(replies(last)).toEqual([says]);
      expect(issued(last) !== undefined).toBe(issues);
    });
  }

  it("flags a typo in the preview and names the substance read", () => {
    const [drafted] = conversation(["receita Clonazepan 2 mg 1 cp à noite por 30 dias"]);
    expect(replies(drafted!)[0]).toContain(t.typoDrug("Clonazepan", "clonazepam"));
    expect(replies(drafted!)[0]).toContain(t.prescriptionActionsConfirm);
  });

  it("shows the allergy warning under the draft", () => {
    const [drafted] = conversation(["receita amoxicilina 500 mg 1 cp 8/8h 7 dias"], { lastNote: { medications: [], allergies: ["alérgico a penicilina"] } });
    expect(replies(drafted!)[0]).toContain(t.allergyWarning("alérgico a penicilina", 1, "amoxicilina", "penicilinas"));
  });

  it("corrects one item by number, then by the typed item, keeping the others", () => {
    const results = conversation(["receita dipirona 1 g 1 cp 6/6h se dor por 2 dias\namoxicilina 500 mg 1 cp 8/8h 7 dias", "2", "2", "amoxicilina 875 mg 1 cp 12/12h 7 dias"]);
    expect(results[2]!.state).toMatchObject({ type: "correctingItem", index: 1 });
    expect(results[3]!.state).toMatchObject({ type: "reviewingPrescription", items: [{ genericName: "Dipirona", quantity: "8 comprimidos" }, { strength: "875 mg", quantity: "14 comprimidos" }] });
  });

  it("corrects an item in one message: 'corrigir 2 ...'", () => {
    const [, corrected] = conversation(["receita dipirona 1 g 1 cp 6/6h se dor por 2 dias\namoxicilina 500 mg 1 cp 8/8h 7 dias", "corrigir 2 amoxicilina 875 mg 1 cp 12/12h 7 dias"]);
    expect(corrected!.state).toMatchObject({ type: "reviewingPrescription", items: [{ genericName: "Dipirona" }, { strength: "875 mg", frequency: { kind: "interval", hours: 12 } }] });
  });

  it("asks for the corrected item directly when there is only one", () => {
    const [, asked, corrected] = conversation(["receita dipirona 1 g 6/6h se dor", "2", "dipirona 1 g 1 cp 6/6h se dor por 3 dias"]);
    expect(asked!.state).toMatchObject({ type: "correctingItem", index: 0 });
    expect(corrected!.state).toMatchObject({ type: "reviewingPrescription", items: [{ quantity: "12 comprimidos" }] });
  });

  it("removes an item and adds another", () => {
    const [, removed, added] = conversation(["receita dipirona 1 g 1 cp 6/6h se dor por 2 dias\namoxicilina 500 mg 1 cp 8/8h 7 dias", "remover 1", "incluir loratadina 10 mg 1 cp 1x ao dia por 5 dias"]);
    expect(removed!.state).toMatchObject({ type: "reviewingPrescription", items: [{ genericName: "Amoxicilina" }] });
    expect(added!.state).toMatchObject({ items: [{ genericName: "Amoxicilina" }, { genericName: "Loratadina", quantity: "5 comprimidos" }] });
  });

  it("flags in the preview a brand an admin added for a controlled substance, and keeps the draft on 1", () => {
    const extra = { controlledDrugs: [...controlledDrugsSeed], formularyEntries: [{ name: "Calmazepam", substances: ["clonazepam"], active: true }] };
    const [drafted, confirmed] = conversation(["receita Calmazepam 2 mg 1 cp à noite por 30 dias", "1"], extra);
    const preview = replies(drafted!)[0]!;
    expect(preview).toContain("1. Clonazepam (Calmazepam) 2 mg comprimido");
    expect(preview).toContain("⛔ Não posso emitir esta receita: clonazepam (B1) exige Notificação de Receita");
    expect(preview).not.toContain(t.unknownDrug("Calmazepam"));
    expect(preview.endsWith(t.prescriptionActionsBlocked)).toBe(true);
    expect(preview).not.toContain("Emitir");
    expect(issued(confirmed!)).toBeUndefined();
    expect(replies(confirmed!)[0]).toContain("⛔ Não posso emitir esta receita");
    expect(confirmed!.state).toMatchObject({ type: "reviewingPrescription", items: [{ writtenName: "Calmazepam" }] });
  });

  it("flags an antimicrobial brand an admin added, which the built-in formulary does not know", () => {
    const extra = { controlledDrugs: [...controlledDrugsSeed], formularyEntries: [{ name: "Amoxiforte", substances: ["amoxicilina"], active: true }] };
    expect(replies(conversation(["receita Amoxiforte 500 mg 1 cp 8/8h 7 dias"], extra)[0]!)[0]).toContain("⛔ Não posso emitir esta receita: amoxicilina");
    expect(replies(conversation(["receita Amoxiforte 500 mg 1 cp 8/8h 7 dias"], { controlledDrugs: [...controlledDrugsSeed] })[0]!)[0]).toContain(t.unknownDrug("Amoxiforte"));
  });

  it("describes a drug written as a brand with its substance", () => {
    const [drafted] = conversation(["receita Rivotril 2 mg, 1 comprimido à noite por 30 dias"]);
    expect(replies(drafted!)[0]).toContain("1. Clonazepam (Rivotril) 2 mg comprimido — 30 comprimidos (calculado)");
    expect(describePrescription([], [], "Maria")).toContain("*Receita* para Maria:");
  });
});

describe("atestados in the chat", () => {
  it.each([
    ["atestado 3 dias a partir de 30/11", { kind: "certificate", daysOff: 3, startDate: "2026-11-30" }, "*Atestado* para Maria Silva: 3 dias de afastamento a partir de segunda, 30/11."],
    ["atestado 1 dia", { kind: "certificate", daysOff: 1, startDate: TODAY }, "*Atestado* para Maria Silva: 1 dia de afastamento a partir de segunda, 23/11."],
    ["atestado 2 dias a partir de amanhã", { kind: "certificate", daysOff: 2, startDate: "2026-11-24" }, "*Atestado* para Maria Silva: 2 dias de afastamento a partir de terça, 24/11."],
    ["atestado de comparecimento hoje das 14h às 15h", { kind: "certificate", daysOff: 0, startDate: TODAY, attendance: { date: TODAY, from: "14:00", to: "15:00" } },
      "*Atestado de comparecimento* para Maria Silva: segunda, 23/11, das 14:00 às 15:00."],
    ["atestado 2 horas", { kind: "certificate", daysOff: 0, startDate: TODAY, attendance: { date: TODAY, hours: 2 } },
      "*Atestado de comparecimento* para Maria Silva: segunda, 23/11, por 2 horas."],
  ])("drafts %j", (message, request, said) => {
    const [drafted] = conversation([message]);
    expect(drafted!.state).toMatchObject({ type: "reviewingDocument", request });
    expect(replies(drafted!)[0]).toContain(said);
  });

  it.each([
    ["atestado de comparecimento das 15h às 14h", t.attendanceFormat],
    ["atestado 2 dias a partir de 31/02", t.certificateDateInvalid],
  ])("answers %j", (message, said) => expect(replies(conversation([message])[0]!)).toEqual([said]));
});

describe("resolveDay", () => {
  it.each([
    [{ day: 30, month: 11 }, "2026-11-23", "2026-11-30"],
    [{ day: 30, month: 12 }, "2027-01-02", "2026-12-30"],
    [{ day: 2, month: 1 }, "2026-12-30", "2027-01-02"],
    [{ day: 31, month: 2 }, "2026-11-23", undefined],
    [{ offset: 1 }, "2026-12-31", "2027-01-01"],
  ])("reads %j on %s as %s", (typed, today, expected) => expect(resolveDay(typed, today)).toBe(expected));
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
    ["Receita: dipirona 1 g 6/6h\nibuprofeno 600 mg 8/8h", { kind: "prescription", text: "dipirona 1 g 6/6h\nibuprofeno 600 mg 8/8h" }],
    ["atestado 3 dias a partir de 30/11", { kind: "certificate", daysOff: 3, startsOn: { day: 30, month: 11 }, withCid: false }],
    ["atestado dois dias a partir de amanhã", { kind: "certificate", daysOff: 2, startsOn: { offset: 1 }, withCid: false }],
    ["atestado de comparecimento hoje das 14h às 15h", { kind: "attendance", on: { offset: 0 }, from: "14:00", to: "15:00" }],
    ["atestado 2 horas", { kind: "attendance", hours: 2 }],
    ["bom trabalho", undefined],
  ])("reads %j", (input, expected) => expect(parseCommand(input)).toEqual(expected));
});

describe("doctorNeeds", () => {
  it.each([
    [text("agenda"), {}, { agendaDate: TODAY }],
    [text("agenda amanhã"), {}, { agendaDate: "2026-11-24" }],
    [text("agenda 31/02"), {}, { agendaDate: null }],
    [text("paciente Ana"), {}, { patientQuery: "Ana" }],
    [voice(10), {}, { agendaDate: TODAY }],
    [voice(10), withMaria, {}],
    [text("receita"), withMaria, { lastNoteOf: "p-maria", controlledDrugs: true }],
    [text("receita dipirona 1 g 6/6h"), withMaria, { lastNoteOf: "p-maria", controlledDrugs: true }],
    [text("corrigir 1 dipirona 1 g 1 cp 6/6h por 3 dias"), { ...withMaria, type: "reviewingPrescription" }, { controlledDrugs: true }],
    [text("atestado 2 dias"), withMaria, { lastNoteOf: "p-maria" }],
  ] as [FlowInput, Partial<DoctorState>, object][])("loads what %j needs", (input, state, expected) => {
    expect(doctorNeeds({ type: "idle", ...state } as DoctorState, input, TODAY, now, "America/Sao_Paulo")).toEqual(expected);
  });
});

describe("spokenDuration", () => {
  it.each([[92, "1 min 32 s"], [45, "45 s"], [120, "2 min"], [0.4, "1 s"]])("says %d seconds as %j", (seconds, said) => expect(spokenDuration(seconds)).toBe(said));
});
