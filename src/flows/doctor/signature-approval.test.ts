// The doctor's side of cloud signing, as a pure step: asked for the app's
// code, the next digits go to the PSC in an effect and never into the state;
// a menu answer is never taken for a code; "sair da assinatura" ends the session.
import { describe, expect, it } from "vitest";
import type { Effect, FlowInput } from "../types.js";
import type { DoctorState } from "./state.js";
import { doctorStep, type DoctorContext } from "./step.js";

const ctx: DoctorContext = {
  now: new Date("2026-11-23T12:00:00Z"), clinic: { name: "Clínica Demo", timeZone: "America/Sao_Paulo" }, idleMinutes: 30, handoffMinutes: 120,
  professional: { id: "pro-1", name: "Dra. Ana Souza" }, today: "2026-11-23", dictation: { configured: true, maxSeconds: 600, maxBytes: 1_000_000 },
  lastInboundAt: new Date("2026-11-23T11:00:00Z"),
};
const selected = { patientId: "pat-1", name: "Maria", date: "2026-11-23" };
const idle: DoctorState = { type: "idle", selected };
const text = (value: string): FlowInput => ({ kind: "text", text: value });
const replies = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "reply" ? [e.text] : []));

describe("approving cloud signatures in the doctor's chat", () => {
  it("asks for the BirdID app's code, remembering only that it asked", () => {
    const result = doctorStep(idle, { kind: "clinicEvent", clinicEvent: { type: "signatureApprovalNeeded", provider: "birdid", approval: "code", waiting: 2 } }, ctx);
    expect(replies(result.effects)).toEqual(["Digite o código do app BirdID para assinar. 2 documentos esperam sua assinatura."]);
    expect(result.state).toEqual({ ...idle, signatureCode: { provider: "birdid" } });
  });

  it("asks to approve a VIDaaS push without waiting for any code", () => {
    const result = doctorStep(idle, { kind: "clinicEvent", clinicEvent: { type: "signatureApprovalNeeded", provider: "vidaas", approval: "push", waiting: 1 } }, ctx);
    expect(replies(result.effects)).toEqual(["Aprove a assinatura no app VIDaaS. 1 documento espera sua assinatura."]);
    expect(result.state).toEqual(idle);
  });

  it.each([["123456"], ["123 456"], ["12345678"]])("hands %s to the PSC in an effect and keeps it out of the state", (code) => {
    const result = doctorStep({ ...idle, signatureCode: { provider: "birdid" } }, text(code), ctx);
    expect(result.effects).toEqual([{ kind: "approveSignatureCode", professionalId: "pro-1", code: code.replace(/\s/g, "") }]);
    expect(JSON.stringify(result.state)).not.toContain(code.replace(/\s/g, ""));
    expect(result.state.signatureCode).toBeUndefined();
  });

  it("does not take digits for a code when none was asked for, nor a menu answer when one was", () => {
    expect(doctorStep(idle, text("123456"), ctx).effects.some((e) => e.kind === "approveSignatureCode")).toBe(false);
    expect(doctorStep({ ...idle, signatureCode: { provider: "birdid" } }, text("1"), ctx).effects.some((e) => e.kind === "approveSignatureCode")).toBe(false);
  });

  it("asks again after a wrong code, and ends the session on \"sair da assinatura\"", () => {
    const wrong = doctorStep(idle, { kind: "event", event: { type: "signatureApproval", outcome: { kind: "failed", provider: "birdid", failure: "wrong_code" } } }, ctx);
    expect(replies(wrong.effects)).toEqual(["Código não aceito. Digite o código novo do app BirdID."]);
    expect(wrong.state.signatureCode).toEqual({ provider: "birdid" });
    const ended = doctorStep(wrong.state, text("Sair da assinatura"), ctx);
    expect(ended.effects).toEqual([{ kind: "endSignatureSession", professionalId: "pro-1" }]);
    expect(ended.state.signatureCode).toBeUndefined();
  });
});
