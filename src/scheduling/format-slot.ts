// Slot times as a patient reads them. Always in the clinic's zone: a patient
// in Manaus booking a São Paulo clinic is told the clinic's 14:00, the time on
// the wall of the waiting room, never a converted one.

import { calendarOf, formatLocalDate, formatWallTime, weekdayOf } from "./local-date.js";
import type { Period, Slot } from "./types.js";
import { makeZone, type Zone } from "./zoned-time.js";

const WEEKDAY_SHORT = ["dom", "seg", "ter", "qua", "qui", "sex", "sáb"] as const;

/** "seg, 24/11 às 14:00". */
export function formatSlotForPatient(slot: Slot, clinicZone: string | Zone): string {
  const { dayNumber, minuteOfDay } = zoneOf(clinicZone).localPartsOf(slot.startsAt.getTime());
  const { month, day } = calendarOf(dayNumber);
  const date = `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}`;
  return `${WEEKDAY_SHORT[weekdayOf(dayNumber)]}, ${date} às ${formatWallTime(minuteOfDay)}`;
}

/**
 * Whether a slot starts in the given part of the clinic's day. When filtering
 * many slots, pass one `makeZone(timeZone)` instead of the zone name, so the
 * Intl formatter is built once.
 */
export function matchesPeriod(slot: Slot, period: Period, clinicZone: string | Zone): boolean {
  return periodOfMinute(zoneOf(clinicZone).localPartsOf(slot.startsAt.getTime()).minuteOfDay) === period;
}

export function periodOfMinute(minuteOfDay: number): Period {
  if (minuteOfDay < 12 * 60) return "manha";
  return minuteOfDay < 18 * 60 ? "tarde" : "noite";
}

function zoneOf(zone: string | Zone): Zone {
  return typeof zone === "string" ? makeZone(zone) : zone;
}

/** The clinic-local date ("2026-11-25") and part of the day an instant falls in, as waitlist wishes are written. */
export function localDateAndPeriod(instant: Date, clinicZone: string | Zone): { date: string; period: Period } {
  const { dayNumber, minuteOfDay } = zoneOf(clinicZone).localPartsOf(instant.getTime());
  return { date: formatLocalDate(dayNumber), period: periodOfMinute(minuteOfDay) };
}
