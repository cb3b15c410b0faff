// A payment hold that runs out unpaid frees its time: the patient is told,
// and the time is offered to the waitlist. Mercado Pago is asked once more
// first, so a payment whose webhook was lost still books.
import type { Cipher } from "../crypto/encryption.js";
import type { Database } from "../db/database.js";
import { bookingTexts as b } from "../flows/patient/booking-texts.js";
import { slotLabel } from "../flows/patient/slot-view.js";
import { offerFreedTime } from "../scheduling/waitlist.js";
import type { PaymentsDeps } from "./deps.js";
import { loadPaymentContext, OPEN_STATUSES, tellPatient } from "./payments-sql.js";
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
    if (await expireOne(db, deps.cipher, payment.id, now)) expired++;
  }
  return expired;
}

async function expireOne(db: Database, cipher: Cipher, paymentId: string, now: Date): Promise<boolean> {
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
    const when = slotLabel({ startsAt: context.startsAt.toISOString(), endsAt: context.endsAt.toISOString(), professionalId: context.professionalId }, context.timeZone);
    await tellPatient(sql, cipher, payment.clinicId, context, b.paymentExpired(when), now, { backToMenu: true });
    await offerFreedTime(sql, cipher, { clinicId: payment.clinicId, professionalId: context.professionalId, procedureId: context.procedureId, startsAt: context.startsAt, endsAt: context.endsAt }, now);
    return true;
  });
}
