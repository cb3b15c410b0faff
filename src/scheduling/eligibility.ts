// Who may book a procedure in the chat. A Retorno is for a patient seen
// recently: with `requiresPreviousWithinDays: 30`, a completed appointment on
// 01/11 makes it bookable until 01/12; a brand-new patient is offered the
// other procedures instead.

export interface EligibilityRule {
  requiresPreviousWithinDays?: number | null;
}

export type Eligibility = { eligible: true } | { eligible: false; why: "noRecentVisit"; days: number };

/** `lastCompletedAt`: the patient's latest completed appointment, if any. */
export function eligibility(rule: EligibilityRule, patient: { lastCompletedAt?: Date | null }, now: Date): Eligibility {
  const days = rule.requiresPreviousWithinDays;
  if (days === null || days === undefined) return { eligible: true };
  const last = patient.lastCompletedAt;
  if (last && now.getTime() - last.getTime() <= days * 86_400_000) return { eligible: true };
  return { eligible: false, why: "noRecentVisit", days };
}
