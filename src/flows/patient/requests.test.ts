// Requests in the patient's own words, from the menu and from the middle of a
// booking, with a fixed clock: Monday 2026-11-23 09:00 in São Paulo.
import { describe, expect, it } from "vitest";
import type { Effect, SlotOption } from "../types.js";
import { bookingTexts as b } from "./booking-texts.js";
import { choosingDay, slotsFound, type BookingContext } from "./booking.js";
import { steerBooking } from "./requests.js";
import type { SchedulingView } from "./scheduling-view.js";
import type { PatientState } from "./state.js";

const slot = (startsAt: string, professionalId = "ana"): SlotOption =>
  ({ startsAt, endsAt: new Date(Date.parse(startsAt) + 1_800_000).toISOString(), professionalId });

const scheduling: SchedulingView = {
  procedures: [
    { id: "consulta", name: "Consulta", durationMinutes: 30, priceCents: 25000, prepaymentRequired: false, professionalIds: ["ana", "bruno"] },
    { id: "exame", name: "Exame", durationMinutes: 20, priceCents: 9000, prepaymentRequired: false, professionalIds: ["ana"] },
  ],
  professionals: [{ id: "ana", name: "Dra. Ana Souza" }, { id: "bruno", name: "Dr. Bruno Lima" }],
  // Thursday 26/11 10:00 and Friday 04/12 15:00, São Paulo.
  upcoming: [
    { id: "thu", startsAt: "2026-11-26T13:00:00.000Z", endsAt: "2026-11-26T13:30:00.000Z", procedureId: "consulta", professionalId: "ana", status: "booked" },
    { id: "fri", startsAt: "2026-12-04T18:00:00.000Z", endsAt: "2026-12-04T18:30:00.000Z", procedureId: "exame", professionalId: "ana", status: "booked" },
  ],
  cancellationNoticeHours: 24,
};
const ctx: BookingContext = { now: new Date("2026-11-23T12:00:00Z"), clinic: { timeZone: "America/Sao_Paulo" }, scheduling };
const replies = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "reply" ? [e.text] : []));
const searches = (effects: Effect[]) => effects.filter((e) => e.kind === "findSlots");
const menu: PatientState = { type: "menu" };

describe("a request at the menu", () => {
  it.each([
    ["pode ser dia 25 à tarde?", { date: "2026-11-25", period: "tarde" }, "Entendi: agendamento quarta, 25/11 à tarde."],
    ["tem horário sexta depois das 17h?", { date: "2026-11-27", after: "17:00" }, "Entendi: agendamento sexta, 27/11 depois das 17:00."],
    ["a próxima vaga", { earliest: true }, "Entendi: agendamento no primeiro horário livre."],
    ["semana que vem de manhã", { from: "2026-11-30", to: "2026-12-06", period: "manha" }, "Entendi: agendamento entre segunda, 30/11 e domingo, 06/12 de manhã."],
    ["daqui a 15 dias", { date: "2026-12-08" }, "Entendi: agendamento terça, 08/12."],
    ["amanha", { date: "2026-11-24" }, "Entendi: agendamento amanhã."],
    ["sesta-feira", { date: "2026-11-27" }, "Entendi: agendamento sexta, 27/11."],
  ])("%j starts a booking that keeps the day through the procedure question", (text, wish, said) => {
    const result = steerBooking(menu, text, ctx)!;
    expect(result.state).toEqual({ type: "choosingProcedure", wish });
    expect(replies(result.effects)[0]).toBe(said);
  });

  it("searches at once when the procedure and the professional are said, from the day asked", () => {
    const result = steerBooking(menu, "quero marcar uma consulta amanhã de manhã com a doutora Ana", ctx)!;
    expect(replies(result.effects)).toEqual(["Entendi: consulta amanhã de manhã com Dra. Ana Souza."]);
    expect(searches(result.effects)).toEqual([{ kind: "findSlots", procedureId: "consulta", professionalId: "ana", from: "2026-11-24" }]);
  });

  it("searches only next week when next week is asked", () => {
    const result = steerBooking(menu, "um exame semana que vem", ctx)!;
    expect(searches(result.effects)).toEqual([{ kind: "findSlots", procedureId: "exame", professionalId: "ana", from: "2026-11-30", to: "2026-12-06" }]);
  });

  it.each(["1", "quero marcar", "oi", "minhas consultas"])("leaves %j to the menu", (text) => {
    expect(steerBooking(menu, text, ctx)).toBeUndefined();
  });
});

describe("cancelling and rescheduling by the day", () => {
  it("asks to confirm cancelling the appointment of the day said", () => {
    const result = steerBooking(menu, "quero desmarcar a de quinta", ctx)!;
    expect(result.state).toEqual({ type: "confirmingCancel", appointmentId: "thu" });
  });

  it("takes a weekday for the appointment on that weekday, a week ahead too, but not a dated day", () => {
    expect(steerBooking(menu, "quero desmarcar a de sexta", ctx)!.state).toEqual({ type: "confirmingCancel", appointmentId: "fri" });
    expect(steerBooking(menu, "quero desmarcar a do dia 27", ctx)!.state).toMatchObject({ type: "myAppointments" });
  });

  it("says no appointment is on that day and lists the ones there are", () => {
    const result = steerBooking(menu, "quero desmarcar a de terça", ctx)!;
    expect(result.state).toEqual({ type: "myAppointments", appointmentIds: ["thu", "fri"] });
    expect(replies(result.effects)[0]).toBe("Não encontrei consulta sua marcada para amanhã (terça, 24/11).");
  });

  it("still applies the change policy: within the notice, the reception does it", () => {
    const late = { ...ctx, now: new Date("2026-11-25T15:00:00Z") };
    const result = steerBooking(menu, "quero cancelar a de quinta", late)!;
    expect(result.state).toEqual({ type: "menu" });
    expect(replies(result.effects)).toEqual([b.cancelTooLate(24, "cancel")]);
  });

  it("moves the appointment named first to the day said after \"para\"", () => {
    const result = steerBooking(menu, "quero remarcar a de quinta para sexta de manhã", ctx)!;
    expect(result.state).toMatchObject({ type: "choosingDay", rescheduleOf: "thu", professionalId: "ana", wish: { date: "2026-11-27", period: "manha" } });
    expect(replies(result.effects)).toEqual(["Entendi: remarcar a consulta de quinta, 26/11 às 10:00 para sexta, 27/11 de manhã."]);
  });

  it("picks by its day an appointment in the patient's list", () => {
    const result = steerBooking({ type: "myAppointments", appointmentIds: ["thu", "fri"] }, "a de sexta", ctx)!;
    expect(result.state).toEqual({ type: "appointmentActions", appointmentId: "fri" });
  });

  it("asks which appointment when the patient has several and names none", () => {
    const result = steerBooking(menu, "posso passar para segunda?", ctx)!;
    expect(result.state).toEqual({ type: "myAppointments", appointmentIds: ["thu", "fri"] });
  });

  it("moves the only appointment to the day said", () => {
    const one = { ...ctx, scheduling: { ...scheduling, upcoming: scheduling.upcoming.slice(0, 1) } };
    const result = steerBooking(menu, "posso passar para sexta?", one)!;
    expect(result.state).toMatchObject({ type: "choosingDay", rescheduleOf: "thu", wish: { date: "2026-11-27" } });
  });

  it("refuses a reschedule the policy no longer allows", () => {
    const late = { ...ctx, now: new Date("2026-11-25T15:00:00Z") };
    const result = steerBooking(menu, "quero remarcar a de quinta para sexta", late)!;
    expect(replies(result.effects)).toEqual([b.cancelTooLate(24, "reschedule")]);
  });
});

describe("a request in the middle of a booking", () => {
  const slots = [slot("2026-11-23T14:00:00.000Z"), slot("2026-11-23T17:00:00.000Z"), slot("2026-11-24T21:00:00.000Z", "bruno")];
  const day = { type: "choosingDay" as const, procedureId: "consulta", professionalId: null, days: ["2026-11-23", "2026-11-24"], slots };

  it("keeps a day said at the procedure question and carries it to the search", () => {
    const asked = steerBooking({ type: "choosingProcedure", wish: { period: "tarde" } }, "pode ser amanhã com o dr bruno?", ctx)!;
    expect(asked.state).toMatchObject({ type: "choosingProcedure", wish: { period: "tarde", date: "2026-11-24", professionalId: "bruno" } });
    expect(replies(asked.effects)[0]).toBe("Entendi: agendamento amanhã à tarde com Dr. Bruno Lima.");
  });

  it("keeps a day said at the professional question", () => {
    const result = steerBooking({ type: "choosingProfessional", procedureId: "consulta" }, "a próxima vaga, qualquer um", ctx)!;
    expect(searches(result.effects)).toEqual([{ kind: "findSlots", procedureId: "consulta", professionalId: null }]);
    expect(result.state).toMatchObject({ type: "choosingDay", wish: { earliest: true } });
  });

  it.each([
    ["com a Dra. Ana", { kind: "findSlots", procedureId: "consulta", professionalId: "ana" }],
    ["semana que vem", { kind: "findSlots", procedureId: "consulta", professionalId: null, from: "2026-11-30", to: "2026-12-06" }],
    ["depois das 17h", { kind: "findSlots", procedureId: "consulta", professionalId: null }],
  ])("searches again from the day list on %j", (text, effect) => {
    expect(searches(steerBooking(day, text, ctx)!.effects)).toEqual([effect]);
  });

  it.each(["2", "dia 24", "amanhã"])("leaves %j to the day list", (text) => {
    expect(steerBooking(day, text, ctx)).toBeUndefined();
  });

  it("cancels the appointment of the day said, not picks that day", () => {
    expect(steerBooking(day, "quero desmarcar a de quinta", ctx)!.state).toEqual({ type: "confirmingCancel", appointmentId: "thu" });
  });
});

describe("applying what was asked to the times found", () => {
  const found = [slot("2026-11-30T12:00:00.000Z"), slot("2026-11-30T18:00:00.000Z"), slot("2026-12-01T20:30:00.000Z"), slot("2026-12-02T13:00:00.000Z")];
  const waiting = { type: "choosingDay" as const, procedureId: "consulta", professionalId: null, days: [], slots: [] };

  it("lists only the days with times after the hour asked, and keeps the filter for the day picked", () => {
    const result = slotsFound({ ...waiting, wish: { after: "17:00" } }, found, ctx);
    expect(result.state).toMatchObject({ days: ["2026-12-01"], wish: { after: "17:00" } });
    const picked = choosingDay(result.state as typeof waiting & { days: string[] }, "1", ctx);
    expect(picked.state).toMatchObject({ type: "choosingTime", options: [found[2]] });
  });

  it("goes straight to the first day's times for \"a próxima vaga\"", () => {
    expect(slotsFound({ ...waiting, wish: { earliest: true } }, found, ctx).state).toMatchObject({ type: "choosingTime", date: "2026-11-30" });
  });

  it("says when nothing fits and offers the days there are", () => {
    const result = slotsFound({ ...waiting, wish: { before: "08:00" } }, found, ctx);
    expect(replies(result.effects)[0]).toBe(b.noneAsWished);
    expect(result.state).toMatchObject({ days: ["2026-11-30", "2026-12-01", "2026-12-02"] });
  });
});
