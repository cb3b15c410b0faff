// How long one professional's free slots over 60 days take with 10 000
// appointments on the books. Runs alone: `npx tsx bench/scheduling-slots.ts`.

import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { freeSlots } from "../src/scheduling/slots.js";
import type { BusyRange, SlotQuery, WorkingHours } from "../src/scheduling/types.js";

const APPOINTMENTS = 10_000;
const DAYS = 60;
const WARMUP_RUNS = 30;
const RUNS = 300;
const NOW = new Date("2026-11-23T12:00:00Z"); // Monday 09:00 in São Paulo
const DAY_MS = 86_400_000;

export async function benchSchedulingSlots(): Promise<Record<string, unknown>> {
  const query = benchQuery();
  let slots = 0;
  for (let i = 0; i < WARMUP_RUNS; i++) slots = freeSlots(query).length;
  const timings: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    freeSlots(query);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return {
    bench: "scheduling.slots",
    appointments: APPOINTMENTS,
    days: DAYS,
    runs: RUNS,
    slots_found: slots,
    p50_ms: round(percentile(timings, 0.5)),
    p99_ms: round(percentile(timings, 0.99)),
  };
}

function benchQuery(): SlotQuery {
  const weekdays = [1, 2, 3, 4, 5] as const;
  const workingHours: WorkingHours[] = weekdays.flatMap((weekday) => [
    { weekday, start: "08:00", end: "12:00" },
    { weekday, start: "13:00", end: "18:00" },
  ]);
  workingHours.push({ weekday: 6, start: "08:00", end: "12:00" });
  return {
    timeZone: "America/Sao_Paulo",
    now: NOW,
    workingHours,
    dateOverrides: [{ date: "2026-12-25", intervals: [] }],
    timeOff: [{ startsAt: new Date("2026-12-28T03:00:00Z"), endsAt: new Date("2027-01-04T03:00:00Z") }],
    busy: appointments(),
    durationMinutes: 30,
    bufferAfterMinutes: 10,
    slotIntervalMinutes: 15,
    minimumNoticeMinutes: 120,
    horizonDays: DAYS,
  };
}

/**
 * 10 000 appointments from 640 days ago to 160 days ahead, at quarter hours
 * between 08:00 and 18:00 São Paulo time, from a fixed-seed generator: about a
 * thirteenth land in the 60-day window, about 12 a day: some days full, some with room.
 */
function appointments(): BusyRange[] {
  let seed = 20_261_123;
  const next = (): number => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 2 ** 32;
  };
  const firstDay = Math.floor(NOW.getTime() / DAY_MS) - 640;
  return Array.from({ length: APPOINTMENTS }, () => {
    const day = firstDay + Math.floor(next() * 800);
    const startsAt = day * DAY_MS + (11 * 60 + Math.floor(next() * 40) * 15) * 60_000; // 08:00 BRT = 11:00Z
    const minutes = [20, 30, 45, 60][Math.floor(next() * 4)] ?? 30;
    return { startsAt: new Date(startsAt), endsAt: new Date(startsAt + minutes * 60_000), bufferAfterMinutes: 5 };
  });
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? Number.NaN;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await benchSchedulingSlots()));
}
