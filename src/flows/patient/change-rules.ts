// The clinic's change policy (src/scheduling/change-policy.ts) as the chat
// applies it: menus and reminders offer cancel and reschedule only while the
// policy allows them, and say what to do instead when it does not.
import { mayChange, policyFor, type ChangeAction, type ChangeVerdict } from "../../scheduling/change-policy.js";
import { emptySchedulingView, type SchedulingView } from "./scheduling-view.js";

export interface ChangeFacts {
  id: string;
  startsAt: string;
  procedureId?: string;
  bookedAt?: string | null;
}

interface ChangeContext {
  now: Date;
  scheduling?: SchedulingView;
}

/** Facts the turn loaded for this appointment win over what an event carries (the booking time, the procedure). */
export function chatChangeVerdict(appointment: ChangeFacts, action: ChangeAction, ctx: ChangeContext): ChangeVerdict & { noticeHours: number } {
  const scheduling = ctx.scheduling ?? emptySchedulingView;
  const known = scheduling.upcoming.find((a) => a.id === appointment.id);
  const procedureId = known?.procedureId ?? appointment.procedureId;
  const procedure = scheduling.procedures.find((p) => p.id === procedureId);
  const policy = policyFor({ cancellationNoticeHours: scheduling.cancellationNoticeHours, cancellationGraceMinutes: scheduling.cancellationGraceMinutes }, procedure);
  const bookedAt = known?.bookedAt ?? appointment.bookedAt;
  const verdict = mayChange(policy, { action, channel: "chat", startsAt: new Date(appointment.startsAt), bookedAt: bookedAt ? new Date(bookedAt) : null, now: ctx.now });
  return { ...verdict, noticeHours: policy.noticeHours };
}
