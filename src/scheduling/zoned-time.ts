// Converting between UTC instants and a clinic's wall clock with nothing but
// Intl, so DST rules come from the ICU data Node ships and no library is needed.
//
// Two rules for wall times that do not map to exactly one instant:
// - a wall time skipped by spring-forward (02:30 on 2026-03-08 in New York)
//   does not exist: `exists` is false and `ms` is the moment of the jump
//   (03:00 EDT), the first instant the clock has passed it; so "work until
//   02:30" ends at the jump and "from 02:30" begins there;
// - a wall time repeated by fall-back (01:30 on 2026-11-01 in New York) takes
//   its first occurrence (01:30 EDT), so a repeated hour never yields two slots.
//
// Assumption: a zone changes offset at most once in any 72 hours, true of every
// zone in the current tz database.

import { DAY_MS, MINUTE_MS } from "./local-date.js";

const HOUR_MS = 60 * MINUTE_MS;

export interface WallInstant {
  /** UTC milliseconds. */
  ms: number;
  /** False when the wall time was skipped by a DST jump. */
  exists: boolean;
}

export interface Zone {
  readonly timeZone: string;
  /** Offset from UTC in milliseconds at an instant (São Paulo: -3 h). */
  offsetAt(ms: number): number;
  /** The offset every moment of local day `dayNumber` has, or null if it changes that day. */
  uniformOffsetOfDay(dayNumber: number): number | null;
  /** The instant of a wall-clock moment (`dayNumber * DAY_MS + minutes * MINUTE_MS`). */
  instantOfWall(wallMs: number): WallInstant;
  /** Local day number and minute of day of an instant. */
  localPartsOf(ms: number): { dayNumber: number; minuteOfDay: number };
}

// Building an Intl.DateTimeFormat costs about a millisecond and a formatter never
// changes: reading "amanhã" in each of a chat's messages built one per message.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Builds the helpers for one IANA zone; throws RangeError for an unknown zone. */
export function makeZone(timeZone: string): Zone {
  const formatter = formatterOf(timeZone);
  const offsetAt = (ms: number): number => offsetFromParts(formatter, ms);
  // Probes 14 h before a day's wall start, shared by the three days they bracket.
  const probes = new Map<number, number>();
  const probe = (dayNumber: number): number => {
    let offset = probes.get(dayNumber);
    if (offset === undefined) probes.set(dayNumber, (offset = offsetAt(dayNumber * DAY_MS - 14 * HOUR_MS)));
    return offset;
  };

  const zone: Zone = {
    timeZone,
    offsetAt,
    uniformOffsetOfDay(dayNumber) {
      // Local midnight lies within [wall - 14 h, wall + 12 h] for any offset
      // between UTC-12 and UTC+14. So day d lies between the probe of day d and
      // that of day d + 3 (34 h after d's last wall moment), and each probe
      // serves several days: about one Intl call per day instead of two.
      const before = probe(dayNumber);
      const after = probe(dayNumber + 3);
      return before === after ? before : null;
    },
    instantOfWall: (wallMs) => instantOfWall(offsetAt, wallMs),
    localPartsOf(ms) {
      const wall = ms + offsetAt(ms);
      const dayNumber = Math.floor(wall / DAY_MS);
      return { dayNumber, minuteOfDay: Math.floor((wall - dayNumber * DAY_MS) / MINUTE_MS) };
    },
  };
  return zone;
}

function instantOfWall(offsetAt: (ms: number) => number, wallMs: number): WallInstant {
  const offsetBefore = offsetAt(wallMs - DAY_MS);
  const offsetAfter = offsetAt(wallMs + DAY_MS);
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter]
    .filter((ms) => offsetAt(ms) === wallMs - ms)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return { ms: first, exists: true };
  return { ms: momentOfJump(offsetAt, wallMs - offsetAfter, wallMs - offsetBefore), exists: false };
}

/**
 * The first whole minute in (before, after] with the new offset. A skipped wall
 * time read with the new offset lands before the jump and with the old offset
 * after it, so the jump lies between; six or so probes find it.
 */
function momentOfJump(offsetAt: (ms: number) => number, before: number, after: number): number {
  const newOffset = offsetAt(after);
  let low = Math.floor(before / MINUTE_MS);
  let high = Math.ceil(after / MINUTE_MS);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetAt(middle * MINUTE_MS) === newOffset) high = middle;
    else low = middle;
  }
  return high * MINUTE_MS;
}

function offsetFromParts(formatter: Intl.DateTimeFormat, ms: number): number {
  const values: Record<string, number> = {};
  for (const part of formatter.formatToParts(ms)) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    values.year ?? 1970,
    (values.month ?? 1) - 1,
    values.day ?? 1,
    values.hour ?? 0,
    values.minute ?? 0,
    values.second ?? 0,
  );
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}
