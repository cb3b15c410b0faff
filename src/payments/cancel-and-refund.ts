// Cancelling an appointment (src/scheduling/cancel-appointment.ts) also
// gives back a Pix paid for it: within the clinic's notice rule, or by the
// clinic, the refund is decided here and performed at the next tick
// (refund-payment.ts). Scheduling knows nothing of payments; this joins them.
import type { Sql } from "../db/database.js";
import { cancelAppointment, type CancelResult } from "../scheduling/cancel-appointment.js";
import { requestRefundsForAppointment } from "./refund-payment.js";

export async function cancelAndRefund(sql: Sql, input: Parameters<typeof cancelAppointment>[1], now: Date): Promise<CancelResult> {
  const result = await cancelAppointment(sql, input, now);
  if ("cancelled" in result) await requestRefundsForAppointment(sql, result.cancelled.id, "appointment_cancelled", now);
  return result;
}
