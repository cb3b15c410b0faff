// Random conversations through the patient flow: texts, media, reactions and
// gaps of time in any order, with a small model of what the effects answer.
// Nothing may throw, no text or media turn may go unanswered, and from any
// state "menu" leads back to the menu.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Effect, FlowEvent, FlowInput, InputKind, SlotOption } from "../types.js";
import type { SchedulingView } from "./scheduling-view.js";
import type { PatientState } from "./state.js";
import { patientStep, type PatientContext } from "./step.js";

const WORDS = [
  "oi", "1", "2", "3", "4", "5", "0", "6", "sim", "não", "aceito", "menu", "ajuda", "cancelar", "sair", "atendente",
  "Maria da Silva", "quero marcar", "amanhã às 14h", "segunda de manhã", "dia 25 à tarde", "25/11", "14h", "outro dia",
  "meus dados", "apagar meus dados", "revogar consentimento", "privacidade", "minhas consultas", "remarcar", "confirmo",
  "qualquer um", "com a Dra. Ana", "lista de espera", "", "   ", "🙂", "@@@", "31/02", "99",
];

const zone = "America/Sao_Paulo";
const slot = (iso: string, professionalId = "pro-1"): SlotOption => ({ startsAt: iso, endsAt: new Date(Date.parse(iso) + 1_800_000).toISOString(), professionalId });
const SLOTS = [slot("2026-11-23T14:00:00.000Z"), slot("2026-11-24T17:00:00.000Z"), slot("2026-11-24T17:30:00.000Z", "pro-2"), slot("2026-11-25T12:00:00.000Z")];

const views: SchedulingView[] = [
  { procedures: [], professionals: [], upcoming: [], cancellationNoticeHours: 24 },
  {
    procedures: [
      { id: "proc-1", name: "Consulta", durationMinutes: 30, priceCents: 25000, prepaymentRequired: false, professionalIds: ["pro-1", "pro-2"] },
      { id: "proc-2", name: "Retorno", durationMinutes: 20, priceCents: 0, prepaymentRequired: false, professionalIds: ["pro-1"] },
    ],
    professionals: [{ id: "pro-1", name: "Dra. Ana Souza" }, { id: "pro-2", name: "Dr. Bruno Lima" }],
    upcoming: [{ id: "appt-1", startsAt: "2026-11-26T13:00:00.000Z", endsAt: "2026-11-26T13:30:00.000Z", procedureId: "proc-1", professionalId: "pro-1", status: "booked" }],
    cancellationNoticeHours: 24,
  },
];

/** What the interpreter would answer, roughly: enough to drive every branch. */
function modelEvent(effect: Effect, coin: boolean): FlowEvent | undefined {
  switch (effect.kind) {
    case "findSlots": return { type: "slotsFound", slots: coin ? SLOTS : [] };
    case "holdSlot": return coin ? { type: "slotHeld", appointmentId: "appt-new" } : { type: "slotTaken", alternatives: coin ? SLOTS : SLOTS.slice(1) };
    case "confirmHold": return coin ? { type: "booked", appointmentId: "appt-new", startsAt: SLOTS[0]!.startsAt, professionalId: "pro-1", procedureId: "proc-1" } : { type: "slotTaken", alternatives: [] };
    case "cancelAppointment": return coin ? { type: "cancelled", appointmentId: effect.appointmentId } : { type: "cancelTooLate", deadline: "25/11 10:00" };
    case "confirmAppointment": return coin ? { type: "appointmentConfirmed", appointmentId: effect.appointmentId } : { type: "appointmentGone" };
    case "joinWaitlist": return { type: "waitlistJoined", updated: coin, weekdays: effect.weekdays, periods: effect.periods };
    case "answerWaitlistOffer": return effect.accept ? { type: "booked", appointmentId: effect.appointmentId, startsAt: SLOTS[0]!.startsAt, professionalId: "pro-1", procedureId: "proc-1" } : coin ? { type: "offerDeclined", passedOn: coin, procedureId: "proc-1", professionalId: null } : { type: "offerUnavailable", procedureId: "proc-1", professionalId: null };
    case "exportMyData": return { type: "dataExported" };
    case "requestErasure": return { type: "erasureRequested", alreadyOpen: coin };
    case "withdrawConsent": return { type: "consentWithdrawn" };
    case "handoff": return effect.wait ? undefined : { type: "handoffOpened", reception: coin ? { kind: "open" } : { kind: "opens", at: "2026-11-24T11:00:00.000Z" } };
    default: return undefined;
  }
}

interface Turn { input: FlowInput; minutesLater: number; coin: boolean }

const turn: fc.Arbitrary<Turn> = fc.record({
  input: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...WORDS).map((text): FlowInput => ({ kind: "text", text })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((text): FlowInput => ({ kind: "text", text })) },
    { weight: 1, arbitrary: fc.constantFrom<InputKind>("audio", "image", "document", "video", "sticker", "location", "reaction", "other").map((kind): FlowInput => ({ kind, mediaId: "m" })) },
  ),
  minutesLater: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 120 })),
  coin: fc.boolean(),
});

interface Patient { name?: string; consentGranted: boolean }

/** Runs one turn, feeding effect outcomes back as the engine does; returns the replies. */
function play(state: PatientState, input: FlowInput, ctx: PatientContext, coin: boolean, patient: Patient) {
  let result = patientStep(state, input, ctx);
  const effects = [...result.effects];
  let pending = result.effects;
  for (let round = 0; round < 4; round++) {
    const events = pending.map((e) => modelEvent(e, coin)).filter((e): e is FlowEvent => e !== undefined);
    if (events.length === 0) break;
    pending = [];
    for (const event of events) {
      result = patientStep(result.state, { kind: "event", event }, ctx);
      effects.push(...result.effects);
      pending.push(...result.effects);
    }
  }
  for (const effect of effects) {
    if (effect.kind === "recordConsent") patient.consentGranted = effect.granted;
    if (effect.kind === "savePatientName") patient.name = effect.name;
    if (effect.kind === "withdrawConsent") patient.consentGranted = false;
  }
  return { state: result.state, effects };
}

let runs = 0;
describe("the patient flow under random conversations", () => {
  it("never throws, never goes silent, and always finds the way back to the menu", () => {
    fc.assert(
      fc.property(fc.array(turn, { minLength: 1, maxLength: 25 }), fc.constantFrom(...views), (turns, scheduling) => {
        let now = Date.parse("2026-11-23T12:00:00Z");
        let state: PatientState = { type: "start" };
        let lastInboundAt: Date | undefined;
        const patient: Patient = { consentGranted: false };
        const ctx = (): PatientContext => ({
          now: new Date(now), clinic: { name: "Clínica", timeZone: zone }, lastInboundAt, idleMinutes: 30, handoffMinutes: 60,
          patient: patient.consentGranted || patient.name ? { ...patient } : null, scheduling,
        });
        for (const { input, minutesLater, coin } of turns) {
          now += minutesLater * 60_000;
          const { state: next, effects } = play(state, input, ctx(), coin, patient);
          const answered = effects.some((e) => e.kind === "reply" || e.kind === "exportMyData");
          if (input.kind !== "reaction") expect(answered, `${state.type} + ${JSON.stringify(input)}`).toBe(true);
          state = next;
          lastInboundAt = new Date(now);
        }
        runs += 1;
        if (patient.consentGranted && patient.name) {
          expect(play(state, { kind: "text", text: "menu" }, ctx(), true, patient).state.type).toBe("menu");
        }
      }),
      { numRuns: 10_000, seed: 20261123 },
    );
    expect(runs).toBe(10_000);
  });
});
