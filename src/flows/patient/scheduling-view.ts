// What the booking part of the patient flow reads, loaded by the turn.
export interface ProcedureView {
  id: string;
  name: string;
  durationMinutes: number;
  priceCents: number;
  prepaymentRequired: boolean;
  professionalIds: string[];
  /** Overrides the clinic's cancellation notice; null or absent: the clinic's. */
  cancellationNoticeHours?: number | null;
  /** Only for patients with a completed appointment within this many days (a Retorno). */
  requiresPreviousWithinDays?: number | null;
  /** Age bounds in whole years (src/scheduling/eligibility.ts). */
  minAgeYears?: number | null;
  maxAgeYears?: number | null;
  /** The patient must bring a medical referral. */
  requiresReferral?: boolean;
}

export interface UpcomingAppointment {
  id: string;
  startsAt: string;
  endsAt: string;
  procedureId: string;
  professionalId: string;
  status: string;
  /** When it was booked (ISO); the grace period to undo it runs from here. */
  bookedAt?: string | null;
}

export interface SchedulingView {
  procedures: ProcedureView[];
  professionals: { id: string; name: string }[];
  /** The patient's active appointments from now on, soonest first. */
  upcoming: UpcomingAppointment[];
  cancellationNoticeHours: number;
  /** Minutes after booking in which a patient may always undo it; absent: the default 15. */
  cancellationGraceMinutes?: number;
  /** The patient's latest completed appointment (ISO), for procedures that need a recent one. */
  lastCompletedAt?: string | null;
}

export const emptySchedulingView: SchedulingView = { procedures: [], professionals: [], upcoming: [], cancellationNoticeHours: 24 };
