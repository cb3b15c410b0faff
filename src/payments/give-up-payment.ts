// The patient cancels while a Pix is open: the hold is released at once and
// the time offered to the waitlist. The charge itself stays as it is (it
// expires with the hold); paid anyway, it is refunded (apply-payment-status).
import type { ChatEvents } from "../chat-events/raise.js";
import type { Sql } from "../db/database.js";
import { offerFreedTime, type FreedTime } from "../scheduling/waitlist.js";

export async function giveUpPayment(sql: Sql, events: ChatEvents, clinicId: string, appointmentId: string, now: Date): Promise<boolean> {
  const [freed] = await sql.query<FreedTime>(
    `UPDATE "Appointment" SET status = 'expired', "cancelReason" = 'payment_abandoned', "updatedAt" = $3
     WHERE id = $1 AND "clinicId" = $2 AND status = 'held'
     RETURNING "clinicId", "professionalId", "procedureId", "startsAt", "endsAt"`, [appointmentId, clinicId, now]);
  if (freed) await offerFreedTime(sql, events, freed, now);
  return freed !== undefined;
}
