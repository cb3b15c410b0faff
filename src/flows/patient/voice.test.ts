// Voice notes in the patient flow, with a fixed clock: Monday 2026-11-23 09:00 in São Paulo.
import { describe, expect, it } from "vitest";
import type { PatientChatEvent } from "../../chat-events/types.js";
import type { Effect, FlowInput } from "../types.js";
import type { SchedulingView } from "./scheduling-view.js";
import { patientStep, type PatientContext, type PatientView } from "./step.js";
import { patientTexts as t } from "./texts.js";
import { asTyped } from "./voice.js";
import { voiceTexts as v } from "./voice-texts.js";

const scheduling: SchedulingView = {
  procedures: [{ id: "consulta", name: "Consulta", durationMinutes: 30, priceCents: 25000, prepaymentRequired: false, professionalIds: ["ana"] }],
  professionals: [{ id: "ana", name: "Dra. Ana Souza" }],
  upcoming: [],
  cancellationNoticeHours: 24,
};
const known: PatientView = { name: "Maria da Silva", consentGranted: true };

function ctx(patient: PatientView | null, transcription = true): PatientContext {
  return {
    now: new Date("2026-11-23T12:00:00Z"), clinic: { name: "Clínica Demo", timeZone: "America/Sao_Paulo" },
    lastInboundAt: new Date("2026-11-23T11:59:00Z"), idleMinutes: 30, handoffMinutes: 480, patient, scheduling, voice: { transcription },
  };
}

const audio: FlowInput = { kind: "audio", mediaId: "media-1", mimetype: "audio/ogg" };
const event = (clinicEvent: PatientChatEvent): FlowInput => ({ kind: "clinicEvent", clinicEvent });
const replies = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "reply" ? [e.text] : []));

describe("a patient's voice note", () => {
  it("goes to transcription when transcription is configured, and nothing is said yet", () => {
    const result = patientStep({ type: "menu" }, audio, ctx(known));
    expect(result).toEqual({ state: { type: "menu" }, effects: [{ kind: "transcribeVoiceNote", mediaId: "media-1", previousInboundAt: "2026-11-23T11:59:00.000Z" }] });
  });

  it("reads a note sent after a long silence as a typed message then: the old question is dropped for the menu", () => {
    const heard = event({ type: "voiceNoteHeard", voiceNoteId: "n1", transcript: "Um.", previousInboundAt: "2026-11-23T10:00:00.000Z" });
    const result = patientStep({ type: "choosingProcedure" }, heard, ctx(known));
    expect(result.state).toEqual({ type: "menu" });
    expect(replies(result.effects)).toEqual([t.idleReset, t.menu]);
  });

  it("asks for text when transcription is not configured", () => {
    expect(replies(patientStep({ type: "menu" }, audio, ctx(known, false)).effects)).toEqual([t.audioNotSupported]);
  });

  it("is never transcribed after a refusal: the refusal is repeated", () => {
    const result = patientStep({ type: "consentDeclined" }, audio, ctx(null));
    expect(result.effects).toEqual([{ kind: "reply", text: t.stillDeclined }]);
  });

  it("is read, once heard, like the text it says: a booking request steers the booking", () => {
    const result = patientStep({ type: "menu" }, event({ type: "voiceNoteHeard", voiceNoteId: "n1", transcript: "Quero marcar uma consulta amanhã de manhã." }), ctx(known));
    expect(replies(result.effects)).toEqual(["Entendi: consulta amanhã de manhã."]);
    expect(result.effects).toContainEqual({ kind: "findSlots", procedureId: "consulta", professionalId: "ana", from: "2026-11-24" });
  });

  it("says nothing of a transcript that arrives after consent was withdrawn", () => {
    const withdrawn = { ...known, consentGranted: false, consentWithdrawn: true };
    expect(patientStep({ type: "menu" }, event({ type: "voiceNoteHeard", voiceNoteId: "n1", transcript: "quero marcar amanhã" }), ctx(withdrawn)).effects).toEqual([]);
  });

  it.each([["unavailable", v.unheard("unavailable")], ["silent", v.unheard("silent")], ["tooLong", v.unheard("tooLong")]] as const)(
    "asks the patient to type when it could not be read (%s), and the chat stays where it was", (reason, said) => {
      const result = patientStep({ type: "choosingProcedure" }, event({ type: "voiceNoteUnheard", voiceNoteId: "n1", reason }), ctx(known));
      expect(result).toEqual({ state: { type: "choosingProcedure" }, effects: [{ kind: "reply", text: said }] });
    });

  it.each([
    ["Dois.", "2"],
    ["Opção um.", "1"],
    ["Maria da Silva.", "Maria da Silva"],
    ["Pode ser amanhã?", "Pode ser amanhã?"],
  ])("reads the transcript %j as typed %j", (transcript, typed) => {
    expect(asTyped(transcript)).toBe(typed);
  });
});
