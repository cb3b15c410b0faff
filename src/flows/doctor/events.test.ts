// What the doctor's chat hears of work finished outside their turn, and of
// the outcome of what they asked for: words, files, and an unchanged state.
import { describe, expect, it } from "vitest";
import type { DoctorChatEvent } from "../../chat-events/types.js";
import type { Effect, FlowInput } from "../types.js";
import type { DoctorState } from "./state.js";
import { doctorStep, type DoctorContext } from "./step.js";

const now = new Date("2026-11-23T12:00:00Z");
const ctx: DoctorContext = {
  now, clinic: { name: "Clínica Demo", timeZone: "America/Sao_Paulo" }, idleMinutes: 30, handoffMinutes: 120,
  professional: { id: "pro-1", name: "Dra. Ana Souza" }, today: "2026-11-23", dictation: { configured: true, maxSeconds: 600, maxBytes: 1_000_000 },
};
// A doctor in the middle of typing a prescription, with a patient chosen yesterday: neither is touched by an event.
const typing: DoctorState = { type: "typingPrescription", selected: { patientId: "pat-1", name: "Maria", date: "2026-11-22" } };
const pdf = { documentId: "doc-1", kind: "exam_request", mediaId: "media-1", filename: "exames-ABC.pdf", verificationCode: "ABC" } as const;
const note = { chiefComplaint: { text: "dor de cabeça", evidence: "dor de cabeça" }, history: [], examination: [], assessment: [], plan: [], medications: [], allergies: [], examsRequested: [], followUp: null };

const clinic = (event: DoctorChatEvent): FlowInput => ({ kind: "clinicEvent", clinicEvent: event });
const said = (effects: Effect[]) => effects.map((e) => (e.kind === "reply" ? e.text : e.kind === "sendMedia" ? e.caption : e.kind)).join("\n");

describe("events in the doctor's chat", () => {
  it.each([
    ["a drafted note", { type: "noteDrafted", dictationId: "d-1", patientName: "Maria", version: 1, note, dropped: 0 }, "Rascunho da nota de *Maria* (versão 1)"],
    ["a draft with items removed", { type: "noteDrafted", dictationId: "d-1", patientName: "Maria", version: 2, note, dropped: 2 }, "_2 itens sugeridos pela IA sem base no que você ditou foram removidos._"],
    ["a draft with one item removed", { type: "noteDrafted", dictationId: "d-1", patientName: "Maria", version: 2, note, dropped: 1 }, "_1 item sugerido pela IA sem base no que você ditou foi removido._"],
    ["a draft, with the choice of an addendum", { type: "noteDrafted", dictationId: "d-1", patientName: "Maria", version: 1, note, dropped: 0 }, "*4* Salvar como adendo à última nota (ou *é um adendo*)"],
    ["a dictation that failed", { type: "dictationFailed", dictationId: "d-1", patientName: "Maria", reason: "failed" }, "Não consegui processar o áudio de *Maria*"],
    ["a silent dictation", { type: "dictationFailed", dictationId: "d-1", patientName: "Maria", reason: "silent" }, "Não consegui entender nada no áudio"],
    ["a signed document", { type: "documentSigned", pdf, deliveredToPatient: true }, "Cópia da solicitação de exames enviada ao paciente. Código: ABC."],
    ["a document the patient cannot get", { type: "documentSigned", pdf, deliveredToPatient: false }, "*não enviado ao paciente*"],
    ["a failed signature", { type: "documentFailed", documentId: "doc-1", kind: "certificate", reason: "certificado vencido." }, "Não consegui assinar o atestado: certificado vencido."],
    ["the patient's CID answer", { type: "cidAnswered", requestId: "cid-1", cid10: "J11", granted: false }, "não autorizou incluir o CID J11"],
    // Results that arrive after the doctor switched patients name theirs.
    ["a signed document of a named patient", { type: "documentSigned", pdf, deliveredToPatient: true, patientName: "João Souza" },
      "Cópia da solicitação de exames de *João Souza*; o original foi enviado ao WhatsApp do paciente. Código: ABC."],
    ["a named document the patient cannot get", { type: "documentSigned", pdf, deliveredToPatient: false, patientName: "João Souza" },
      "Documento assinado (solicitação de exames de *João Souza*, código ABC), mas *não enviado ao paciente*"],
    ["a failed signature of a named patient", { type: "documentFailed", documentId: "doc-1", kind: "prescription", reason: "certificado vencido.", patientName: "João Souza" },
      "Não consegui assinar a receita de *João Souza*: certificado vencido."],
    ["a named patient's CID answer", { type: "cidAnswered", requestId: "cid-1", cid10: "J11", granted: true, patientName: "João Souza" },
      "*João Souza* autorizou por escrito incluir o CID J11."],
  ] as [string, DoctorChatEvent, string][])("says so of %s, and leaves the doctor where they were", (_name, event, words) => {
    const result = doctorStep(typing, clinic(event), ctx);
    expect(said(result.effects)).toContain(words);
    expect(result.state).toEqual(typing);
  });

  it("sends the signed PDF itself to the doctor", () => {
    const result = doctorStep(typing, clinic({ type: "documentSigned", pdf, deliveredToPatient: true }), ctx);
    expect(result.effects).toEqual([expect.objectContaining({ kind: "sendMedia", mediaId: "media-1", filename: "exames-ABC.pdf" })]);
  });

  it.each([
    [{ type: "noteSaved", version: 1, patientName: "Maria", noteCreatedAt: "2026-11-23T17:00:00.000Z" }, "Nota salva no prontuário de *Maria*."],
    // 01:30 UTC on the 24th is still the 23rd in São Paulo.
    [{ type: "noteSaved", version: 2, patientName: "Maria", noteCreatedAt: "2026-11-24T01:30:00.000Z" },
      "Adendo salvo na nota de 23/11 do prontuário de *Maria* (versão 2); a nota original não foi alterada."],
    [{ type: "noNoteForAddendum", patientName: "Maria" }, "*Maria* ainda não tem nota salva no prontuário para receber um adendo."],
    [{ type: "noteNotOpen" }, "Essa nota não está mais aberta"],
    [{ type: "documentIssue", outcome: { kind: "cidAsked", cid10: "J11" } }, "Pedi ao paciente, pelo WhatsApp, autorização"],
    [{ type: "documentIssue", outcome: { kind: "refused", message: "Falta o CPF do paciente." } }, "Falta o CPF do paciente."],
  ] as [NonNullable<FlowInput["event"]>, string][])("words the outcome %j of the doctor's own request", (event, words) => {
    expect(said(doctorStep(typing, { kind: "event", event }, ctx).effects)).toContain(words);
  });
});
