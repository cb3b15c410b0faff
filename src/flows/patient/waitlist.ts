// The waitlist in the chat: joining asks which weekdays and parts of the day
// suit the patient ("segunda e quarta de manhã", "qualquer horário") and
// confirms what was stored; after an offer ends (declined, run out) or the
// clinic cancels, "1" or "sim" books again, and a late "sim, quero" to an
// offer that is gone says so and shows the free times instead of "não entendi".
import { fixWeekdayTypos } from "../../scheduling/weekday-typos.js";
import { type Effect, type FlowEvent, type StepResult, reply } from "../types.js";
import { containsAny, menuNumber } from "../understand.js";
import { bookAgain, type BookingContext } from "./booking.js";
import type { BookingState, PatientState } from "./state.js";
import { describeWaitlistTimes, waitlistTexts as w } from "./waitlist-texts.js";

type Result = StepResult<PatientState>;
type State<T extends BookingState["type"]> = Extract<BookingState, { type: T }>;
const to = (state: PatientState, ...effects: Effect[]): Result => ({ state, effects });

const DAY_WORDS: Record<string, number> = {
  domingo: 0, domingos: 0, segunda: 1, segundas: 1, terca: 2, tercas: 2, quarta: 3, quartas: 3,
  quinta: 4, quintas: 4, sexta: 5, sextas: 5, sabado: 6, sabados: 6,
};
const PERIOD_WORDS: Record<string, string> = { manha: "manha", manhas: "manha", tarde: "tarde", tardes: "tarde", noite: "noite", noites: "noite" };

export interface WaitlistTimes { weekdays: number[]; periods: string[] }

/** Reads the days and parts of the day from normalized text; undefined when it names none and does not say "qualquer". */
export function readWaitlistTimes(text: string): WaitlistTimes | undefined {
  const weekdays = new Set<number>();
  const periods = new Set<string>();
  for (const token of text.split(/[\s-]+/)) {
    const day = DAY_WORDS[fixWeekdayTypos(token)];
    if (day !== undefined) weekdays.add(day);
    const period = PERIOD_WORDS[token];
    if (period) periods.add(period);
  }
  if (containsAny(text, ["dias de semana", "dia de semana", "dias uteis", "durante a semana"])) [1, 2, 3, 4, 5].forEach((d) => weekdays.add(d));
  if (containsAny(text, ["fim de semana", "fins de semana", "final de semana"])) [0, 6].forEach((d) => weekdays.add(d));
  const any = containsAny(text, ["qualquer", "tanto faz", "todos", "todas", "qualquer um"]);
  if (weekdays.size === 0 && periods.size === 0 && !any) return undefined;
  return { weekdays: [...weekdays].sort(), periods: ["manha", "tarde", "noite"].filter((p) => periods.has(p)) };
}

export function choosingWaitlistTimes(state: State<"choosingWaitlistTimes">, text: string): Result {
  const times = readWaitlistTimes(text);
  if (!times) return to(state, reply(w.timesNotUnderstood));
  return to(state, { kind: "joinWaitlist", procedureId: state.procedureId, professionalId: state.professionalId, ...times });
}

const YES = ["sim", "quero", "pode", "claro", "ok", "agendar", "marcar", "remarcar"];

/** "1"/"sim" books the same procedure again; anything else is read as at the menu (undefined). */
export function offeredRebooking(state: State<"offeredRebooking">, text: string, ctx: BookingContext): Result | undefined {
  const yes = menuNumber(text) === 1 || YES.some((word) => text === word || text.startsWith(`${word} `));
  if (!yes) return undefined;
  const again = bookAgain(state.procedureId, state.professionalId, ctx);
  return state.lapsedOffer ? { state: again.state, effects: [reply(w.unavailable), ...again.effects] } : again;
}

/** Outcomes of the waitlist effects. */
export function waitlistEvent(event: FlowEvent | undefined, ctx: BookingContext): Result | undefined {
  switch (event?.type) {
    case "waitlistJoined": {
      const times = describeWaitlistTimes(event.weekdays, event.periods);
      return to({ type: "menu" }, reply(event.updated ? w.updated(times) : w.joined(times)));
    }
    case "offerDeclined":
      return to({ type: "offeredRebooking", procedureId: event.procedureId, professionalId: event.professionalId, lapsedOffer: true },
        reply(w.declined(event.passedOn)));
    case "offerUnavailable": {
      const again = bookAgain(event.procedureId, event.professionalId, ctx);
      return { state: again.state, effects: [reply(w.unavailable), ...again.effects] };
    }
    default:
      return undefined;
  }
}
