// A day the clinic is closed, asked for in a booking: "Não atendemos em 25/12
// (Natal)", then the free days nearest to it. The slot search never offers a
// closed day (src/scheduling/holidays.ts, closures.ts); this says why the
// asked one is missing instead of "no free time".
import { parseLocalDate, formatLocalDate } from "../../scheduling/local-date.js";
import { parseWhen } from "../../scheduling/parse-when.js";
import { reply, type Effect, type SlotOption, type StepResult } from "../types.js";
import { menuNumber } from "../understand.js";
import { bookingTexts as b } from "./booking-texts.js";
import { slotsFound } from "./booking.js";
import { clinicInfoTexts as c } from "./clinic-info-texts.js";
import type { PatientContext } from "./context.js";
import { emptySchedulingView } from "./scheduling-view.js";
import { dayLabel, daysOf } from "./slot-view.js";
import type { BookingState, PatientState } from "./state.js";

type Result = StepResult<PatientState>;
type ChoosingDay = Extract<BookingState, { type: "choosingDay" }>;

const MAX_DAYS = 7;
/** How far around a closed day the search for the nearest free days looks (a week before, two after). */
const NEAR_BEFORE = 7;
const NEAR_AFTER = 14;

/** "Não atendemos em 25/12 (Natal)." for a closed date, else undefined. */
function closedText(date: string, ctx: PatientContext): string | undefined {
  const closed = ctx.clinicInfo?.closedDays.find((d) => d.date === date);
  return closed ? c.closedOn(`${date.slice(8, 10)}/${date.slice(5, 7)}`, closed.reason) : undefined;
}

/** While choosing a day or a time, a typed closed date: why not, then a search for the free days after it. */
export function closedDayTyped(state: PatientState, text: string, ctx: PatientContext): Result | undefined {
  if (state.type !== "choosingDay" && state.type !== "choosingTime") return undefined;
  if (menuNumber(text) !== undefined) return undefined;
  const date = parseWhen(text, { now: ctx.now, timeZone: ctx.clinic.timeZone })?.date;
  const why = date ? closedText(date, ctx) : undefined;
  if (!date || !why) return undefined;
  const next: ChoosingDay = {
    type: "choosingDay", procedureId: state.procedureId, professionalId: state.professionalId, days: state.type === "choosingDay" ? state.days : [],
    slots: state.slots, wish: { nearDate: date }, rescheduleOf: state.rescheduleOf,
  };
  return { state: next, effects: [reply(why), nearSearch(state, date)] };
}

/** Free times arrived for a booking that asked for a closed day: the days nearest to it (and why that one is not among them). */
export function slotsNearClosedDay(state: PatientState, slots: SlotOption[] | undefined, ctx: PatientContext): Result | undefined {
  if (state.type !== "choosingDay" || !slots) return undefined;
  const wish = state.wish ?? {};
  if (!wish.nearDate) {
    // "quero marcar dia 25/12": the first search found the soonest times; look next to the asked day too.
    const why = wish.date ? closedText(wish.date, ctx) : undefined;
    if (!wish.date || !why) return undefined;
    return { state: { ...state, slots, wish: { nearDate: wish.date } }, effects: [reply(why), nearSearch(state, wish.date)] };
  }
  const found = slotsFound({ ...state, wish: undefined }, slots, { now: ctx.now, clinic: ctx.clinic, scheduling: ctx.scheduling ?? emptySchedulingView });
  if (found.state.type !== "choosingDay") return found;
  const days = nearestDays(found.state.slots, wish.nearDate, ctx.clinic.timeZone);
  return { state: { ...found.state, days }, effects: [reply(b.chooseDay(days.map(dayLabel)))] };
}

function nearSearch(state: { procedureId: string; professionalId: string | null }, date: string): Effect {
  const day = parseLocalDate(date)!;
  return { kind: "findSlots", procedureId: state.procedureId, professionalId: state.professionalId, from: formatLocalDate(day - NEAR_BEFORE), to: formatLocalDate(day + NEAR_AFTER) };
}

/** The free days closest to `date`, in calendar order. */
function nearestDays(slots: SlotOption[], date: string, timeZone: string): string[] {
  const target = parseLocalDate(date) ?? 0;
  const all = daysOf(slots, timeZone, Infinity);
  return all
    .map((day) => ({ day, distance: Math.abs((parseLocalDate(day) ?? 0) - target) }))
    .sort((x, y) => x.distance - y.distance || x.day.localeCompare(y.day))
    .slice(0, MAX_DAYS)
    .map((x) => x.day)
    .sort();
}
