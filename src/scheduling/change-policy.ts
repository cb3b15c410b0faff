// One rule for undoing a booking, kept everywhere: the chat's menus and
// reminders offer what it allows, and cancelling or rescheduling checks it
// again when it happens. A patient may change a booking in the chat until
// `noticeHours` before it starts, and always within `graceMinutes` after
// booking it (a booking made at 15:28 for 09:00 the next day can be undone
// until 15:43). The reception (admin API) is not bound by it.

export type ChangeAction = "cancel" | "reschedule";
export type ChangeChannel = "chat" | "admin";

export interface ChangePolicy {
  /** How long before the start a patient may still cancel or reschedule in the chat. */
  noticeHours: number;
  /** Minutes right after booking in which a patient may always undo it. */
  graceMinutes: number;
}

export interface ChangeRequest {
  action: ChangeAction;
  channel: ChangeChannel;
  startsAt: Date;
  /** When the booking was made; null for an old row without it (no grace then). */
  bookedAt: Date | null;
  now: Date;
}

export type ChangeVerdict =
  | { allowed: true; why: "admin" | "grace" | "notice"; until: Date | null }
  | { allowed: false; why: "started" | "tooLate"; deadline: Date };

export const DEFAULT_GRACE_MINUTES = 15;

/** The clinic's notice, unless the procedure sets its own. */
export function policyFor(clinic: { cancellationNoticeHours: number; cancellationGraceMinutes?: number }, procedure?: { cancellationNoticeHours?: number | null }): ChangePolicy {
  return {
    noticeHours: procedure?.cancellationNoticeHours ?? clinic.cancellationNoticeHours,
    graceMinutes: clinic.cancellationGraceMinutes ?? DEFAULT_GRACE_MINUTES,
  };
}

export function mayChange(policy: ChangePolicy, request: ChangeRequest): ChangeVerdict {
  const { startsAt, now } = request;
  const deadline = new Date(startsAt.getTime() - policy.noticeHours * 3_600_000);
  if (now >= startsAt) return { allowed: false, why: "started", deadline };
  if (request.channel === "admin") return { allowed: true, why: "admin", until: null };
  if (now <= deadline) return { allowed: true, why: "notice", until: deadline };
  const graceEnds = request.bookedAt ? new Date(request.bookedAt.getTime() + policy.graceMinutes * 60_000) : null;
  // Within grace, the appointment may still be only minutes away: the grace ends at the start at the latest.
  if (graceEnds && now <= graceEnds) return { allowed: true, why: "grace", until: graceEnds < startsAt ? graceEnds : startsAt };
  return { allowed: false, why: "tooLate", deadline };
}
