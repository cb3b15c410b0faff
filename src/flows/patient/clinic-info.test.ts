import { describe, expect, it } from "vitest";
import type { Effect } from "../types.js";
import type { ClinicInfoView } from "./clinic-info-view.js";
import { emptyClinicInfo } from "./clinic-info-view.js";
import type { PatientContext } from "./context.js";
import type { PatientState } from "./state.js";
import { patientStep } from "./step.js";
import { patientTexts as t } from "./texts.js";

const now = new Date("2026-11-23T12:00:00Z");
const info: ClinicInfoView = {
  ...emptyClinicInfo,
  address: "Rua das Flores, 10 - Centro", city: "Campinas",
  openingHours: [
    ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, intervals: [{ start: "08:00", end: "12:00" }, { start: "13:00", end: "18:00" }] })),
    { weekday: 6, intervals: [{ start: "08:00", end: "12:00" }] },
  ],
  insurancePlans: ["Bradesco Saúde", "SulAmérica"],
  paymentMethods: ["pix", "cash"],
  procedures: [
    { id: "p1", name: "Consulta", priceCents: 30000, preparation: null },
    { id: "p2", name: "Ultrassom", priceCents: 18000, preparation: "Jejum de 6 horas." },
  ],
  faq: [{ question: "Atendem crianças?", answer: "Sim, a partir de 2 anos." }],
  closedDays: [{ date: "2026-12-25", reason: "Natal" }],
};

const ctx = (overrides: Partial<PatientContext> = {}): PatientContext => ({
  now, clinic: { name: "Clínica", timeZone: "America/Sao_Paulo" }, lastInboundAt: now, idleMinutes: 30, handoffMinutes: 60,
  patient: { name: "Maria", consentGranted: true }, clinicInfo: info, ...overrides,
});
const said = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "reply" ? [e.text] : [])).join("\n");
const ask = (text: string, state: PatientState = { type: "menu" }, extra: Partial<PatientContext> = {}) =>
  patientStep(state, { kind: "text", text }, ctx(extra));

describe("answers about the clinic", () => {
  it.each([
    ["endereço?", "Rua das Flores, 10 - Centro, Campinas"],
    ["onde fica", "google.com/maps/search/?api=1&query=Rua%20das%20Flores"],
    ["vcs abrem sabado?", "Segunda a sexta: 08:00 às 12:00 e 13:00 às 18:00\nSábado: 08:00 às 12:00"],
    ["quanto custa o ultrassom?", "Ultrassom: R$ 180,00 (particular)"],
    ["quanto custa?", "- Consulta: R$ 300,00"],
    ["aceita bradesco?", "Sim, atendemos Bradesco Saúde"],
    ["atende pela sul america?", "Sim, atendemos SulAmérica"],
    ["aceita unimed?", "Não atendemos Unimed"],
    ["aceita cartao?", "Não aceitamos cartão de crédito e débito. Formas de pagamento: Pix e dinheiro."],
    ["precisa de jejum pro ultrassom?", "Preparo para Ultrassom: Jejum de 6 horas."],
    ["atendem criança?", "Sim, a partir de 2 anos."],
    ["tem estacionamento?", "Não tenho essa informação sobre estacionamento"],
  ])("answers %j", (question, expected) => {
    const result = ask(question);
    expect(said(result.effects)).toContain(expected);
    expect(result.state).toEqual({ type: "menu" });
  });

  it("says a plan is not taken with the private prices", () => {
    const answer = said(ask("vcs aceitam amil?").effects);
    expect(answer).toContain("Não atendemos Amil");
    expect(answer).toContain("- Consulta: R$ 300,00");
  });

  it("answers in the middle of a booking and asks the open question again, state unchanged", () => {
    const state: PatientState = { type: "confirmingBooking", procedureId: "p1", appointmentId: "a1", slots: [], slot: { startsAt: "2026-11-24T13:00:00.000Z", endsAt: "2026-11-24T13:30:00.000Z", professionalId: "d1" } };
    const result = ask("qual o endereço?", state);
    expect(result.state).toEqual(state);
    expect(said(result.effects)).toContain("Voltando ao que estávamos fazendo:\nResponda *1* para confirmar");
    expect(result.effects.some((e) => e.kind === "releaseHold")).toBe(false);
  });

  it("answers before consent and asks for consent, storing nothing", () => {
    const result = ask("qual o horario de funcionamento?", { type: "start" }, { patient: null });
    expect(result.state).toEqual({ type: "awaitingConsent" });
    expect(said(result.effects)).toContain("Segunda a sexta");
    expect(result.effects.filter((e) => e.kind !== "reply")).toEqual([]);
  });

  it("asks the model only at the menu, only when set up, and only with the clinic's entries", () => {
    expect(said(ask("blablabla xpto").effects)).toBe(t.notUnderstood);
    const asked = ask("blablabla xpto", { type: "menu" }, { questionMatching: true });
    const effect = asked.effects[0];
    expect(effect?.kind).toBe("matchClinicQuestion");
    if (effect?.kind === "matchClinicQuestion") expect(effect.questions).toContain("Atendem crianças?");
  });
});

describe("safety", () => {
  it.each(["to com dor no peito", "minha mae desmaiou", "ele esta com a boca torta e fala enrolada", "sangramento forte"])("answers %j with SAMU 192 and a handoff, in any state", (message) => {
    for (const state of [{ type: "menu" }, { type: "start" }, { type: "choosingProcedure" }] as PatientState[]) {
      const result = ask(message, state, state.type === "start" ? { patient: null } : {});
      expect(said(result.effects)).toContain("*192*");
      expect(result.effects).toContainEqual({ kind: "handoff", minutes: 60, wait: false, urgent: true });
      expect(result.state).toEqual(state);
    }
  });

  it("gives CVV 188 to thoughts of suicide", () => {
    expect(said(ask("tenho vontade de morrer").effects)).toContain("CVV, *188*");
  });

  it("gives no advice to a clinical question", () => {
    expect(said(ask("qual remedio eu tomo pra dor de cabeca?").effects)).toContain("Não posso dar orientação médica");
  });
});

describe("everyday words", () => {
  it("confirms a reminder on 👍", () => {
    const upcoming = [{ id: "a1", startsAt: "2026-11-24T13:00:00.000Z", endsAt: "2026-11-24T13:30:00.000Z", procedureId: "p1", professionalId: "d1", status: "booked" }];
    const scheduling = { procedures: [], professionals: [{ id: "d1", name: "Dra. Ana" }], upcoming, cancellationNoticeHours: 24 };
    const result = ask("👍", { type: "answeringReminder", appointmentId: "a1" }, { scheduling });
    expect(result.effects).toContainEqual({ kind: "confirmAppointment", appointmentId: "a1" });
  });

  it.each([["oi"], ["aceito"], ["sim"]])("does not take %j as a name", (message) => {
    const result = ask(message, { type: "awaitingName" }, { patient: { consentGranted: true } });
    expect(result.state.type).toBe("awaitingName");
    expect(result.effects.some((e) => e.kind === "savePatientName")).toBe(false);
  });

  it.each([["Paciente Corrida A"], ["Maria da Silva"], ["meu nome é João Pedro"], ["Marta Manhã"], ["Lucas Tarde"]])("takes %j as a name", (message) => {
    const result = ask(message, { type: "awaitingName" }, { patient: { consentGranted: true } });
    expect(result.effects.some((e) => e.kind === "savePatientName")).toBe(true);
    expect(result.state).toEqual({ type: "menu" });
  });

  it("keeps a request given instead of a name", () => {
    const result = ask("quero marcar uma consulta pra amanha", { type: "awaitingName" }, { patient: { consentGranted: true } });
    expect(result.state).toEqual({ type: "awaitingName", pending: "quero marcar uma consulta pra amanha" });
  });
});
