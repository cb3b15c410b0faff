// Joining the waitlist and the end of an offer, as pure flow steps.
import { describe, expect, it } from "vitest";
import type { Effect, FlowEvent } from "../types.js";
import { normalize } from "../understand.js";
import type { BookingContext } from "./booking.js";
import { patientStep } from "./step.js";
import type { PatientContext } from "./context.js";
import type { PatientState } from "./state.js";
import { choosingWaitlistTimes, offeredRebooking, readWaitlistTimes, waitlistEvent } from "./waitlist.js";
import { describeWaitlistTimes } from "./waitlist-texts.js";

const now = new Date("2026-11-23T12:00:00Z");
const scheduling = {
  procedures: [{ id: "consulta", name: "Consulta", durationMinutes: 30, priceCents: 25_000, prepaymentRequired: false, professionalIds: ["ana", "bruno"] }],
  professionals: [{ id: "ana", name: "Dra. Ana Souza" }, { id: "bruno", name: "Dr. Bruno Lima" }],
  upcoming: [], cancellationNoticeHours: 24,
} as unknown as BookingContext["scheduling"];
const booking: BookingContext = { now, clinic: { timeZone: "America/Sao_Paulo" }, scheduling };
const patientCtx = { now, clinic: { name: "Clínica", timeZone: "America/Sao_Paulo" }, handoffMinutes: 60, patient: { name: "Maria", consentGranted: true }, scheduling, lastInboundAt: now } as unknown as PatientContext;
const replies = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "reply" ? [e.text] : [])).join("\n");

describe("reading which days and times suit a waitlisted patient", () => {
  it.each([
    ["segunda e quarta de manhã", [1, 3], ["manha"]],
    ["tarde", [], ["tarde"]],
    ["qualquer horário", [], []],
    ["tanto faz", [], []],
    ["dias de semana à noite", [1, 2, 3, 4, 5], ["noite"]],
    ["sesta-feira de tarde", [5], ["tarde"]],
    ["sábado ou domingo, manhã ou tarde", [0, 6], ["manha", "tarde"]],
  ])("reads %j as weekdays %j and periods %j", (text, weekdays, periods) => {
    expect(readWaitlistTimes(normalize(text))).toEqual({ weekdays, periods });
  });

  it.each(["sim", "1", "não sei", "quero"])("does not take %j for an answer", (text) => {
    expect(readWaitlistTimes(normalize(text))).toBeUndefined();
  });

  it("joins with what was read, and asks again when nothing was", () => {
    const state = { type: "choosingWaitlistTimes", procedureId: "consulta", professionalId: null } as const;
    expect(choosingWaitlistTimes(state, normalize("quinta à tarde")).effects).toEqual([{ kind: "joinWaitlist", procedureId: "consulta", professionalId: null, weekdays: [4], periods: ["tarde"] }]);
    const again = choosingWaitlistTimes(state, "sim");
    expect(again.state).toEqual(state);
    expect(replies(again.effects)).toContain("Não entendi os dias ou horários");
  });

  it("confirms what was stored, and says so when it updated an earlier entry", () => {
    const joined = waitlistEvent({ type: "waitlistJoined", updated: false, weekdays: [1, 3], periods: ["manha"] }, booking)!;
    expect(replies(joined.effects)).toBe("Pronto! Você está na lista de espera (segunda e quarta, de manhã). Assim que abrir um horário assim, eu ofereço a vaga aqui.");
    const updated = waitlistEvent({ type: "waitlistJoined", updated: true, weekdays: [], periods: [] }, booking)!;
    expect(replies(updated.effects)).toContain("Atualizei sua lista de espera: qualquer dia, qualquer horário.");
  });

  it("names the times in order with 'e' before the last", () => {
    expect(describeWaitlistTimes([5, 1, 3], ["manha", "noite"])).toBe("segunda, quarta e sexta, de manhã e à noite");
  });
});

describe("after an offer ends", () => {
  const declined = (passedOn: boolean): FlowEvent => ({ type: "offerDeclined", passedOn, procedureId: "consulta", professionalId: "ana" });

  it("says the time went to someone else only when it did", () => {
    expect(replies(waitlistEvent(declined(true), booking)!.effects)).toContain("ofereci a vaga para outra pessoa");
    expect(replies(waitlistEvent(declined(false), booking)!.effects)).not.toContain("outra pessoa");
    expect(replies(waitlistEvent(declined(false), booking)!.effects)).toContain("Você continua na lista de espera");
  });

  it("answers a late 'sim, quero' with 'essa vaga não está mais disponível' and the free times, not 'não entendi'", () => {
    const state: PatientState = waitlistEvent(declined(true), booking)!.state;
    const result = patientStep(state, { kind: "text", text: "sim, quero" }, patientCtx);
    expect(replies(result.effects)).toContain("Essa vaga não está mais disponível");
    expect(replies(result.effects)).not.toMatch(/não entendi/i);
    expect(result.effects).toContainEqual({ kind: "findSlots", procedureId: "consulta", professionalId: "ana" });
  });

  it("answers an offer that was no longer open with the same words and the free times", () => {
    const result = waitlistEvent({ type: "offerUnavailable", procedureId: "consulta", professionalId: null }, booking)!;
    expect(replies(result.effects)).toContain("Essa vaga não está mais disponível");
    expect(result.state.type).toBe("choosingProfessional");
  });

  it("books again with '1' after the clinic cancelled, and reads anything else as the menu", () => {
    const state = { type: "offeredRebooking", procedureId: "consulta", professionalId: "ana", lapsedOffer: false } as const;
    const again = offeredRebooking(state, "1", booking)!;
    expect(again.effects).toEqual([{ kind: "findSlots", procedureId: "consulta", professionalId: "ana" }]);
    expect(replies(again.effects)).not.toContain("não está mais disponível");
    expect(offeredRebooking(state, "2", booking)).toBeUndefined();
    expect(patientStep(state, { kind: "text", text: "2" }, patientCtx).effects).not.toContainEqual(expect.objectContaining({ kind: "findSlots" }));
  });
});
