// Requests in the patient's own words, wherever they make sense: "pode ser
// dia 25 à tarde?" at the menu starts a booking for that day; "com a Dra.
// Ana" or "semana que vem de manhã" in the middle of one steers it; "quero
// desmarcar a de terça" and "posso passar para quinta?" pick the patient's
// appointment on that day. What was understood is kept through the questions
// still to ask and said back ("Entendi: consulta amanhã de manhã.").
// A plain answer to the question on screen (a number, a listed name) is left
// to the state that asked it.
import { parseWhen } from "../../scheduling/parse-when.js";
import { understandMessage } from "../understanding/index.js";
import { type Effect, type StepResult, reply } from "../types.js";
import { menu } from "../choices.js";
import { menuNumber, normalize } from "../understand.js";
import { afterProcedure, bookable, procedureLine, search, type BookingContext } from "./booking.js";
import { bookingTexts as b } from "./booking-texts.js";
import { appointmentLine, listAppointments, myAppointments } from "./appointments.js";
import { chatChangeVerdict } from "./change-rules.js";
import { requestTexts as r, understood } from "./request-texts.js";
import type { UpcomingAppointment } from "./scheduling-view.js";
import { localSlot, slotLabel } from "./slot-view.js";
import type { PatientState, Wish } from "./state.js";

type Result = StepResult<PatientState>;
const STEERED = new Set<PatientState["type"]>(["menu", "myAppointments", "choosingProcedure", "choosingProfessional", "choosingDay", "choosingTime"]);
const to = (state: PatientState, ...effects: Effect[]): Result => ({ state, effects });

export interface PatientRequest {
  kind: "book" | "cancel" | "reschedule";
  /** Day, time, period and professional said; empty when only the request was. */
  wish: Wish;
  procedureId?: string;
}

/** The booking, cancellation or reschedule a message asks for, with what it says of day, time and professional. */
export function readRequest(text: string, ctx: BookingContext): PatientRequest | undefined {
  const intents = understandMessage(text, {
    now: ctx.now, timeZone: ctx.clinic.timeZone, professionals: ctx.scheduling.professionals, procedures: ctx.scheduling.procedures,
  });
  const found = intents.find((i) => i.kind === "reschedule") ?? intents.find((i) => i.kind === "cancel") ?? intents.find((i) => i.kind === "book");
  if (!found || (found.kind !== "book" && found.kind !== "cancel" && found.kind !== "reschedule")) return undefined;
  const when = found.when ?? {};
  const wish: Wish = clean({ ...when, earliest: "earliest" in found && found.earliest ? true : undefined,
    professionalId: "professional" in found ? found.professional?.id : undefined });
  const procedureId = "procedure" in found ? found.procedure?.id : undefined;
  return { kind: found.kind, wish, ...(procedureId ? { procedureId } : {}) };
}

function clean(wish: Wish): Wish {
  return Object.fromEntries(Object.entries(wish).filter(([, v]) => v !== undefined)) as Wish;
}

const saysWhen = (wish: Wish) => Boolean(wish.date || wish.from || wish.time || wish.period || wish.after || wish.before || wish.earliest);

/** Handles the message when it is a request this state should follow; undefined leaves it to the state. */
export function steerBooking(state: PatientState, text: string, ctx: BookingContext): Result | undefined {
  if (menuNumber(normalize(text)) !== undefined) return undefined;
  const request = readRequest(text, ctx);
  if (!request) return undefined;
  // "quero desmarcar a de terça" in the middle of a booking is about the appointment on Tuesday, not a day to pick.
  if (request.kind === "cancel") return STEERED.has(state.type) && request.wish.date ? cancelOn(request.wish.date, text, ctx) : undefined;
  switch (state.type) {
    case "menu":
      return fromRest(request, text, ctx);
    case "myAppointments":
      return pickByDay(state, request, text, ctx) ?? fromRest(request, text, ctx);
    case "choosingProcedure":
      return atProcedure(state, request, ctx);
    case "choosingProfessional":
      return atProfessional(state, request, text, ctx);
    case "choosingDay":
    case "choosingTime":
      return atDayOrTime(state, request, ctx);
    default:
      return undefined;
  }
}

function fromRest(request: PatientRequest, text: string, ctx: BookingContext): Result | undefined {
  if (request.kind === "reschedule") return reschedule(text, request, ctx);
  if (!saysWhen(request.wish) && !request.wish.professionalId) return undefined;
  return book(request.wish, request.procedureId, ctx);
}

/** "a de quinta" in the list of the patient's appointments picks the one on Thursday, as its number would. */
function pickByDay(state: At<"myAppointments">, request: PatientRequest, text: string, ctx: BookingContext): Result | undefined {
  const date = request.wish.date;
  if (request.kind !== "book" || !date) return undefined;
  const listed = ctx.scheduling.upcoming.filter((a) => state.appointmentIds.includes(a.id));
  const matching = namedBy(date, text, listed, ctx);
  if (matching.length !== 1) return undefined;
  return myAppointments(state, String(state.appointmentIds.indexOf(matching[0]!.id) + 1), ctx);
}

/** A new booking with what was said: the procedure question comes only when there is a choice to make. */
function book(wish: Wish, procedureId: string | undefined, ctx: BookingContext, rescheduleOf?: string): Result {
  const procedures = bookable(ctx);
  if (procedures.length === 0) return to({ type: "menu" }, reply(b.noProcedures));
  // As at the menu (booking.ts): the question is skipped only in a clinic with one procedure, so a patient
  // who may book only some sees the list (and the prices) rather than a question skipped unexplained.
  const only = procedures.find((p) => p.id === procedureId) ?? (ctx.scheduling.procedures.length === 1 ? procedures[0] : undefined);
  const said = reply(understood(wish, ctx, only?.id));
  if (only) return prefixed(said, afterProcedure(only.id, wish, ctx, rescheduleOf));
  return to({ type: "choosingProcedure", wish, rescheduleOf }, said, menu(b.chooseProcedure(procedures.map(procedureLine))));
}

const prefixed = (first: Effect, result: Result): Result => ({ state: result.state, effects: [first, ...result.effects] });

const on = (appointment: UpcomingAppointment, date: string, ctx: BookingContext) => localSlot(appointment, ctx.clinic.timeZone).date === date;

/**
 * The appointments a day said names: those on that date; when none is and
 * the day was a weekday ("a de sexta", no digits), those on that weekday, since
 * the patient names their Friday appointment the same a week ahead.
 */
function namedBy(date: string, text: string, appointments: UpcomingAppointment[], ctx: BookingContext): UpcomingAppointment[] {
  const exact = appointments.filter((a) => on(a, date, ctx));
  if (exact.length > 0 || /\d/.test(text)) return exact;
  const weekday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay();
  return appointments.filter((a) => weekday(localSlot(a, ctx.clinic.timeZone).date) === weekday(date));
}

/** "quero desmarcar a de terça": the appointment on that day, asked to confirm as from "minhas consultas". */
function cancelOn(date: string, text: string, ctx: BookingContext): Result {
  const matching = namedBy(date, text, ctx.scheduling.upcoming, ctx);
  if (matching.length !== 1) return notFoundOn(date, matching.length, ctx);
  const appointment = matching[0]!;
  const verdict = chatChangeVerdict(appointment, "cancel", ctx);
  if (!verdict.allowed) return to({ type: "menu" }, reply(b.cancelTooLate(verdict.noticeHours, "cancel")));
  return to({ type: "confirmingCancel", appointmentId: appointment.id }, menu(b.confirmCancel(appointmentLine(appointment, ctx))));
}

function notFoundOn(date: string, count: number, ctx: BookingContext): Result {
  const listed = listAppointments(ctx);
  if (count > 1) return listed;
  return { state: listed.state, effects: [reply(r.noneOn(date, ctx)), ...listed.effects] };
}

/**
 * "posso passar para quinta?" moves the patient's one appointment; "a de
 * quinta para sexta" names which one first. A day said alone that is the day
 * of an appointment names it ("quero remarcar a de quinta").
 */
function reschedule(text: string, request: PatientRequest, ctx: BookingContext): Result | undefined {
  const upcoming = ctx.scheduling.upcoming;
  if (upcoming.length === 0) return to({ type: "menu" }, reply(b.none));
  const [head, tail] = splitAtPara(text);
  const whenCtx = { now: ctx.now, timeZone: ctx.clinic.timeZone };
  let which = tail !== undefined ? parseWhen(head, whenCtx)?.date : undefined;
  let wish: Wish = tail !== undefined ? clean({ ...(parseWhen(tail, whenCtx) ?? {}), professionalId: request.wish.professionalId }) : request.wish;
  if (!which && tail === undefined && wish.date && namedBy(wish.date, text, upcoming, ctx).length > 0) {
    which = wish.date;
    wish = clean({ ...wish, date: undefined, time: undefined, period: undefined });
  }
  const candidates = which ? namedBy(which, head, upcoming, ctx) : upcoming;
  if (which && candidates.length === 0) return notFoundOn(which, 0, ctx);
  if (candidates.length !== 1) return saysWhen(wish) ? listAppointments(ctx) : undefined;
  const appointment = candidates[0]!;
  const verdict = chatChangeVerdict(appointment, "reschedule", ctx);
  if (!verdict.allowed) return to({ type: "menu" }, reply(b.cancelTooLate(verdict.noticeHours, "reschedule")));
  const kept: Wish = { ...wish, professionalId: wish.professionalId ?? appointment.professionalId };
  const what = `a ${(ctx.scheduling.procedures.find((p) => p.id === appointment.procedureId)?.name ?? "consulta").toLocaleLowerCase("pt-BR")}`;
  const said = reply(r.rescheduling(what, slotLabel(appointment, ctx.clinic.timeZone), saysWhen(wish) ? understood(wish, ctx, undefined, true) : undefined));
  return prefixed(said, afterProcedure(appointment.procedureId, kept, ctx, appointment.id));
}

/** "a de quinta para sexta" → ["a de quinta", "sexta"]; no "para": [text]. */
function splitAtPara(text: string): [string, string | undefined] {
  const words = normalize(text);
  const match = /^(.*)\b(?:para|pra|pro)\b(.*)$/.exec(words);
  return match ? [match[1]!, match[2]!] : [words, undefined];
}

type At<T extends PatientState["type"]> = Extract<PatientState, { type: T }>;

function atProcedure(state: At<"choosingProcedure">, request: PatientRequest, ctx: BookingContext): Result | undefined {
  if (!saysWhen(request.wish) && !request.wish.professionalId) return undefined;
  const wish = { ...state.wish, ...request.wish };
  return book(wish, request.procedureId, ctx, state.rescheduleOf);
}

function atProfessional(state: At<"choosingProfessional">, request: PatientRequest, text: string, ctx: BookingContext): Result | undefined {
  if (!saysWhen(request.wish)) return undefined;
  const wish = { ...state.wish, ...request.wish };
  const said = reply(understood(wish, ctx, state.procedureId));
  if (!wish.professionalId && /qualquer/.test(normalize(text))) return prefixed(said, search(state.procedureId, null, wish, state.rescheduleOf));
  return prefixed(said, afterProcedure(state.procedureId, wish, ctx, state.rescheduleOf));
}

/**
 * In the lists of days and times, a plain day or time is theirs to read; a
 * professional, a span of days ("semana que vem"), "a próxima vaga", or a
 * time of day said while the days are listed search again with what was said.
 */
function atDayOrTime(state: At<"choosingDay"> | At<"choosingTime">, request: PatientRequest, ctx: BookingContext): Result | undefined {
  const wish = request.wish;
  const otherProfessional = wish.professionalId !== undefined && wish.professionalId !== state.professionalId;
  const span = Boolean(wish.from || (wish.earliest && !wish.date));
  const timeOnly = state.type === "choosingDay" && !wish.date && Boolean(wish.time || wish.period || wish.after || wish.before);
  if (!otherProfessional && !span && !timeOnly) return undefined;
  const professionalId = wish.professionalId ?? state.professionalId;
  if (otherProfessional && !performs(professionalId, state.procedureId, ctx)) return undefined;
  return prefixed(reply(understood(wish, ctx, state.procedureId)), search(state.procedureId, professionalId, wish, state.rescheduleOf));
}

function performs(professionalId: string | null, procedureId: string, ctx: BookingContext): boolean {
  return professionalId === null || Boolean(ctx.scheduling.procedures.find((p) => p.id === procedureId)?.professionalIds.includes(professionalId));
}
