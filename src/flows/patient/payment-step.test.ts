// The Pix part of the booking flow: pure, with a fixed now.
import { describe, expect, it } from "vitest";
import type { Effect, FlowInput } from "../types.js";
import { bookingTexts as b } from "./booking-texts.js";
import type { SchedulingView } from "./scheduling-view.js";
import type { PatientState } from "./state.js";
import { patientStep, type PatientContext } from "./step.js";

const now = new Date("2026-11-23T12:00:00Z");
const slot = { startsAt: "2026-11-25T13:00:00.000Z", endsAt: "2026-11-25T13:30:00.000Z", professionalId: "pro-1" };

function ctx(prepaymentRequired: boolean, priceCents = 25_000, lastInboundAt = new Date(now.getTime() - 60_000)): PatientContext {
  const scheduling: SchedulingView = {
    procedures: [{ id: "proc-1", name: "Consulta", durationMinutes: 30, priceCents, prepaymentRequired, professionalIds: ["pro-1"] }],
    professionals: [{ id: "pro-1", name: "Dra. Ana Souza" }],
    upcoming: [],
    cancellationNoticeHours: 24,
  };
  return { now, clinic: { name: "Clínica Demo", timeZone: "America/Sao_Paulo" }, lastInboundAt, idleMinutes: 30, handoffMinutes: 120, patient: { name: "Maria", consentGranted: true }, scheduling };
}

const confirming: PatientState = { type: "confirmingBooking", procedureId: "proc-1", appointmentId: "appt-1", slot, slots: [slot] };
const waiting: PatientState = { type: "awaitingPayment", appointmentId: "appt-1", procedureId: "proc-1", deadline: "2026-11-23T12:30:00.000Z" };
const text = (value: string): FlowInput => ({ kind: "text", text: value });
const event = (e: NonNullable<FlowInput["event"]>): FlowInput => ({ kind: "event", event: e });
const replies = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "reply" ? [e.text] : []));
const others = (effects: Effect[]) => effects.filter((e) => e.kind !== "reply");

describe("booking a prepaid procedure", () => {
  it.each([
    ["asks for a Pix instead of booking when the procedure requires prepayment", ctx(true), { kind: "requestPayment", appointmentId: "appt-1" }],
    ["books at once when it does not", ctx(false), { kind: "confirmHold", appointmentId: "appt-1" }],
    ["books at once when a prepaid procedure costs nothing", ctx(true, 0), { kind: "confirmHold", appointmentId: "appt-1" }],
  ] as const)("%s", (_name, context, effect) => {
    const result = patientStep(confirming, text("1"), context);
    expect(result.effects).toEqual([effect]);
    expect(result.state).toEqual(confirming);
  });

  it("says in the summary that the booking waits for a Pix", () => {
    const result = patientStep({ ...confirming, appointmentId: "" }, event({ type: "slotHeld", appointmentId: "appt-1" }), ctx(true));
    expect(replies(result.effects)[0]).toContain(b.prepaymentLine);
    expect(replies(patientStep({ ...confirming, appointmentId: "" }, event({ type: "slotHeld", appointmentId: "appt-1" }), ctx(false)).effects)[0]).not.toContain(b.prepaymentLine);
  });

  it("waits for the payment once the Pix was sent, with the deadline in the clinic's time", () => {
    const result = patientStep(confirming, event({ type: "paymentRequested", appointmentId: "appt-1", deadline: "2026-11-23T12:30:00.000Z" }), ctx(true));
    expect(result.state).toEqual(waiting);
    expect(replies(result.effects)).toEqual([b.pixSent("segunda, 23/11 às 09:30")]);
  });

  it.each([
    ["1 sends the Pix again", "1", waiting, [{ kind: "requestPayment", appointmentId: "appt-1" }], []],
    ["'reenviar' sends the Pix again", "reenviar o código", waiting, [{ kind: "requestPayment", appointmentId: "appt-1" }], []],
    ["2 gives the time up", "2", { type: "menu" }, [{ kind: "cancelPayment", appointmentId: "appt-1" }], [b.pixCancelled]],
    ["'cancelar' answers the question instead of leaving it", "cancelar", { type: "menu" }, [{ kind: "cancelPayment", appointmentId: "appt-1" }], [b.pixCancelled]],
    ["anything else repeats where things stand", "já paguei", waiting, [], [b.pixWaiting("segunda, 23/11 às 09:30")]],
  ] as const)("%s", (_name, said, to, effects, texts) => {
    const result = patientStep(waiting, text(said), ctx(true));
    expect(result.state).toEqual(to);
    expect(others(result.effects)).toEqual(effects);
    expect(replies(result.effects)).toEqual(texts);
  });

  it("keeps waiting after a long silence: the patient may be coming back from the bank app", () => {
    const result = patientStep(waiting, text("1"), ctx(true, 25_000, new Date(now.getTime() - 3 * 3_600_000)));
    expect(result.state).toEqual(waiting);
    expect(others(result.effects)).toEqual([{ kind: "requestPayment", appointmentId: "appt-1" }]);
  });

  it.each([
    ["a Pix that could not be created", { type: "paymentUnavailable", appointmentId: "appt-1" }, waiting, [b.pixUnavailable]],
    ["a hold that is gone", { type: "paymentExpired" }, { type: "menu" }, [b.pixExpiredInChat]],
  ] as const)("tells the patient about %s", (_name, e, to, texts) => {
    const result = patientStep(waiting, event(e), ctx(true));
    expect(result.state).toEqual(to);
    expect(replies(result.effects)).toEqual(texts);
  });
});
