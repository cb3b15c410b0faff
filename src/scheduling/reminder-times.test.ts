import { describe, expect, it } from "vitest";
import { reminderTimes } from "./appointments-sql.js";

const startsAt = new Date("2026-12-04T12:00:00Z"); // Friday 09:00 in São Paulo
const hoursBefore = (hours: number) => new Date(startsAt.getTime() - hours * 3_600_000);

describe("reminderTimes", () => {
  it("keeps the 24 h reminder when booked well ahead", () => {
    expect(reminderTimes(startsAt, { reminder24h: true, reminder2h: false }, hoursBefore(48))).toEqual({ reminder24hDueAt: hoursBefore(24), reminder2hDueAt: null });
  });

  it("gives a booking made inside the 24 h lead time the 2 h reminder instead", () => {
    // Booked Thursday 15:28 for Friday 09:00.
    expect(reminderTimes(startsAt, { reminder24h: true, reminder2h: false }, new Date("2026-12-03T18:28:00Z"))).toEqual({ reminder24hDueAt: null, reminder2hDueAt: hoursBefore(2) });
  });

  it("schedules none when even the short one has passed", () => {
    expect(reminderTimes(startsAt, { reminder24h: true, reminder2h: true }, hoursBefore(1))).toEqual({ reminder24hDueAt: null, reminder2hDueAt: null });
  });

  it("sends none to a clinic that turned reminders off", () => {
    expect(reminderTimes(startsAt, { reminder24h: false, reminder2h: false }, hoursBefore(10))).toEqual({ reminder24hDueAt: null, reminder2hDueAt: null });
  });
});
