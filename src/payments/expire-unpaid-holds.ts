// A payment hold that runs out unpaid frees its time: the patient is told,
// and the time is offered to the waitlist. Mercado Pago is asked once more
// first, so a payment whose webhook was lost still books.
import type { ChatEvents } from "../chat-events/raise.js";
import type { Database } from "../db/database.js";
import { offerFreedTime } from "../scheduling/waitlist.js";
import type { PaymentsDeps } from "./deps.js";
import { appointmentFacts, loadPaymentContext, OPEN_STATUSES, tellPatient } from "./payments-sql.js";
import { syncPayment } from "./sync-payment.js";

const BATCH = 50;

export async function expireUnpaidHolds(db: Database, deps: PaymentsDeps, now: Date): Promise<number> {
  const due = await db.sql.query<{ id: string; clinicId: string; providerPaymentId: string | null }>(
    `SELECT id, "clinicId", "providerPaymentId" FROM "Payment"
     WHERE status = ANY($1::text[]) AND "expiresAt" <= $2 ORDER BY "expiresAt" LIMIT $3`,
    [[...OPEN_STATUSES], now, BATCH]);
  let expired = 0;
  for (const payment of due) {
    if (payment.providerPaymentId) {
      await syncPayment(db, deps, payment.clinicId, payment.providerPaymentId, () => now).catch((error: unknown) =>
        deps.logger.warn({ paymentId: payment.id, code: (error as { code?: string }).code }, "last check before expiry failed"));
    }
    if (await expireOne(db, deps.events, payment.id, now)) expired++;
  }
  return expired;
}

async function expireOne(db: Database, events: ChatEvents, paymentId: string, now: Date): Promise<boolean> {
  return db.transaction(async (sql) => {
    const [payment] = await sql.query<{ clinicId: string; appointmentId: string }>(
      `SELECT "clinicId", "appointmentId" FROM "Payment" WHERE id = $1 AND status = ANY($2::text[]) AND "expiresAt" <= $3
       FOR UPDATE SKIP LOCKED`, [paymentId, [...OPEN_STATUSES], now]);
    if (!payment) return false;
    await sql.query(`UPDATE "Payment" SET status = 'expired', "updatedAt" = $2 WHERE id = $1`, [paymentId, now]);
    const context = await loadPaymentContext(sql, payment.appointmentId, true);
    if (!context) return true;
    // Still held, or already swept as a stale hold (the sweeper does not tell anyone).
    const [freed] = await sql.query<{ id: string }>(
      `UPDATE "Appointment" SET status = 'expired', "updatedAt" = $2
       WHERE id = $1 AND ((status = 'held' AND "holdExpiresAt" <= $2) OR (status = 'expired' AND "cancelReason" IS NULL)) RETURNING id`, [context.appointmentId, now]);
    if (!freed) return true;
    await tellPatient(sql, events, payment.clinicId, context, { type: "paymentExpired", appointment: appointmentFacts(context) }, paymentId, now);
    await offerFreedTime(sql, events, { clinicId: payment.clinicId, professionalId: context.professionalId, procedureId: context.procedureId, startsAt: context.startsAt, endsAt: context.endsAt }, now);
    return true;
  });
}
