// The patient cancels while a Pix is open: the hold is released at once and
// the time offered to the waitlist. The charge itself stays as it is (it
// expires with the hold); paid anyway, it is refunded (apply-payment-status).
import type { ChatEvents } from "../chat-events/raise.js";
import type { Sql } from "../db/database.js";
import { offerFreedTime } from "../scheduling/waitlist.js";
import { abandonPaymentHold } from "./payment-statements.js";

export async function giveUpPayment(sql: Sql, events: ChatEvents, clinicId: string, appointmentId: string, now: Date): Promise<boolean> {
  const freed = await abandonPaymentHold(sql, appointmentId, clinicId, now);
  if (freed) await offerFreedTime(sql, events, freed, now);
  return freed !== undefined;
}
