// Who may book a procedure in the chat. A Retorno is for a patient seen
// recently: with `requiresPreviousWithinDays: 30`, a completed appointment on
// 01/11 makes it bookable until 01/12; a brand-new patient is offered the
// other procedures instead. An age rule (`minAgeYears: 0, maxAgeYears: 12`
// for a pediatric visit) needs the birth date: unknown, the chat asks it
// before going on. A referral is no bar to booking: the chat says to bring it.
import { parseLocalDate } from "./local-date.js";

export interface EligibilityRule {
  requiresPreviousWithinDays?: number | null;
  /** Whole years on the day of booking: 12 means from the 12th birthday on. */
  minAgeYears?: number | null;
  /** Whole years: 12 means until the day before the 13th birthday. */
  maxAgeYears?: number | null;
}

export type Eligibility =
  | { eligible: true }
  | { eligible: false; why: "noRecentVisit"; days: number }
  | { eligible: false; why: "tooYoung"; minAgeYears: number }
  | { eligible: false; why: "tooOld"; maxAgeYears: number }
  /** The procedure has an age rule and the patient's birth date is not known: ask it. */
  | { eligible: false; why: "birthDateUnknown" };

export interface EligibilityFacts {
  /** The patient's latest completed appointment, if any. */
  lastCompletedAt?: Date | null;
  /** YYYY-MM-DD */
  birthDate?: string | null;
}

/** `today`: the clinic's local date (YYYY-MM-DD); ages are counted on it. */
export function eligibility(rule: EligibilityRule, patient: EligibilityFacts, now: Date, today = now.toISOString().slice(0, 10)): Eligibility {
  const days = rule.requiresPreviousWithinDays;
  if (days !== null && days !== undefined) {
    const last = patient.lastCompletedAt;
    if (!last || now.getTime() - last.getTime() > days * 86_400_000) return { eligible: false, why: "noRecentVisit", days };
  }
  const min = rule.minAgeYears ?? null;
  const max = rule.maxAgeYears ?? null;
  if (min === null && max === null) return { eligible: true };
  const age = patient.birthDate ? ageOn(patient.birthDate, today) : null;
  if (age === null) return { eligible: false, why: "birthDateUnknown" };
  if (min !== null && age < min) return { eligible: false, why: "tooYoung", minAgeYears: min };
  if (max !== null && age > max) return { eligible: false, why: "tooOld", maxAgeYears: max };
  return { eligible: true };
}

/** Whole years from `birthDate` to `today` (both YYYY-MM-DD); null when either is not a date. */
export function ageOn(birthDate: string, today: string): number | null {
  if (parseLocalDate(birthDate) === null || parseLocalDate(today) === null) return null;
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) >= birthDate.slice(5) ? years : years - 1;
}
