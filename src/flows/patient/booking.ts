// Booking in the chat: procedure, professional (or anyone), day, time,
// summary, booked. Free text works along the way ("amanhã às 14h com a Dra.
// Ana"). Database work happens in effects whose outcomes come back as events.
import { parseWhen } from "../../scheduling/parse-when.js";
import { type Effect, type FlowInput, type PixCharge, type SlotOption, type StepResult, reply } from "../types.js";
import { menu } from "../choices.js";
import { menuNumber, normalize } from "../understand.js";
import { bookingTexts as b } from "./booking-texts.js";
import { askBirthDate, eligibilityOf, needsBirthDate, offeredProcedures, readBirthDate, referralNote, refusalText } from "./eligibility-step.js";
import { eligibilityTexts as e } from "./eligibility-texts.js";
import type { ProcedureView, SchedulingView } from "./scheduling-view.js";
import { dayLabel, daysOf, formatPrice, localSlot, slotLabel } from "./slot-view.js";
import type { BookingState, PatientState, Wish } from "./state.js";
import { patientTexts as t } from "./texts.js";
import { waitlistTexts as w } from "./waitlist-texts.js";

type Result = StepResult<PatientState>;
type State<T extends BookingState["type"]> = Extract<BookingState, { type: T }>;

export interface BookingContext {
  now: Date;
  clinic: { timeZone: string };
  scheduling: SchedulingView;
  /** Who the booking is for, when it is a dependant (dependants.ts): their first name on the summary. */
  forName?: string;
  /** The birth date (YYYY-MM-DD) of who the booking is for, when known: procedures with an age rule need it. */
  birthDate?: string | null;
}

const MAX_DAYS = 7;
/** Ten a page: a WhatsApp list (Cloud API) holds at most ten rows, so a page of times fits one. */
const MAX_TIMES = 10;
const to = (state: PatientState, ...effects: Effect[]): Result => ({ state, effects });

/** From the menu (or a reschedule): reads any wish in the text, then asks what is missing. */
export function startBooking(text: string, ctx: BookingContext, rescheduleOf?: { id: string; procedureId: string; professionalId: string }): Result {
  const procedures = bookable(ctx);
  if (procedures.length === 0) return to({ type: "menu" }, reply(b.noProcedures));
  const wish = readWish(text, ctx);
  if (rescheduleOf) return afterProcedure(rescheduleOf.procedureId, { ...wish, professionalId: rescheduleOf.professionalId }, ctx, rescheduleOf.id);
  // "quero um retorno" from a patient who may not book one: say why, and offer what they may.
  const refused = ctx.scheduling.procedures.find((p) => !procedures.includes(p) && normalize(text).includes(normalize(p.name)));
  const named = procedures.filter((p) => normalize(text).includes(normalize(p.name)));
  // A clinic with one procedure skips the question; one whose others this patient may not book still shows
  // the list, so the patient sees what they may book (and its price) rather than a question skipped unexplained.
  const only = refused ? undefined : ctx.scheduling.procedures.length === 1 ? procedures[0] : named.length === 1 ? named[0] : undefined;
  if (only) return afterProcedure(only.id, wish, ctx);
  const why = refused ? [reply(notEligibleText(refused, procedures, ctx))] : [];
  return to({ type: "choosingProcedure", wish }, ...why, menu(b.chooseProcedure(procedures.map(procedureLine))));
}

/** The procedures this patient may book in the chat (eligibility-step.ts). */
export const bookable = (ctx: BookingContext): ProcedureView[] => offeredProcedures(ctx);

function notEligibleText(refused: ProcedureView, offered: ProcedureView[], ctx: BookingContext): string {
  return refusalText(refused, offered, ctx);
}

export function procedureLine(p: ProcedureView): string {
  return `${p.name} (${p.durationMinutes} min, ${formatPrice(p.priceCents)}${p.requiresReferral ? `, ${e.referralTag}` : ""})`;
}

function readWish(text: string, ctx: BookingContext): Wish {
  const when = parseWhen(text, { now: ctx.now, timeZone: ctx.clinic.timeZone }) ?? {};
  const words = normalize(text).split(" ");
  const professional = ctx.scheduling.professionals.find((p) =>
    normalize(p.name).split(" ").filter((w) => w.length > 2 && !["dra", "dr", "doutor", "doutora"].includes(w)).some((w) => words.includes(w)));
  return { ...when, ...(professional ? { professionalId: professional.id } : {}) };
}

export function choosingProcedure(state: State<"choosingProcedure">, text: string, ctx: BookingContext): Result {
  const procedures = bookable(ctx);
  const refused = ctx.scheduling.procedures.find((p) => !procedures.includes(p) && normalize(text).includes(normalize(p.name)));
  if (refused) return to(state, reply(notEligibleText(refused, procedures, ctx)), menu(b.chooseProcedure(procedures.map(procedureLine))));
  const index = (menuNumber(text) ?? 0) - 1;
  const procedure = procedures[index] ?? procedures.find((p) => normalize(text).includes(normalize(p.name)));
  if (!procedure) return to(state, reply(b.invalidOption(procedures.length)), menu(b.chooseProcedure(procedures.map(procedureLine))));
  return afterProcedure(procedure.id, state.wish, ctx, state.rescheduleOf);
}

/** Joining the waitlist asks first which days and times suit the patient (waitlist.ts reads the answer). */
function askWaitlistTimes(procedureId: string, professionalId: string | null): Result {
  return to({ type: "choosingWaitlistTimes", procedureId, professionalId }, reply(w.askTimes));
}

/** Books the same procedure again (after the clinic cancelled, or an offer ended), with the same professional when they still do it. */
export function bookAgain(procedureId: string, professionalId: string | null, ctx: BookingContext): Result {
  return afterProcedure(procedureId, professionalId ? { professionalId } : undefined, ctx);
}

export function afterProcedure(procedureId: string, wish: Wish | undefined, ctx: BookingContext, rescheduleOf?: string): Result {
  const procedure = ctx.scheduling.procedures.find((p) => p.id === procedureId);
  const performers = ctx.scheduling.professionals.filter((p) => procedure?.professionalIds.includes(p.id));
  if (!procedure || performers.length === 0) return to({ type: "menu" }, reply(b.noProcedures));
  if (!rescheduleOf && needsBirthDate(procedure, ctx)) return askBirthDate(procedure, wish, ctx);
  const wished = performers.find((p) => p.id === wish?.professionalId);
  if (wished || performers.length === 1) return search(procedureId, (wished ?? performers[0]!).id, wish, rescheduleOf);
  return to({ type: "choosingProfessional", procedureId, wish, rescheduleOf }, menu(b.chooseProfessional(performers.map((p) => p.name))));
}

export function choosingProfessional(state: State<"choosingProfessional">, text: string, ctx: BookingContext): Result {
  const procedure = ctx.scheduling.procedures.find((p) => p.id === state.procedureId);
  const performers = ctx.scheduling.professionals.filter((p) => procedure?.professionalIds.includes(p.id));
  const choice = menuNumber(text);
  if (choice === performers.length + 1 || /qualquer/.test(normalize(text))) return search(state.procedureId, null, state.wish, state.rescheduleOf);
  const chosen = choice ? performers[choice - 1] : readWishProfessional(text, ctx, performers);
  if (!chosen) return to(state, reply(b.invalidOption(performers.length + 1)), menu(b.chooseProfessional(performers.map((p) => p.name))));
  return search(state.procedureId, chosen.id, state.wish, state.rescheduleOf);
}

function readWishProfessional(text: string, ctx: BookingContext, performers: { id: string; name: string }[]) {
  const id = readWish(text, ctx).professionalId;
  return performers.find((p) => p.id === id);
}

export function search(procedureId: string, professionalId: string | null, wish: Wish | undefined, rescheduleOf?: string): Result {
  return to(
    { type: "choosingDay", procedureId, professionalId, days: [], slots: [], wish, rescheduleOf },
    { kind: "findSlots", procedureId, professionalId, ...searchDays(wish) },
  );
}

/** A wished day or span starts the search there ("daqui a 15 dias" may lie past the first weeks of times). */
function searchDays(wish: Wish | undefined): { from?: string; to?: string } {
  if (wish?.date) return { from: wish.date };
  if (wish?.from) return { from: wish.from, ...(wish.to ? { to: wish.to } : {}) };
  return {};
}

/** What of a wish narrows the times of any day ("à tarde", "depois das 17h", "às 16h"), kept while the patient picks a day. */
function timeFilter(wish: Wish): Wish | undefined {
  const { time, period, after, before } = wish;
  const kept = Object.fromEntries(Object.entries({ time, period, after, before }).filter(([, v]) => v !== undefined)) as Wish;
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function fitsTime(local: { time: string; period: string }, wish: Wish): boolean {
  return (!wish.time || local.time === wish.time) && (!wish.period || local.period === wish.period) &&
    (!wish.after || local.time >= wish.after) && (!wish.before || local.time < wish.before);
}

/** The slots arrived: go straight to the wished time when it is free, else offer days. */
export function slotsFound(state: State<"choosingDay">, slots: SlotOption[], ctx: BookingContext): Result {
  const zone = ctx.clinic.timeZone;
  const wish = state.wish ?? {};
  // A search from a typed date adds to what was found before: the list of days stays as it was.
  const merged = mergeSlots(state.slots, slots);
  if (merged.length === 0) {
    return to({ type: "offeringWaitlist", procedureId: state.procedureId, professionalId: state.professionalId, wish }, menu(b.noSlots));
  }
  // Days with times that fit what was asked ("semana que vem de manhã"); all of them when none does.
  const fitting = merged.filter((s) => {
    const local = localSlot(s, zone);
    return (!wish.from || local.date >= wish.from) && (!wish.to || local.date <= wish.to) && fitsTime(local, wish);
  });
  const days = daysOf(fitting.length > 0 ? fitting : merged, zone, MAX_DAYS);
  const next: State<"choosingDay"> = { ...state, days, slots: merged, wish: fitting.length > 0 ? timeFilter(wish) : undefined };
  if (wish.date) {
    if (!daysOf(merged, zone, Infinity).includes(wish.date)) return to(next, reply(b.noDayMatch(dayLabel(wish.date))), menu(dayList(next, ctx)));
    return dayChosen(next, wish.date, wish, ctx);
  }
  const asked = Boolean(wish.from || timeFilter(wish));
  if (fitting.length === 0 && asked) return to(next, reply(b.noneAsWished), menu(dayList(next, ctx)));
  if (wish.earliest && days[0]) return dayChosen(next, days[0], wish, ctx);
  return to(next, menu(dayList(next, ctx)));
}

/** The page of days shown, saying when "mais" shows later ones. */
function dayList(state: State<"choosingDay">, ctx: BookingContext): string {
  const last = state.days.at(-1) ?? "";
  return b.chooseDay(state.days.map(dayLabel), daysOf(state.slots, ctx.clinic.timeZone, Infinity).some((d) => d > last));
}

/** "mais": the next days with free times; after the last page, the first again (a later date can be typed). */
function moreDays(state: State<"choosingDay">, ctx: BookingContext): Result {
  const all = daysOf(state.slots, ctx.clinic.timeZone, Infinity);
  const later = all.filter((d) => d > (state.days.at(-1) ?? ""));
  const next = { ...state, days: (later.length > 0 ? later : all).slice(0, MAX_DAYS) };
  return to(next, ...(later.length > 0 ? [] : [reply(b.noMoreDays)]), menu(dayList(next, ctx)));
}

export function choosingDay(state: State<"choosingDay">, text: string, ctx: BookingContext): Result {
  const choice = menuNumber(text);
  if (choice === 0 || /lista de espera/.test(normalize(text))) return askWaitlistTimes(state.procedureId, state.professionalId);
  const when = parseWhen(text, { now: ctx.now, timeZone: ctx.clinic.timeZone });
  if (choice === undefined && !(when?.date || when?.time || when?.period) && /\bmais\b/.test(normalize(text))) return moreDays(state, ctx);
  const date = choice ? state.days[choice - 1] : when?.date;
  if (!date) return to(state, reply(b.invalidOption(state.days.length)), menu(dayList(state, ctx)));
  // A filter said earlier ("à tarde") holds for the day picked now, unless this message says another.
  const said = timeFilter({ time: when?.time, period: when?.period, after: when?.after, before: when?.before });
  const wish: Wish = said ?? state.wish ?? {};
  const known = daysOf(state.slots, ctx.clinic.timeZone, Infinity);
  if (!known.includes(date)) {
    // The first search stops after a few weeks of times: a later day typed ("dia 16") is searched on its own.
    const lastKnown = known.at(-1);
    if (!choice && lastKnown && date > lastKnown) {
      return to({ ...state, wish: { ...wish, date } }, { kind: "findSlots", procedureId: state.procedureId, professionalId: state.professionalId, from: date, to: date }, reply(b.searching));
    }
    return to(state, reply(b.noDayMatch(dayLabel(date))), menu(dayList(state, ctx)));
  }
  return dayChosen(state, date, wish, ctx);
}

function mergeSlots(before: SlotOption[], found: SlotOption[]): SlotOption[] {
  const key = (s: SlotOption) => `${s.startsAt}|${s.professionalId}`;
  const seen = new Set(before.map(key));
  return [...before, ...found.filter((s) => !seen.has(key(s)))].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}

/** The day's free times that fit the wish ("à tarde", "depois das 17h"); all of the day's when none fits. */
function dayTimes(slots: SlotOption[], date: string, wish: Wish, zone: string): SlotOption[] {
  const ofDay = slots.filter((s) => localSlot(s, zone).date === date);
  const fits = ofDay.filter((s) => {
    const local = localSlot(s, zone);
    return (!wish.period || local.period === wish.period) && (!wish.after || local.time >= wish.after) && (!wish.before || local.time < wish.before);
  });
  return fits.length > 0 ? fits : ofDay;
}

function dayChosen(state: State<"choosingDay">, date: string, wish: Wish, ctx: BookingContext): Result {
  const zone = ctx.clinic.timeZone;
  const options = dayTimes(state.slots, date, wish, zone);
  const exact = wish.time ? state.slots.find((s) => localSlot(s, zone).date === date && localSlot(s, zone).time === wish.time) : undefined;
  const base: State<"choosingTime"> = { type: "choosingTime", procedureId: state.procedureId, professionalId: state.professionalId, date, options, offset: 0, slots: state.slots, rescheduleOf: state.rescheduleOf };
  if (exact) return hold(base, exact);
  const list = menu(timeList(base, ctx));
  return wish.time ? to(base, reply(b.noTimeMatch(wish.time)), list) : to(base, list);
}

/** One page of the day's times, numbered from 1. */
const shownTimes = (state: State<"choosingTime">) => state.options.slice(state.offset ?? 0, (state.offset ?? 0) + MAX_TIMES);

function timeList(state: State<"choosingTime">, ctx: BookingContext): string {
  const more = (state.offset ?? 0) + MAX_TIMES < state.options.length;
  return b.chooseTime(dayLabel(state.date), shownTimes(state).map((s) => timeLine(s, ctx, state.professionalId)), more);
}

function timeLine(slot: SlotOption, ctx: BookingContext, fixedProfessional: string | null): string {
  const time = localSlot(slot, ctx.clinic.timeZone).time;
  if (fixedProfessional) return time;
  return `${time} - ${ctx.scheduling.professionals.find((p) => p.id === slot.professionalId)?.name ?? ""}`;
}

export function choosingTime(state: State<"choosingTime">, text: string, ctx: BookingContext): Result {
  const choice = menuNumber(text);
  if (choice === 0 || /outro dia|voltar/.test(normalize(text))) {
    const days = daysOf(state.slots, ctx.clinic.timeZone, MAX_DAYS);
    return to({ type: "choosingDay", procedureId: state.procedureId, professionalId: state.professionalId, days, slots: state.slots, rescheduleOf: state.rescheduleOf }, menu(b.chooseDay(days.map(dayLabel))));
  }
  const when = parseWhen(text, { now: ctx.now, timeZone: ctx.clinic.timeZone });
  const timeWish = when && (when.time || when.period || when.after || when.before);
  if (choice === undefined && !timeWish && !when?.date && /\bmais\b/.test(normalize(text))) {
    const offset = (state.offset ?? 0) + MAX_TIMES < state.options.length ? (state.offset ?? 0) + MAX_TIMES : 0;
    const next = { ...state, offset };
    return to(next, menu(timeList(next, ctx)));
  }
  if (choice !== undefined) {
    const picked = shownTimes(state)[choice - 1];
    if (!picked) return to(state, reply(b.invalidOption(shownTimes(state).length)), menu(timeList(state, ctx)));
    return hold(state, picked);
  }
  // "pode ser dia 3 às 14h?" while Friday 04/12 is listed: the 3 is a date, not option 3.
  if (when?.date && when.date !== state.date) {
    return choosingDay({ type: "choosingDay", procedureId: state.procedureId, professionalId: state.professionalId, days: daysOf(state.slots, ctx.clinic.timeZone, MAX_DAYS), slots: state.slots, rescheduleOf: state.rescheduleOf }, text, ctx);
  }
  if (when && timeWish) {
    return dayChosen({ type: "choosingDay", procedureId: state.procedureId, professionalId: state.professionalId, days: [], slots: state.slots, rescheduleOf: state.rescheduleOf }, state.date, when, ctx);
  }
  return to(state, reply(b.invalidOption(shownTimes(state).length)), menu(timeList(state, ctx)));
}

function hold(state: Omit<State<"choosingTime">, "type"> & { type: "choosingTime" }, slot: SlotOption): Result {
  return to(
    { type: "confirmingBooking", procedureId: state.procedureId, appointmentId: "", slot, slots: state.slots, rescheduleOf: state.rescheduleOf },
    { kind: "holdSlot", procedureId: state.procedureId, slot, rescheduleOf: state.rescheduleOf },
  );
}

export function bookingEvent(state: BookingState, input: FlowInput, ctx: BookingContext): Result | undefined {
  const event = input.event;
  if (!event) return undefined;
  if (event.type === "slotsFound" && state.type === "choosingDay") return slotsFound(state, event.slots, ctx);
  if (event.type === "slotHeld" && state.type === "confirmingBooking") return summary({ ...state, appointmentId: event.appointmentId }, ctx);
  if (event.type === "slotTaken" && (state.type === "confirmingBooking" || state.type === "choosingTime")) return taken(state, event.alternatives, ctx);
  if (event.type === "booked") return booked(event, ctx, "rescheduleOf" in state && Boolean(state.rescheduleOf));
  if (state.type === "confirmingBooking" || state.type === "awaitingPayment") return paymentEvent(state, event, ctx);
  return undefined;
}

/** Leaving a state that holds a slot gives the slot back. */
export function leavingEffects(state: PatientState): Effect[] {
  return state.type === "confirmingBooking" && state.appointmentId ? [{ kind: "releaseHold", appointmentId: state.appointmentId }] : [];
}

/** A procedure whose booking waits for a Pix. */
export function needsPrepayment(procedure: ProcedureView | undefined): boolean {
  return Boolean(procedure?.prepaymentRequired && procedure.priceCents > 0);
}

function paymentEvent(state: State<"confirmingBooking"> | State<"awaitingPayment">, event: NonNullable<FlowInput["event"]>, ctx: BookingContext): Result | undefined {
  const waiting = (deadline?: string): State<"awaitingPayment"> =>
    ({ type: "awaitingPayment", appointmentId: state.appointmentId, procedureId: state.procedureId, deadline, rescheduleOf: state.rescheduleOf });
  if (event.type === "paymentRequested") return to(waiting(event.deadline), ...showPix(event.pix), menu(b.pixSent(deadlineLabel(event.deadline, ctx))));
  if (event.type === "paymentUnavailable") return to(waiting(state.type === "awaitingPayment" ? state.deadline : undefined), reply(b.pixUnavailable));
  if (event.type === "paymentExpired") return to({ type: "menu" }, reply(b.pixExpiredInChat));
  return undefined;
}

/** The QR code image (when there is one), then the code alone in a message, so it copies whole. */
function showPix(pix: PixCharge | undefined): Effect[] {
  if (!pix) return [];
  const caption = b.pixCaption(pix.procedureName, formatPrice(pix.amountCents));
  return [
    ...(pix.qrMediaId ? [{ kind: "sendMedia", media: "image", mediaId: pix.qrMediaId, mimetype: "image/png", filename: "pix.png", caption } as const] : []),
    ...(pix.qrCode ? [reply(pix.qrCode)] : []),
  ];
}

function deadlineLabel(deadline: string, ctx: BookingContext): string {
  return slotLabel({ startsAt: deadline, endsAt: deadline, professionalId: "" }, ctx.clinic.timeZone);
}

/** A Pix is open: send it again, or give the time up. */
export function awaitingPayment(state: State<"awaitingPayment">, text: string, ctx: BookingContext): Result {
  const words = normalize(text);
  const choice = menuNumber(text) ?? (/reenvi|codigo|pix|de novo|novo/.test(words) ? 1 : /cancel|desist|nao quero/.test(words) ? 2 : undefined);
  if (choice === 1) return to(state, { kind: "requestPayment", appointmentId: state.appointmentId });
  if (choice === 2) return to({ type: "menu" }, { kind: "cancelPayment", appointmentId: state.appointmentId }, reply(b.pixCancelled));
  return to(state, state.deadline ? menu(b.pixWaiting(deadlineLabel(state.deadline, ctx))) : reply(b.pixUnavailable));
}

function summary(state: State<"confirmingBooking">, ctx: BookingContext): Result {
  const procedure = ctx.scheduling.procedures.find((p) => p.id === state.procedureId);
  const professional = ctx.scheduling.professionals.find((p) => p.id === state.slot.professionalId);
  const lines = [
    ...(ctx.forName ? [b.bookingFor(ctx.forName)] : []),
    `📋 ${procedure?.name ?? "Consulta"}`,
    `👩‍⚕️ ${professional?.name ?? ""}`,
    `📅 ${slotLabel(state.slot, ctx.clinic.timeZone)}`,
    `💰 ${formatPrice(procedure?.priceCents ?? 0)}`,
    ...(needsPrepayment(procedure) ? [b.prepaymentLine] : []),
    ...referralNote(procedure),
  ];
  return to(state, menu(b.summary(lines)));
}

function taken(state: State<"confirmingBooking"> | State<"choosingTime">, alternatives: SlotOption[], ctx: BookingContext): Result {
  const options = alternatives.slice(0, MAX_TIMES);
  if (options.length === 0) return to({ type: "offeringWaitlist", procedureId: state.procedureId, professionalId: null }, reply(b.takenNoAlternatives), menu(b.noSlots));
  const next: State<"choosingTime"> = { type: "choosingTime", procedureId: state.procedureId, professionalId: null, date: localSlot(options[0]!, ctx.clinic.timeZone).date, options, offset: 0, slots: state.slots, rescheduleOf: state.rescheduleOf };
  return to(next, reply(`${b.taken}\n${options.map((s, i) => `${i + 1} - ${slotLabel(s, ctx.clinic.timeZone)}`).join("\n")}`));
}

function booked(event: { startsAt: string; professionalId: string; reminderAt?: string | null }, ctx: BookingContext, rescheduled: boolean): Result {
  const label = (iso: string) => slotLabel({ startsAt: iso, endsAt: iso, professionalId: event.professionalId }, ctx.clinic.timeZone);
  const when = label(event.startsAt);
  const who = ctx.scheduling.professionals.find((p) => p.id === event.professionalId)?.name ?? "";
  const reminder = event.reminderAt === undefined ? undefined : event.reminderAt === null ? null : label(event.reminderAt);
  return to({ type: "menu" }, reply(rescheduled ? b.rescheduled(when, who) : b.booked(when, who, reminder, ctx.forName)));
}

export function confirmingBooking(state: State<"confirmingBooking">, text: string, ctx: BookingContext): Result {
  const choice = menuNumber(text) ?? (/^(sim|confirm)/.test(normalize(text)) ? 1 : /outro|nao/.test(normalize(text)) ? 2 : undefined);
  if (choice === 1) {
    const prepaid = needsPrepayment(ctx.scheduling.procedures.find((p) => p.id === state.procedureId));
    return to(state, prepaid ? { kind: "requestPayment", appointmentId: state.appointmentId } : { kind: "confirmHold", appointmentId: state.appointmentId });
  }
  if (choice === 2) {
    const days = daysOf(state.slots, ctx.clinic.timeZone, MAX_DAYS);
    return to(
      { type: "choosingDay", procedureId: state.procedureId, professionalId: null, days, slots: state.slots, rescheduleOf: state.rescheduleOf },
      { kind: "releaseHold", appointmentId: state.appointmentId },
      menu(b.chooseDay(days.map(dayLabel))),
    );
  }
  return to(state, reply(b.invalidOption(2)));
}

export function offeringWaitlist(state: State<"offeringWaitlist">, text: string): Result {
  const choice = menuNumber(text) ?? (/^sim/.test(normalize(text)) ? 1 : /^nao/.test(normalize(text)) ? 2 : undefined);
  if (choice === 1) return askWaitlistTimes(state.procedureId, state.professionalId);
  if (choice === 2) return to({ type: "menu" }, menu(t.menu));
  return to(state, reply(b.invalidOption(2)));
}

/** The birth date an age rule asked for: stored, then the procedure goes on, or the patient is told why not and offered the others. */
export function answeringBirthDate(state: State<"askingBirthDate">, rawText: string, ctx: BookingContext): Result {
  const birthDate = readBirthDate(rawText, ctx);
  if (typeof birthDate !== "string") return to(state, ...birthDate);
  const save: Effect = { kind: "saveBirthDate", birthDate };
  const procedure = ctx.scheduling.procedures.find((p) => p.id === state.procedureId);
  const known: BookingContext = { ...ctx, birthDate };
  if (procedure && eligibilityOf(procedure, known).eligible) {
    const next = afterProcedure(procedure.id, state.wish, known);
    return { state: next.state, effects: [save, ...next.effects] };
  }
  const offered = bookable(known).filter((p) => p.id !== state.procedureId);
  const why = procedure ? [reply(notEligibleText(procedure, offered, known))] : [];
  if (offered.length === 0) return to({ type: "menu" }, save, ...why, menu(t.menu));
  return to({ type: "choosingProcedure", wish: state.wish }, save, ...why, menu(b.chooseProcedure(offered.map(procedureLine))));
}
