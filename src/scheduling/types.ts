import type { LocalDate, Weekday } from "./local-date.js";

/** A bookable time, as UTC instants. */
export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/** A stretch of a local day in wall-clock time: "08:00" to "12:00"; end may be "24:00". */
export interface WallInterval {
  start: string;
  end: string;
}

/** One row of a professional's weekly hours: Monday 08:00-12:00 is `{ weekday: 1, start: "08:00", end: "12:00" }`. */
export interface WorkingHours extends WallInterval {
  weekday: Weekday;
}

/** Replaces the weekly hours of one local date; no intervals means closed that day. */
export interface DateOverride {
  date: LocalDate;
  intervals: WallInterval[];
}

export interface InstantRange {
  startsAt: Date;
  endsAt: Date;
}

/**
 * An appointment or an active hold. Its own buffers widen it: an appointment
 * 10:00-10:30 with `bufferAfterMinutes: 15` keeps 10:30-10:45 busy too.
 */
export interface BusyRange extends InstantRange {
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
}

export interface SlotQuery {
  /** The clinic's IANA zone, e.g. "America/Sao_Paulo". All wall times are read in it. */
  timeZone: string;
  now: Date;
  workingHours: WorkingHours[];
  dateOverrides?: DateOverride[];
  /** Vacations, congresses, a dentist appointment: the professional is away. */
  timeOff?: InstantRange[];
  /**
   * Holidays and clinic closures (local date → name, see holidays.ts): no slot
   * on them, unless a date override gives that very date hours.
   */
  closedDays?: ReadonlyMap<LocalDate, string>;
  busy?: BusyRange[];
  durationMinutes: number;
  /** Preparation before the procedure; must not overlap anything busy. */
  bufferBeforeMinutes?: number;
  /** Cleaning after the procedure; must not overlap anything busy. */
  bufferAfterMinutes?: number;
  /** Distance between slot starts; defaults to the duration. */
  slotIntervalMinutes?: number;
  /** No slot starts before `now` plus this. */
  minimumNoticeMinutes?: number;
  /** Slots start before the end of the local day `today + horizonDays`. */
  horizonDays: number;
  /** Only look at local dates from this one (inclusive). */
  from?: LocalDate;
  /** Only look at local dates up to this one (inclusive). */
  to?: LocalDate;
  /** Stop after this many slots. */
  limit?: number;
}

/** A part of the day as patients say it: manhã before 12:00, tarde 12:00-18:00, noite from 18:00. */
export type Period = "manha" | "tarde" | "noite";
