// The change policy as the chat applies it: what menus and reminders offer,
// and what a "3" does, inside and outside the notice and the grace period.
// Fixed clock: Thursday 2026-12-03 15:35 in São Paulo.
import { describe, expect, it } from "vitest";
import type { Effect } from "../types.js";
import { answeringReminder, appointmentActions, myAppointments } from "./appointments.js";
import type { BookingContext } from "./booking.js";
import { bookingTexts as b } from "./booking-texts.js";
import type { SchedulingView, UpcomingAppointment } from "./scheduling-view.js";
import { patientStep, type PatientContext } from "./step.js";

const now = new Date("2026-12-03T18:35:00Z");
// Friday 09:00, booked at 15:28 the day before.
const justBooked: UpcomingAppointment = {
  id: "appt-new", startsAt: "2026-12-04T12:00:00.000Z", endsAt: "2026-12-04T12:30:00.000Z",
  procedureId: "consulta", professionalId: "ana", status: "booked", bookedAt: "2026-12-03T18:28:00.000Z",
};
// Same time, booked a week ago.
const bookedLongAgo: UpcomingAppointment = { ...justBooked, id: "appt-old", bookedAt: "2026-11-26T12:00:00.000Z" };
// Next week: far outside the notice.
const farAhead: UpcomingAppointment = { ...justBooked, id: "appt-far", startsAt: "2026-12-10T12:00:00.000Z", endsAt: "2026-12-10T12:30:00.000Z", bookedAt: "2026-11-26T12:00:00.000Z" };

const scheduling: SchedulingView = {
  procedures: [{ id: "consulta", name: "Consulta", durationMinutes: 30, priceCents: 25000, prepaymentRequired: false, professionalIds: ["ana"] }],
  professionals: [{ id: "ana", name: "Dra. Ana Souza" }],
  upcoming: [justBooked, bookedLongAgo, farAhead],
  cancellationNoticeHours: 24,
  cancellationGraceMinutes: 15,
};
const ctx = (at = now): BookingContext => ({ now: at, clinic: { timeZone: "America/Sao_Paulo" }, scheduling });
const replies = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "reply" ? [e.text] : []));
const others = (effects: Effect[]) => effects.filter((e) => e.kind !== "reply");
const reminderState = (appointmentId: string) => ({ type: "answeringReminder" as const, appointmentId });

describe("cancelling and rescheduling in the chat follow one policy", () => {
  it("lets a booking made minutes ago be cancelled, and says until when", () => {
    const menu = replies(myAppointments({ type: "myAppointments", appointmentIds: ["appt-new"] }, "1", ctx()).effects).join("\n");
    expect(menu).toContain("3 - Cancelar");
    expect(menu).toContain("até 15:43");
    expect(appointmentActions({ type: "appointmentActions", appointmentId: "appt-new" }, "3", ctx()).state).toEqual({ type: "confirmingCancel", appointmentId: "appt-new" });
  });

  it("offers neither cancel nor reschedule inside the notice, and says to talk to the reception", () => {
    const menu = replies(myAppointments({ type: "myAppointments", appointmentIds: ["appt-old"] }, "1", ctx()).effects).join("\n");
    expect(menu).not.toContain("3 - Cancelar");
    expect(menu).not.toContain("2 - Remarcar");
    expect(menu).toContain("fale com a recepção");
  });

  it("refuses a reminder's 3 and 2 inside the notice without asking the database", () => {
    for (const [answer, verb] of [["3", "cancelar"], ["2", "remarcar"], ["remarcar", "remarcar"]] as const) {
      const result = answeringReminder(reminderState("appt-old"), answer, ctx());
      expect(others(result.effects)).toEqual([]);
      expect(replies(result.effects).join("\n")).toContain(`Para ${verb} agora, fale com a recepção`);
    }
  });

  it("refuses the just-booked appointment once its grace period is over", () => {
    const later = new Date("2026-12-03T18:44:00Z");
    expect(others(answeringReminder(reminderState("appt-new"), "3", ctx(later)).effects)).toEqual([]);
    expect(others(answeringReminder(reminderState("appt-new"), "3", ctx()).effects)).toEqual([{ kind: "cancelAppointment", appointmentId: "appt-new" }]);
  });

  it("lets an appointment far ahead be rescheduled", () => {
    expect(answeringReminder(reminderState("appt-far"), "2", ctx()).state).toMatchObject({ type: "choosingDay", rescheduleOf: "appt-far" });
  });

  it("sends a reminder with only the answers the policy allows", () => {
    const patientCtx: PatientContext = {
      ...ctx(), clinic: { name: "Clínica Demo", timeZone: "America/Sao_Paulo" }, idleMinutes: 30, handoffMinutes: 120,
      patient: { name: "Maria", consentGranted: true },
    };
    const reminder = (id: string, startsAt: string) => patientStep({ type: "menu" }, { kind: "clinicEvent", clinicEvent: {
      type: "reminderDue", which: "24h",
      appointment: { appointmentId: id, startsAt, endsAt: startsAt, professionalId: "ana", professionalName: "Dra. Ana Souza", procedureName: "Consulta" },
    } }, patientCtx);
    const inside = replies(reminder("appt-old", bookedLongAgo.startsAt).effects).join("\n");
    expect(inside).toContain("1 - Confirmo");
    expect(inside).not.toContain("3 - Cancelar");
    expect(inside).toContain("fale com a recepção");
    expect(replies(reminder("appt-far", farAhead.startsAt).effects).join("\n")).toContain("3 - Cancelar");
  });

  it("tells which notice refused a change the database checked", () => {
    expect(b.cancelTooLate(48, "reschedule")).toBe("Por aqui, só dá para remarcar até 48 h antes da consulta. Para remarcar agora, fale com a recepção: digite *atendente*.");
  });
});
