// Booking and appointment steps, one state at a time, with a fixed clock:
// Monday 2026-11-23 09:00 in São Paulo.
import { describe, expect, it } from "vitest";
import type { Effect, SlotOption } from "../types.js";
import { answeringReminder, answeringWaitlistOffer, appointmentActions, confirmingCancel, listAppointments, myAppointments } from "./appointments.js";
import { bookingTexts as b } from "./booking-texts.js";
import { choosingDay, choosingProfessional, choosingTime, confirmingBooking, offeringWaitlist, slotsFound, startBooking, type BookingContext } from "./booking.js";
import type { SchedulingView } from "./scheduling-view.js";

const slot = (startsAt: string, professionalId = "ana"): SlotOption =>
  ({ startsAt, endsAt: new Date(Date.parse(startsAt) + 1_800_000).toISOString(), professionalId });
// Monday 11:00 and 14:00, Tuesday 14:00 (Bruno), all São Paulo wall time.
const SLOTS = [slot("2026-11-23T14:00:00.000Z"), slot("2026-11-23T17:00:00.000Z"), slot("2026-11-24T17:00:00.000Z", "bruno")];

const scheduling: SchedulingView = {
  procedures: [
    { id: "consulta", name: "Consulta", durationMinutes: 30, priceCents: 25000, prepaymentRequired: false, professionalIds: ["ana", "bruno"] },
    { id: "retorno", name: "Retorno", durationMinutes: 20, priceCents: 0, prepaymentRequired: false, professionalIds: ["ana"] },
  ],
  professionals: [{ id: "ana", name: "Dra. Ana Souza" }, { id: "bruno", name: "Dr. Bruno Lima" }],
  upcoming: [{ id: "appt-1", startsAt: "2026-11-26T13:00:00.000Z", endsAt: "2026-11-26T13:30:00.000Z", procedureId: "consulta", professionalId: "ana", status: "booked" }],
  cancellationNoticeHours: 24,
};
const ctx: BookingContext = { now: new Date("2026-11-23T12:00:00Z"), clinic: { timeZone: "America/Sao_Paulo" }, scheduling };
const replies = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "reply" ? [e.text] : []));
const others = (effects: Effect[]) => effects.filter((e) => e.kind !== "reply");
const day = { type: "choosingDay" as const, procedureId: "consulta", professionalId: null, days: ["2026-11-23", "2026-11-24"], slots: SLOTS };

describe("starting a booking", () => {
  it("says so when the clinic has nothing to book", () => {
    const result = startBooking("1", { ...ctx, scheduling: { ...scheduling, procedures: [] } });
    expect(result.state).toEqual({ type: "menu" });
    expect(replies(result.effects)).toEqual([b.noProcedures]);
  });

  it("skips the procedure question when the text names one, and the professional question when only one performs it", () => {
    const result = startBooking("quero um retorno", ctx);
    expect(result.state).toMatchObject({ type: "choosingDay", procedureId: "retorno", professionalId: "ana" });
    expect(others(result.effects)).toEqual([{ kind: "findSlots", procedureId: "retorno", professionalId: "ana" }]);
  });

  it("keeps the professional a reschedule started with", () => {
    const result = startBooking("", ctx, { id: "appt-1", procedureId: "consulta", professionalId: "bruno" });
    expect(result.state).toMatchObject({ type: "choosingDay", professionalId: "bruno", rescheduleOf: "appt-1" });
  });
});

describe("choosing the professional", () => {
  const state = { type: "choosingProfessional" as const, procedureId: "consulta" };
  it.each([
    ["2", "bruno"],
    ["3", null],
    ["qualquer um", null],
    ["com o Bruno", "bruno"],
  ])("takes %j as %j", (text, professionalId) => {
    expect(others(choosingProfessional(state, text, ctx).effects)).toEqual([{ kind: "findSlots", procedureId: "consulta", professionalId }]);
  });

  it("repeats the options on an answer it does not know", () => {
    const result = choosingProfessional(state, "9", ctx);
    expect(result.state).toEqual(state);
    expect(replies(result.effects)).toEqual([b.invalidOption(3), b.chooseProfessional(["Dra. Ana Souza", "Dr. Bruno Lima"])]);
  });
});

describe("choosing the day and the time", () => {
  it("offers the waitlist when no time is free", () => {
    const result = slotsFound({ ...day, slots: [] }, [], ctx);
    expect(result.state).toMatchObject({ type: "offeringWaitlist", procedureId: "consulta" });
    expect(replies(result.effects)).toEqual([b.noSlots]);
  });

  it("holds the wished time at once when it is free", () => {
    const result = slotsFound({ ...day, wish: { date: "2026-11-24", time: "14:00" } }, SLOTS, ctx);
    expect(others(result.effects)).toEqual([{ kind: "holdSlot", procedureId: "consulta", slot: SLOTS[2], rescheduleOf: undefined }]);
  });

  it("lists the day's times with the professional when anyone will do", () => {
    const result = choosingDay(day, "1", ctx);
    expect(replies(result.effects)[0]).toBe(b.chooseTime("segunda, 23/11", ["11:00 - Dra. Ana Souza", "14:00 - Dra. Ana Souza"]));
  });

  it("searches a day typed after the times it has, and says when it has no room, showing the days again", () => {
    const asked = choosingDay(day, "dia 30", ctx);
    expect(others(asked.effects)).toEqual([{ kind: "findSlots", procedureId: "consulta", professionalId: null, from: "2026-11-30", to: "2026-11-30" }]);
    expect(replies(slotsFound(asked.state as typeof day, [], ctx).effects)).toEqual([b.noDayMatch("segunda, 30/11"), b.chooseDay(["segunda, 23/11", "terça, 24/11"])]);
  });

  it("asks which days and times suit the patient on 0, before joining the waitlist", () => {
    const result = choosingDay(day, "0", ctx);
    expect(result.state).toEqual({ type: "choosingWaitlistTimes", procedureId: "consulta", professionalId: null });
    expect(others(result.effects)).toEqual([]);
  });

  it("goes back to the days on 0 while choosing a time", () => {
    const times = { type: "choosingTime" as const, procedureId: "consulta", professionalId: null, date: "2026-11-23", options: SLOTS.slice(0, 2), slots: SLOTS };
    expect(choosingTime(times, "0", ctx).state).toMatchObject({ type: "choosingDay", days: ["2026-11-23", "2026-11-24"] });
    expect(others(choosingTime(times, "14h", ctx).effects)).toEqual([{ kind: "holdSlot", procedureId: "consulta", slot: SLOTS[1], rescheduleOf: undefined }]);
  });
});

describe("confirming", () => {
  const confirming = { type: "confirmingBooking" as const, procedureId: "consulta", appointmentId: "hold-1", slot: SLOTS[0]!, slots: SLOTS };
  it("books on 1 and gives the hold back on 2", () => {
    expect(others(confirmingBooking(confirming, "1", ctx).effects)).toEqual([{ kind: "confirmHold", appointmentId: "hold-1" }]);
    const other = confirmingBooking(confirming, "2", ctx);
    expect(other.state).toMatchObject({ type: "choosingDay" });
    expect(others(other.effects)).toEqual([{ kind: "releaseHold", appointmentId: "hold-1" }]);
  });

  it("joins the waitlist or goes back to the menu", () => {
    const waitlist = { type: "offeringWaitlist" as const, procedureId: "consulta", professionalId: "ana", wish: { period: "manha" as const } };
    expect(offeringWaitlist(waitlist, "sim").state).toEqual({ type: "choosingWaitlistTimes", procedureId: "consulta", professionalId: "ana" });
    expect(offeringWaitlist(waitlist, "não").state).toEqual({ type: "menu" });
  });
});

describe("my appointments", () => {
  it("lists what is ahead, or says there is nothing", () => {
    expect(listAppointments(ctx).state).toEqual({ type: "myAppointments", appointmentIds: ["appt-1"] });
    expect(replies(listAppointments({ ...ctx, scheduling: { ...scheduling, upcoming: [] } }).effects)).toEqual([b.none]);
  });

  it("opens the actions of the chosen appointment and goes back on 0", () => {
    expect(myAppointments({ type: "myAppointments", appointmentIds: ["appt-1"] }, "1", ctx).state).toEqual({ type: "appointmentActions", appointmentId: "appt-1" });
    expect(appointmentActions({ type: "appointmentActions", appointmentId: "appt-1" }, "0", ctx).state).toMatchObject({ type: "myAppointments" });
  });

  it("asks before cancelling from the list, but a reminder's 3 cancels at once", () => {
    expect(appointmentActions({ type: "appointmentActions", appointmentId: "appt-1" }, "3", ctx).state).toEqual({ type: "confirmingCancel", appointmentId: "appt-1" });
    expect(others(answeringReminder({ type: "answeringReminder", appointmentId: "appt-1" }, "3", ctx).effects)).toEqual([{ kind: "cancelAppointment", appointmentId: "appt-1" }]);
    expect(others(confirmingCancel({ type: "confirmingCancel", appointmentId: "appt-1" }, "sim").effects)).toEqual([{ kind: "cancelAppointment", appointmentId: "appt-1" }]);
  });

  it("reschedules from a reminder with the same procedure and professional", () => {
    expect(answeringReminder({ type: "answeringReminder", appointmentId: "appt-1" }, "remarcar", ctx).state)
      .toMatchObject({ type: "choosingDay", procedureId: "consulta", professionalId: "ana", rescheduleOf: "appt-1" });
  });

  it("says the appointment is gone when it no longer is ahead", () => {
    expect(replies(answeringReminder({ type: "answeringReminder", appointmentId: "gone" }, "1", ctx).effects)).toEqual([b.appointmentGone]);
  });

  it("answers a waitlist offer yes or no", () => {
    const offer = { type: "answeringWaitlistOffer" as const, entryId: "w-1", appointmentId: "hold-2" };
    expect(others(answeringWaitlistOffer(offer, "quero").effects)).toEqual([{ kind: "answerWaitlistOffer", entryId: "w-1", appointmentId: "hold-2", accept: true }]);
    expect(others(answeringWaitlistOffer(offer, "2").effects)).toEqual([{ kind: "answerWaitlistOffer", entryId: "w-1", appointmentId: "hold-2", accept: false }]);
  });
});
