// Booking for someone else: a child, an elderly parent. A dependant is a
// patient of their own (their appointments, notes and documents are theirs)
// with no chat: the guardian books for them here, and every reminder,
// confirmation and document for them comes to this chat. "Para quem é a
// consulta?" is asked once the patient has a dependant; "outra pessoa" (or
// "para meu filho") registers one: name, birth date, relationship.
import { formatLocalDate } from "../../scheduling/local-date.js";
import { makeZone } from "../../scheduling/zoned-time.js";
import { type Effect, type FlowEvent, type StepResult, reply } from "../types.js";
import { menu } from "../choices.js";
import { containsAny, menuNumber, normalize } from "../understand.js";
import { startBooking, type BookingContext } from "./booking.js";
import type { DependantView, PatientContext } from "./context.js";
import { parseBirthDate } from "./birth-date.js";
import { RELATIONSHIPS, dependantTexts as d } from "./dependant-texts.js";
import { emptySchedulingView } from "./scheduling-view.js";
import type { DependantState, PatientState } from "./state.js";

type Result = StepResult<PatientState>;
const to = (state: PatientState, ...effects: Effect[]): Result => ({ state, effects });

// Booking states: the ones that carry `forPatientId` from one step to the next.
const BOOKING = new Set<PatientState["type"]>([
  "choosingProcedure", "choosingProfessional", "askingBirthDate", "choosingDay", "choosingTime", "confirmingBooking", "awaitingPayment", "offeringWaitlist", "choosingWaitlistTimes",
]);

const SOMEONE_ELSE = ["outra pessoa", "meu filho", "minha filha", "meus filhos", "minhas filhas", "dependente", "meu dependente", "minha dependente", "para outra", "pra outra"];

// Typed relationships ("neto") stored as written, with their accents.
const RELATIONSHIP_WORDS: Record<string, string> = {
  filho: "filho", filha: "filha", mae: "mãe", pai: "pai", conjuge: "cônjuge", esposa: "esposa", esposo: "esposo", marido: "marido",
  neto: "neto", neta: "neta", sobrinho: "sobrinho", sobrinha: "sobrinha", enteado: "enteado", enteada: "enteada", irmao: "irmão", irma: "irmã",
  avo: "avó", tutelado: "tutelado", tutelada: "tutelada", outro: "outro", outra: "outra",
};

const firstName = (name: string) => name.split(" ")[0] ?? name;
const forWhom = (state: PatientState): string | undefined => ("forPatientId" in state ? state.forPatientId : undefined);

/** What booking reads about who it is for: their own visits and age, and their name on the summary. */
export function bookingContextFor(ctx: PatientContext, forPatientId?: string, fresh?: Pick<DependantView, "name" | "birthDate">): BookingContext {
  const scheduling = ctx.scheduling ?? emptySchedulingView;
  const base = { now: ctx.now, clinic: ctx.clinic, scheduling, birthDate: ctx.patient?.birthDate ?? null };
  if (!forPatientId) return base;
  const dependant = ctx.patient?.dependants?.find((p) => p.id === forPatientId) ?? (fresh ? { ...fresh, lastCompletedAt: null } : undefined);
  return { ...base, scheduling: { ...scheduling, lastCompletedAt: dependant?.lastCompletedAt ?? null }, birthDate: dependant?.birthDate ?? null, forName: dependant ? firstName(dependant.name) : undefined };
}

/** From the menu's "agendar": who is it for, when there is a choice; else straight to booking. */
export function startBookingFor(text: string, ctx: PatientContext): Result {
  const dependants = ctx.patient?.dependants ?? [];
  const named = namedDependant(text, dependants);
  if (named) return forDependant(named.id, text, ctx);
  if (containsAny(normalize(text), SOMEONE_ELSE)) return askName();
  if (dependants.length === 0) return startBooking(text, bookingContextFor(ctx));
  return to({ type: "choosingWhoFor", text }, menu(whoForQuestion(ctx)));
}

/** "outra pessoa" (or "para minha filha") while the procedures are listed: register who it is for. */
export function someoneElse(text: string): Result | undefined {
  return containsAny(text, SOMEONE_ELSE) ? askName() : undefined;
}

function whoForQuestion(ctx: PatientContext): string {
  const dependants = ctx.patient?.dependants ?? [];
  return d.whoFor(firstName(ctx.patient?.name ?? ""), dependants.map((p) => d.dependantLine(firstName(p.name), p.relationship)));
}

function namedDependant(text: string, dependants: DependantView[]): DependantView | undefined {
  const words = normalize(text).split(" ");
  const matches = dependants.filter((p) => words.includes(normalize(firstName(p.name))));
  return matches.length === 1 ? matches[0] : undefined;
}

function forDependant(patientId: string, text: string, ctx: PatientContext, fresh?: Pick<DependantView, "name" | "birthDate">): Result {
  return carryFor(startBooking(text, bookingContextFor(ctx, patientId, fresh)), patientId);
}

function askName(): Result {
  return to({ type: "registeringDependant" }, reply(d.askName));
}

export function dependantStep(state: DependantState, text: string, rawText: string, ctx: PatientContext): Result {
  if (state.type === "choosingWhoFor") return choosingWhoFor(state, text, ctx);
  return registering(state, text, rawText, ctx);
}

function choosingWhoFor(state: Extract<DependantState, { type: "choosingWhoFor" }>, text: string, ctx: PatientContext): Result {
  const dependants = ctx.patient?.dependants ?? [];
  const choice = menuNumber(text);
  const max = dependants.length + 2;
  if (choice === 1 || containsAny(text, ["eu", "para mim", "pra mim", "mim", "voce"])) return startBooking(state.text, bookingContextFor(ctx));
  if (choice === max || containsAny(text, SOMEONE_ELSE)) return askName();
  const chosen = choice !== undefined ? dependants[choice - 2] : namedDependant(text, dependants);
  if (!chosen) return to(state, reply(d.invalidOption(max)), menu(whoForQuestion(ctx)));
  return forDependant(chosen.id, state.text, ctx);
}

function registering(state: Extract<DependantState, { type: "registeringDependant" }>, text: string, rawText: string, ctx: PatientContext): Result {
  if (!state.name) {
    const name = dependantName(rawText);
    return name ? to({ type: "registeringDependant", name }, reply(d.askBirthDate(firstName(name)))) : to(state, reply(d.nameInvalid));
  }
  if (!state.birthDate) {
    const today = formatLocalDate(makeZone(ctx.clinic.timeZone).localPartsOf(ctx.now.getTime()).dayNumber);
    const birthDate = parseBirthDate(rawText, today);
    return birthDate ? to({ ...state, birthDate }, menu(d.askRelationship(firstName(state.name)))) : to(state, reply(d.birthDateInvalid));
  }
  const choice = menuNumber(text);
  const relationship = choice !== undefined ? RELATIONSHIPS[choice - 1] : RELATIONSHIP_WORDS[text.split(" ").find((w) => RELATIONSHIP_WORDS[w]) ?? ""];
  if (!relationship) return to(state, reply(d.relationshipInvalid));
  return to(state, { kind: "saveDependant", name: state.name, birthDate: state.birthDate, relationship });
}

/** "  pedro  souza " -> "Pedro Souza"; digits or symbols -> undefined. */
function dependantName(raw: string): string | undefined {
  const collapsed = raw.replace(/\s+/g, " ").trim();
  if (collapsed.length < 2 || collapsed.length > 80 || !/^[\p{Letter}][\p{Letter}' .-]*$/u.test(collapsed)) return undefined;
  const lower = new Set(["da", "de", "do", "das", "dos", "e"]);
  return collapsed.split(" ").map((word, i) => {
    const w = word.toLocaleLowerCase("pt-BR");
    return i > 0 && lower.has(w) ? w : w.charAt(0).toLocaleUpperCase("pt-BR") + w.slice(1);
  }).join(" ");
}

/** The dependant was stored: book for them. */
export function dependantEvent(event: FlowEvent | undefined, ctx: PatientContext): Result | undefined {
  if (event?.type !== "dependantSaved") return undefined;
  const next = forDependant(event.patientId, "", ctx, { name: event.name, birthDate: event.birthDate });
  return { state: next.state, effects: [reply(d.saved(firstName(event.name))), ...next.effects] };
}

/**
 * Keeps who the booking is for through its steps: booking.ts builds each
 * next state without knowing of dependants, so the id is carried over here,
 * and a hold or a waitlist entry is made for the dependant.
 */
export function carryDependant(before: PatientState, result: Result): Result {
  const id = forWhom(before);
  return id && BOOKING.has(result.state.type) && !forWhom(result.state) ? carryFor(result, id) : id ? { ...result, effects: withFor(result.effects, id) } : result;
}

function carryFor(result: Result, forPatientId: string): Result {
  const state = BOOKING.has(result.state.type) ? ({ ...result.state, forPatientId } as PatientState) : result.state;
  return { state, effects: withFor(result.effects, forPatientId) };
}

function withFor(effects: Effect[], forPatientId: string): Effect[] {
  return effects.map((e) => (e.kind === "holdSlot" || e.kind === "joinWaitlist" || e.kind === "saveBirthDate" ? { ...e, forPatientId } : e));
}
