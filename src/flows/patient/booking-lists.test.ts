// Every free time reachable from the lists: pages, periods and bounds, a
// typed time, a typed date at any distance; a date is never an option number.
// Fixed clock: Monday 2026-11-23 09:00 in São Paulo.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Effect, SlotOption } from "../types.js";
import { choosingDay, choosingTime, slotsFound, type BookingContext } from "./booking.js";
import type { SchedulingView } from "./scheduling-view.js";
import { localSlot } from "./slot-view.js";
import type { BookingState } from "./state.js";

const ZONE = "America/Sao_Paulo";
const scheduling: SchedulingView = {
  procedures: [{ id: "consulta", name: "Consulta", durationMinutes: 30, priceCents: 25000, prepaymentRequired: false, professionalIds: ["ana"] }],
  professionals: [{ id: "ana", name: "Dra. Ana Souza" }],
  upcoming: [],
  cancellationNoticeHours: 24,
};
const ctx: BookingContext = { now: new Date("2026-11-23T12:00:00Z"), clinic: { timeZone: ZONE }, scheduling };
const replies = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "reply" ? [e.text] : []));
const held = (effects: Effect[]) => effects.flatMap((e) => (e.kind === "holdSlot" ? [e.slot] : []));

/** Every half hour from 08:00 to 17:30 (São Paulo, UTC-3) on the given local dates. */
function fullDays(dates: string[]): SlotOption[] {
  return dates.flatMap((date) => Array.from({ length: 20 }, (_, i) => {
    const start = new Date(`${date}T${String(8 + Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}:00-03:00`);
    return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 1_800_000).toISOString(), professionalId: "ana" };
  }));
}
const DATES = ["2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"];
const SLOTS = fullDays(DATES);
const dayState = (slots = SLOTS): Extract<BookingState, { type: "choosingDay" }> =>
  ({ type: "choosingDay", procedureId: "consulta", professionalId: "ana", days: [], slots });
const timeOf = (slot: SlotOption) => localSlot(slot, ZONE);

function listOf(date: string) {
  const result = choosingDay(dayState(), `dia ${Number(date.slice(8))}/${Number(date.slice(5, 7))}`, ctx);
  expect(result.state.type).toBe("choosingTime");
  return result.state as Extract<BookingState, { type: "choosingTime" }>;
}

describe("the day's list of times", () => {
  it("takes a typed time beyond the first page: '16h' books 16:00", () => {
    const list = listOf("2026-11-24");
    expect(replies(choosingDay(dayState(), "dia 24/11", ctx).effects)[0]).not.toContain("16:00");
    const [slot] = held(choosingTime(list, "16h", ctx).effects);
    expect(timeOf(slot!)).toMatchObject({ date: "2026-11-24", time: "16:00" });
    expect(timeOf(held(choosingTime(list, "16:30", ctx).effects)[0]!).time).toBe("16:30");
  });

  it("shows ten times a page (a WhatsApp list's rows), turns the page on 'mais', and numbers the new page from 1", () => {
    const list = listOf("2026-11-24");
    const next = choosingTime(list, "ver mais horários", ctx);
    expect(replies(next.effects)[0]).toContain("1 - 13:00");
    expect(timeOf(held(choosingTime(next.state as typeof list, "8", ctx).effects)[0]!).time).toBe("16:30");
  });

  it("narrows to a period or a bound", () => {
    const list = listOf("2026-11-24");
    expect(replies(choosingTime(list, "à tarde", ctx).effects)[0]).toMatch(/1 - 12:00/);
    expect(replies(choosingTime(list, "depois das 17h", ctx).effects)[0]).toMatch(/1 - 17:00\n2 - 17:30\n\n/);
  });

  it("reads 'pode ser dia 3 às 14h?' while Friday 04/12 is listed as a date, not as option 3", () => {
    const friday = listOf("2026-12-04");
    const [slot] = held(choosingTime(friday, "pode ser dia 3 às 14h?", ctx).effects);
    expect(timeOf(slot!)).toMatchObject({ date: "2026-12-03", time: "14:00" });
  });

  it("searches a day typed beyond the times already found, and keeps the list it had", () => {
    const asked = choosingDay(dayState(fullDays(DATES.slice(0, 3))), "dia 16", ctx);
    expect(asked.effects).toContainEqual({ kind: "findSlots", procedureId: "consulta", professionalId: "ana", from: "2026-12-16", to: "2026-12-16" });
    const found = slotsFound(asked.state as ReturnType<typeof dayState>, fullDays(["2026-12-16"]), ctx);
    expect(found.state).toMatchObject({ type: "choosingTime", date: "2026-12-16" });
    expect((found.state as { slots: SlotOption[] }).slots).toHaveLength(80);
  });
});

describe("every free time is reachable", () => {
  it("reaches any listed free time in at most two messages: the date, then the time", () => {
    fc.assert(fc.property(fc.constantFrom(...SLOTS), fc.boolean(), (target, oneMessage) => {
      const { date, time } = timeOf(target);
      const day = `${Number(date.slice(8))}/${Number(date.slice(5, 7))}`;
      const hhmm = time.endsWith(":00") ? `${Number(time.slice(0, 2))}h` : time;
      if (oneMessage) {
        expect(held(choosingDay(dayState(), `dia ${day} às ${hhmm}`, ctx).effects)).toEqual([target]);
        return;
      }
      const list = choosingDay(dayState(), `dia ${day}`, ctx);
      expect(held(choosingTime(list.state as Extract<BookingState, { type: "choosingTime" }>, hhmm, ctx).effects)).toEqual([target]);
    }), { numRuns: 200 });
  });
});

describe("more days than one page", () => {
  type DayState = Extract<BookingState, { type: "choosingDay" }>;
  it("shows the next days on 'mais', numbered from 1, and the first ones again after the last page", () => {
    const found = slotsFound(dayState([]), SLOTS, ctx);
    const first = found.state as DayState;
    expect(first.days).toEqual(DATES.slice(0, 7));
    expect(replies(found.effects).join("\n")).toContain("Para ver mais dias, responda *mais*.");
    const page = choosingDay(first, "ver mais dias", ctx);
    expect((page.state as DayState).days).toEqual(["2026-12-03", "2026-12-04"]);
    expect(replies(page.effects).join("\n")).toContain("1 - quinta, 03/12\n2 - sexta, 04/12");
    expect(replies(page.effects).join("\n")).not.toContain("responda *mais*");
    expect(choosingDay(page.state as DayState, "1", ctx).state).toMatchObject({ type: "choosingTime", date: "2026-12-03" });
    const again = choosingDay(page.state as DayState, "mais", ctx);
    expect((again.state as DayState).days).toEqual(DATES.slice(0, 7));
    expect(replies(again.effects)[0]).toContain("Esses eram os últimos dias com horários que encontrei");
  });
});
