// Who may book what, as the chat reads it (src/scheduling/eligibility.ts):
// the procedures offered, why one is not, and the birth date asked for when
// a procedure has an age rule and it is not known.
import { eligibility, type Eligibility } from "../../scheduling/eligibility.js";
import { formatLocalDate } from "../../scheduling/local-date.js";
import { makeZone } from "../../scheduling/zoned-time.js";
import { type StepResult, reply } from "../types.js";
import { parseBirthDate } from "./birth-date.js";
import { eligibilityTexts as e } from "./eligibility-texts.js";
import type { ProcedureView } from "./scheduling-view.js";
import type { PatientState, Wish } from "./state.js";

/** What eligibility reads of a booking's context (booking.ts's BookingContext). */
export interface EligibilityContext {
  now: Date;
  clinic: { timeZone: string };
  scheduling: { procedures: ProcedureView[]; lastCompletedAt?: string | null };
  birthDate?: string | null;
  forName?: string;
}

export const todayIn = (ctx: EligibilityContext): string => formatLocalDate(makeZone(ctx.clinic.timeZone).localPartsOf(ctx.now.getTime()).dayNumber);

export function eligibilityOf(procedure: ProcedureView, ctx: EligibilityContext, birthDate = ctx.birthDate): Eligibility {
  const lastCompletedAt = ctx.scheduling.lastCompletedAt ? new Date(ctx.scheduling.lastCompletedAt) : null;
  return eligibility(procedure, { lastCompletedAt, birthDate }, ctx.now, todayIn(ctx));
}

/** Offered: those the patient may book, and those whose age rule waits on a birth date not yet known. */
export function offeredProcedures(ctx: EligibilityContext): ProcedureView[] {
  return ctx.scheduling.procedures.filter((p) => {
    const verdict = eligibilityOf(p, ctx);
    return verdict.eligible || verdict.why === "birthDateUnknown";
  });
}

/** Why `refused` is not offered, and what to choose instead. */
export function refusalText(refused: ProcedureView, offered: ProcedureView[], ctx: EligibilityContext, birthDate = ctx.birthDate): string {
  const verdict = eligibilityOf(refused, ctx, birthDate);
  const instead = offered[0]?.name ?? "";
  if (verdict.eligible || verdict.why === "birthDateUnknown") return e.notOffered(refused.name);
  if (verdict.why === "noRecentVisit") return e.noRecentVisit(refused.name, verdict.days, instead);
  return verdict.why === "tooYoung" ? e.tooYoung(refused.name, verdict.minAgeYears, instead) : e.tooOld(refused.name, verdict.maxAgeYears, instead);
}

/** The procedure has an age rule and the birth date of who the booking is for is unknown. */
export function needsBirthDate(procedure: ProcedureView, ctx: EligibilityContext): boolean {
  const verdict = eligibilityOf(procedure, ctx);
  return !verdict.eligible && verdict.why === "birthDateUnknown";
}

export function askBirthDate(procedure: ProcedureView, wish: Wish | undefined, ctx: EligibilityContext): StepResult<PatientState> {
  return { state: { type: "askingBirthDate", procedureId: procedure.id, wish }, effects: [reply(e.askBirthDate(procedure.name, ctx.forName))] };
}

/** The typed birth date (YYYY-MM-DD), or the reply asking again. */
export function readBirthDate(rawText: string, ctx: EligibilityContext): string | StepResult<PatientState>["effects"] {
  return parseBirthDate(rawText, todayIn(ctx)) ?? [reply(e.birthDateInvalid)];
}

/** "(30 min, R$ 250,00)" plus what a referral asks of the patient. */
export const referralNote = (procedure: ProcedureView | undefined): string[] => (procedure?.requiresReferral ? [e.referralLine] : []);
