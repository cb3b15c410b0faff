// "Minhas consultas": list, confirm presence, reschedule, cancel; and the
// answers to a reminder or a waitlist offer, which arrive in whatever state
// the chat was in.
import { type Effect, type FlowInput, type StepResult, reply } from "../types.js";
import { menu } from "../choices.js";
import { menuNumber, normalize } from "../understand.js";
import { type BookingContext, startBooking } from "./booking.js";
import { bookingTexts as b } from "./booking-texts.js";
import type { UpcomingAppointment } from "./scheduling-view.js";
import { chatChangeVerdict } from "./change-rules.js";
import { localSlot, slotLabel } from "./slot-view.js";
import type { BookingState, PatientState } from "./state.js";
import { patientTexts as t } from "./texts.js";

type Result = StepResult<PatientState>;
type State<T extends BookingState["type"]> = Extract<BookingState, { type: T }>;
const to = (state: PatientState, ...effects: Effect[]): Result => ({ state, effects });

/** "quinta, 26/11 às 10:00 - Consulta com Dra. Ana Souza (confirmada)" */
export function appointmentLine(appointment: UpcomingAppointment, ctx: BookingContext): string {
  const procedure = ctx.scheduling.procedures.find((p) => p.id === appointment.procedureId)?.name ?? "Consulta";
  const who = ctx.scheduling.professionals.find((p) => p.id === appointment.professionalId)?.name ?? "";
  const when = slotLabel({ startsAt: appointment.startsAt, endsAt: appointment.endsAt, professionalId: appointment.professionalId }, ctx.clinic.timeZone);
  const status = appointment.status === "confirmed" ? " (confirmada)" : "";
  return `${when} - ${procedure} com ${who}${status}`;
}

export function listAppointments(ctx: BookingContext): Result {
  const upcoming = ctx.scheduling.upcoming;
  if (upcoming.length === 0) return to({ type: "menu" }, reply(b.none));
  return to({ type: "myAppointments", appointmentIds: upcoming.map((a) => a.id) }, menu(b.myAppointments(upcoming.map((a) => appointmentLine(a, ctx)))));
}

const find = (ctx: BookingContext, id: string) => ctx.scheduling.upcoming.find((a) => a.id === id);

export function myAppointments(state: State<"myAppointments">, text: string, ctx: BookingContext): Result {
  const id = state.appointmentIds[(menuNumber(text) ?? 0) - 1];
  const appointment = id ? find(ctx, id) : undefined;
  if (!appointment) return to(state, reply(b.invalidOption(state.appointmentIds.length)));
  return to({ type: "appointmentActions", appointmentId: appointment.id }, menu(actionsMenu(appointment, ctx)));
}

/** Cancel and reschedule are offered only while the clinic's policy allows them, with the reason when it does not. */
function actionsMenu(appointment: UpcomingAppointment, ctx: BookingContext): string {
  const verdict = chatChangeVerdict(appointment, "cancel", ctx);
  if (!verdict.allowed) return b.actions(appointmentLine(appointment, ctx), false, b.changeClosed(verdict.noticeHours));
  const note = verdict.why === "grace" && verdict.until ? b.changeUntil(localSlot({ startsAt: verdict.until.toISOString(), endsAt: "", professionalId: "" }, ctx.clinic.timeZone).time) : undefined;
  return b.actions(appointmentLine(appointment, ctx), true, note);
}

type Action = "confirm" | "reschedule" | "cancel" | "back";

function readAction(text: string, numbers: Record<number, Action>): Action | undefined {
  const choice = menuNumber(text);
  if (choice !== undefined) return numbers[choice];
  const words = normalize(text);
  if (/^(confirm|sim|vou)/.test(words)) return "confirm";
  if (/^remarc|^mudar|^trocar/.test(words)) return "reschedule";
  if (/^(cancel|desmarc)/.test(words)) return "cancel";
  return undefined;
}

export function appointmentActions(state: State<"appointmentActions">, text: string, ctx: BookingContext): Result {
  const appointment = find(ctx, state.appointmentId);
  if (!appointment) return to({ type: "menu" }, reply(b.appointmentGone));
  const action = readAction(text, { 1: "confirm", 2: "reschedule", 3: "cancel", 0: "back" });
  return act(action, appointment, ctx, () => to(state, reply(b.invalidOption(3))), true);
}

export function answeringReminder(state: State<"answeringReminder">, text: string, ctx: BookingContext): Result {
  const appointment = find(ctx, state.appointmentId);
  if (!appointment) return to({ type: "menu" }, reply(b.appointmentGone));
  const action = readAction(text, { 1: "confirm", 2: "reschedule", 3: "cancel" });
  const invalid = chatChangeVerdict(appointment, "cancel", ctx).allowed ? b.reminderInvalid : b.reminderInvalidConfirmOnly;
  return act(action, appointment, ctx, () => to(state, reply(invalid)), false);
}

function act(action: Action | undefined, appointment: UpcomingAppointment, ctx: BookingContext, otherwise: () => Result, askBeforeCancel: boolean): Result {
  if (action === "cancel" || action === "reschedule") {
    const verdict = chatChangeVerdict(appointment, action, ctx);
    if (!verdict.allowed) return to({ type: "menu" }, reply(b.cancelTooLate(verdict.noticeHours, action)));
  }
  switch (action) {
    case "confirm":
      return to({ type: "menu" }, { kind: "confirmAppointment", appointmentId: appointment.id });
    case "reschedule":
      return startBooking("", ctx, { id: appointment.id, procedureId: appointment.procedureId, professionalId: appointment.professionalId });
    case "cancel":
      if (askBeforeCancel) return to({ type: "confirmingCancel", appointmentId: appointment.id }, menu(b.confirmCancel(appointmentLine(appointment, ctx))));
      return to({ type: "menu" }, { kind: "cancelAppointment", appointmentId: appointment.id });
    case "back":
      return listAppointments(ctx);
    default:
      return otherwise();
  }
}

export function confirmingCancel(state: State<"confirmingCancel">, text: string): Result {
  const choice = menuNumber(text) ?? (/^sim/.test(normalize(text)) ? 1 : /^nao/.test(normalize(text)) ? 2 : undefined);
  if (choice === 1) return to({ type: "menu" }, { kind: "cancelAppointment", appointmentId: state.appointmentId });
  if (choice === 2) return to({ type: "menu" }, menu(t.menu));
  return to(state, reply(b.invalidOption(2)));
}

export function answeringWaitlistOffer(state: State<"answeringWaitlistOffer">, text: string): Result {
  const choice = menuNumber(text) ?? (/^(sim|quero)/.test(normalize(text)) ? 1 : /^nao/.test(normalize(text)) ? 2 : undefined);
  if (choice !== 1 && choice !== 2) return to(state, reply(b.invalidOption(2)));
  return to({ type: "menu" }, { kind: "answerWaitlistOffer", entryId: state.entryId, appointmentId: state.appointmentId, accept: choice === 1 });
}

/** Outcomes of appointment effects, whatever state the chat is in by then. */
export function appointmentEvent(input: FlowInput, ctx: BookingContext): Result | undefined {
  const event = input.event;
  switch (event?.type) {
    case "cancelled":
      return to({ type: "menu" }, reply(b.cancelled));
    case "cancelTooLate":
      return to({ type: "menu" }, reply(b.cancelTooLate(event.noticeHours ?? ctx.scheduling.cancellationNoticeHours, event.action)));
    case "appointmentConfirmed":
      return to({ type: "menu" }, reply(b.presenceConfirmed));
    case "appointmentGone":
      return to({ type: "menu" }, reply(b.appointmentGone));
    default:
      return undefined;
  }
}
