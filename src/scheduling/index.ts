export { freeSlots, daysWithRoom } from "./slots.js";
export { brazilianHolidays, closedDays, closedDaysBetween, closureOn, easterSunday, NATIONAL_HOLIDAYS_ONLY, type ClosedDays, type ClosingOptions, type Closure, type Holiday } from "./holidays.js";
export { parseWhen, type When, type WhenContext } from "./parse-when.js";
export { formatSlotForPatient, matchesPeriod, periodOfMinute } from "./format-slot.js";
export { makeZone, type Zone } from "./zoned-time.js";
export type { LocalDate, Weekday } from "./local-date.js";
export type {
  BusyRange,
  DateOverride,
  InstantRange,
  Period,
  Slot,
  SlotQuery,
  WallInterval,
  WorkingHours,
} from "./types.js";
