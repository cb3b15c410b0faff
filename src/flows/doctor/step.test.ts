import { describe, expect, it } from "vitest";
import type { FlowInput, InputKind } from "../types.js";
import { doctorStep, initialDoctorState, type DoctorContext } from "./step.js";
import { doctorTexts as t } from "./texts.js";

const now = new Date("2026-11-23T12:00:00Z");
const CLINIC = "Clínica Demo";
const DOCTOR = "Dra. Ana Souza";

function ctx(overrides: Partial<DoctorContext> = {}): DoctorContext {
  return {
    now,
    clinic: { name: CLINIC, timeZone: "America/Sao_Paulo" },
    lastInboundAt: new Date(now.getTime() - 5 * 60_000),
    idleMinutes: 30,
    handoffMinutes: 480,
    professional: { name: DOCTOR },
    ...overrides,
  };
}

const text = (value: string): FlowInput => ({ kind: "text", text: value });
const media = (kind: InputKind): FlowInput => ({ kind, mediaId: "media-1" });
const greeting = [t.greeting(DOCTOR, CLINIC), t.help];

describe("doctorStep", () => {
  const cases: { name: string; input: FlowInput; says: string[]; extra?: Partial<DoctorContext> }[] = [
    { name: "greets the doctor with what the assistant can do on first contact", input: text("qualquer coisa"), says: greeting, extra: { lastInboundAt: undefined } },
    { name: "greets the doctor on 'oi'", input: text("Oi!"), says: greeting },
    { name: "greets the doctor on 'bom dia'", input: text("Bom dia, tudo bem?"), says: greeting },
    { name: "shows what it can do on 'ajuda'", input: text("ajuda"), says: greeting },
    { name: "shows what it can do on 'menu'", input: text("Menu"), says: greeting },
    { name: "does not understand free text in a running chat", input: text("agenda de amanhã"), says: [t.notUnderstood] },
    { name: "does not understand a patient's menu number", input: text("1"), says: [t.notUnderstood] },
    { name: "does not hand off on 'atendente': a doctor has no reception queue", input: text("atendente"), says: [t.notUnderstood] },
    { name: "says dictation is not active yet on an audio", input: media("audio"), says: [t.audioNotYet] },
    { name: "says dictation is not active yet even on a first audio", input: media("audio"), says: [t.audioNotYet], extra: { lastInboundAt: undefined } },
    { name: "answers an image instead of staying silent", input: media("image"), says: [t.notUnderstood] },
    { name: "answers a document instead of staying silent", input: media("document"), says: [t.notUnderstood] },
  ];
  for (const { name, input, says, extra } of cases) {
    it(name, () => {
      expect(doctorStep(initialDoctorState, input, ctx(extra))).toEqual({
        state: initialDoctorState,
        effects: says.map((text) => ({ kind: "reply", text })),
      });
    });
  }

  it("stays silent on a reaction", () => {
    expect(doctorStep(initialDoctorState, { kind: "reaction", text: "👍" }, ctx({ lastInboundAt: undefined }))).toEqual({
      state: initialDoctorState,
      effects: [],
    });
  });

  it("names the doctor and the clinic in the greeting", () => {
    const [first] = doctorStep(initialDoctorState, text("oi"), ctx({ professional: { name: "Dr. Paulo" }, clinic: { name: "Clínica Sol", timeZone: "America/Sao_Paulo" } })).effects;
    expect(first).toEqual({ kind: "reply", text: "Olá, Dr. Paulo! Aqui é o assistente da Clínica Sol." });
  });
});
