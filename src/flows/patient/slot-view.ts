// How offered times read in the chat: always the clinic's wall clock.
import { calendarOf, formatLocalDate, formatWallTime, parseLocalDate, weekdayOf } from "../../scheduling/local-date.js";
import { periodOfMinute } from "../../scheduling/format-slot.js";
import { makeZone } from "../../scheduling/zoned-time.js";
import type { SlotOption } from "../types.js";

const WEEKDAYS = ["domingo", "segunda", "terça", "quarta", "quinta", "sexta", "sábado"] as const;

export interface LocalSlot {
  date: string;
  time: string;
  period: "manha" | "tarde" | "noite";
}

// A zone is pure (its offsets never change) and costly to build: lists of a few hundred times read it per time.
const zones = new Map<string, ReturnType<typeof makeZone>>();
function zoneOf(timeZone: string) {
  let zone = zones.get(timeZone);
  if (!zone) zones.set(timeZone, (zone = makeZone(timeZone)));
  return zone;
}

export function localSlot(slot: SlotOption, timeZone: string): LocalSlot {
  const { dayNumber, minuteOfDay } = zoneOf(timeZone).localPartsOf(Date.parse(slot.startsAt));
  return { date: formatLocalDate(dayNumber), time: formatWallTime(minuteOfDay), period: periodOfMinute(minuteOfDay) };
}

/** "segunda, 24/11" */
export function dayLabel(date: string): string {
  const dayNumber = parseLocalDate(date);
  if (dayNumber === null) return date;
  const { month, day } = calendarOf(dayNumber);
  return `${WEEKDAYS[weekdayOf(dayNumber)]}, ${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}`;
}

/** "segunda, 24/11 às 14:00" */
export function slotLabel(slot: SlotOption, timeZone: string): string {
  const local = localSlot(slot, timeZone);
  return `${dayLabel(local.date)} às ${local.time}`;
}

/** The distinct local dates of the slots, in order. */
export function daysOf(slots: SlotOption[], timeZone: string, max: number): string[] {
  const days: string[] = [];
  for (const slot of slots) {
    const { date } = localSlot(slot, timeZone);
    if (days[days.length - 1] !== date && !days.includes(date)) days.push(date);
    if (days.length >= max) break;
  }
  return days;
}

export function formatPrice(cents: number): string {
  if (cents === 0) return "sem custo";
  return `R$ ${(cents / 100).toFixed(2).replace(".", ",")}`;
}
