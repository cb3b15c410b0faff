// What the booking part of the patient flow reads, loaded by the turn.
export interface ProcedureView {
  id: string;
  name: string;
  durationMinutes: number;
  priceCents: number;
  prepaymentRequired: boolean;
  professionalIds: string[];
}

export interface UpcomingAppointment {
  id: string;
  startsAt: string;
  endsAt: string;
  procedureId: string;
  professionalId: string;
  status: string;
}

export interface SchedulingView {
  procedures: ProcedureView[];
  professionals: { id: string; name: string }[];
  /** The patient's active appointments from now on, soonest first. */
  upcoming: UpcomingAppointment[];
  cancellationNoticeHours: number;
}

export const emptySchedulingView: SchedulingView = { procedures: [], professionals: [], upcoming: [], cancellationNoticeHours: 24 };
