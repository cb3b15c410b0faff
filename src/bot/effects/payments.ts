// Performs the Pix effects of the patient flow inside the turn's transaction
// and reports each outcome as an event for the flow. The call to Mercado Pago
// happens inside the turn: its idempotency key (per appointment and attempt)
// makes a retried turn get the same charge back.
import type { Sql } from "../../db/database.js";
import type { FlowEvent } from "../../flows/types.js";
import { createPixForAppointment } from "../../payments/create-pix-for-appointment.js";
import { giveUpPayment } from "../../payments/give-up-payment.js";
import { confirmHold } from "../../scheduling/hold-and-book.js";
import { findBookedAppointment, findClinicReminderFlags, findPaidRescheduleOf, moveApprovedPayment } from "./effect-statements.js";
import { event, type EffectHandlers, type TurnScope } from "./scope.js";

export const paymentEffects: EffectHandlers<"requestPayment" | "cancelPayment"> = {
  cancelPayment: async (sql, effect, scope) => {
    await giveUpPayment(sql, scope.events, scope.clinicId, effect.appointmentId, scope.now);
  },
  requestPayment: async (sql, effect, scope) => event(await requestPayment(sql, effect.appointmentId, scope)),
};

async function requestPayment(sql: Sql, appointmentId: string, scope: TurnScope): Promise<FlowEvent> {
  const carried = await carryPaidReschedule(sql, appointmentId, scope);
  if (carried) return carried;
  const deps = scope.services?.payments;
  if (!deps) return { type: "paymentUnavailable", appointmentId };
  const result = await createPixForAppointment(sql, deps, { clinicId: scope.clinicId, appointmentId, now: scope.now });
  switch (result.kind) {
    case "sent":
      return { type: "paymentRequested", appointmentId, deadline: result.deadline.toISOString(), pix: result.pix };
    case "unavailable":
      return { type: "paymentUnavailable", appointmentId };
    case "holdLost":
      return { type: "paymentExpired" };
    case "booked":
      return bookedEvent(sql, appointmentId);
  }
}

/**
 * Moving a paid appointment to another time charges nothing again: the
 * payment follows the new appointment, which is booked at once.
 */
async function carryPaidReschedule(sql: Sql, appointmentId: string, scope: TurnScope): Promise<FlowEvent | undefined> {
  const paid = await findPaidRescheduleOf(sql, scope.clinicId, appointmentId);
  if (!paid) return undefined;
  const rules = await findClinicReminderFlags(sql, scope.clinicId);
  const result = await confirmHold(sql, appointmentId, rules ?? { reminder24h: true, reminder2h: false }, scope.now, { type: "patient" });
  if (!("booked" in result)) return { type: "paymentExpired" };
  await moveApprovedPayment(sql, paid.oldId, result.booked.id, scope.now);
  return bookedEvent(sql, result.booked.id);
}

async function bookedEvent(sql: Sql, appointmentId: string): Promise<FlowEvent> {
  const a = await findBookedAppointment(sql, appointmentId);
  if (!a) return { type: "appointmentGone" };
  return { type: "booked", appointmentId: a.id, startsAt: a.startsAt.toISOString(), professionalId: a.professionalId, procedureId: a.procedureId };
}
