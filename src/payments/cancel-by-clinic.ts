// The clinic cancels an appointment (the reception, or time off with
// "cancelAndNotify"): no notice rule, a paid Pix is refunded, the patient is
// told in the chat with an offer to book again, and the time goes to the
// waitlist. Joins cancel-and-refund.ts with scheduling/clinic-changes.ts.
import type { ChatEvents } from "../chat-events/raise.js";
import type { Sql } from "../db/database.js";
import type { CancelResult } from "../scheduling/cancel-appointment.js";
import { afterClinicCancelled } from "../scheduling/clinic-changes.js";
import { cancelAndRefund } from "./cancel-and-refund.js";

export interface ClinicCancellation {
  appointmentId: string;
  clinicId: string;
  actor: { type: string; id?: string | null };
  /** Told to the patient when given. */
  reason?: string;
}

export async function cancelByClinic(sql: Sql, events: ChatEvents, input: ClinicCancellation, now: Date): Promise<CancelResult> {
  const result = await cancelAndRefund(sql, { ...input, noticeHours: null }, now);
  if ("cancelled" in result) await afterClinicCancelled(sql, events, result.cancelled, input.reason, now);
  return result;
}
