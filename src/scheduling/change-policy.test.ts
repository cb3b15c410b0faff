import { describe, expect, it } from "vitest";
import { mayChange, policyFor, type ChangeAction, type ChangeChannel } from "./change-policy.js";

const policy = { noticeHours: 24, graceMinutes: 15 };
const at = (iso: string) => new Date(`${iso}-03:00`);

// booking time × appointment time × now × action × channel → allowed, and why.
const cases: [string, string | null, string, string, ChangeAction, ChangeChannel, boolean, string][] = [
  ["a booking made at 15:28 for 09:00 tomorrow can be undone minutes later", "2026-12-03T15:28", "2026-12-04T09:00", "2026-12-03T15:35", "cancel", "chat", true, "grace"],
  ["…and rescheduled minutes later", "2026-12-03T15:28", "2026-12-04T09:00", "2026-12-03T15:43", "reschedule", "chat", true, "grace"],
  ["…but not once the grace period is over", "2026-12-03T15:28", "2026-12-04T09:00", "2026-12-03T15:44", "cancel", "chat", false, "tooLate"],
  ["rescheduling inside the notice window follows the same rule", "2026-11-20T10:00", "2026-12-04T09:00", "2026-12-03T15:00", "reschedule", "chat", false, "tooLate"],
  ["a booking far ahead can be cancelled until 24 h before", "2026-11-20T10:00", "2026-12-04T09:00", "2026-12-03T09:00", "cancel", "chat", true, "notice"],
  ["one minute after the deadline it cannot", "2026-11-20T10:00", "2026-12-04T09:00", "2026-12-03T09:01", "cancel", "chat", false, "tooLate"],
  ["an old booking without a booking time has no grace", null, "2026-12-04T09:00", "2026-12-03T15:35", "cancel", "chat", false, "tooLate"],
  ["the reception may cancel inside the window", "2026-11-20T10:00", "2026-12-04T09:00", "2026-12-04T08:00", "cancel", "admin", true, "admin"],
  ["nobody changes an appointment that already started", "2026-11-20T10:00", "2026-12-04T09:00", "2026-12-04T09:00", "reschedule", "admin", false, "started"],
  ["grace does not reach past the start", "2026-12-04T08:50", "2026-12-04T09:00", "2026-12-04T09:00", "cancel", "chat", false, "started"],
];

describe("mayChange", () => {
  it.each(cases)("%s", (_name, bookedAt, startsAt, now, action, channel, allowed, why) => {
    const verdict = mayChange(policy, { action, channel, bookedAt: bookedAt ? at(bookedAt) : null, startsAt: at(startsAt), now: at(now) });
    expect(verdict.allowed).toBe(allowed);
    expect(verdict.why).toBe(why);
  });

  it("ends the grace period at the start when the appointment is minutes away", () => {
    const verdict = mayChange(policy, { action: "cancel", channel: "chat", bookedAt: at("2026-12-04T08:50"), startsAt: at("2026-12-04T09:00"), now: at("2026-12-04T08:55") });
    expect(verdict).toEqual({ allowed: true, why: "grace", until: at("2026-12-04T09:00") });
  });

  it("takes the procedure's notice over the clinic's", () => {
    expect(policyFor({ cancellationNoticeHours: 24 }, { cancellationNoticeHours: 48 })).toEqual({ noticeHours: 48, graceMinutes: 15 });
    expect(policyFor({ cancellationNoticeHours: 24, cancellationGraceMinutes: 30 }, { cancellationNoticeHours: null })).toEqual({ noticeHours: 24, graceMinutes: 30 });
  });
});
