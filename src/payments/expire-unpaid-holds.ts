// A payment hold that runs out unpaid frees its time: the patient is told,
// and the time is offered to the waitlist. Mercado Pago is asked once more
// first, so a payment whose webhook was lost still books.
import type { ChatEvents } from "../chat-events/raise.js";
import type { Database } from "../db/database.js";
import { offerFreedTime } from "../scheduling/waitlist.js";
import type { PaymentsDeps } from "./deps.js";
import { expireUnpaidHoldOf, listPaymentsDueToExpire, lockExpiringPayment, markPaymentExpired } from "./payment-statements.js";
import { appointmentFacts, loadPaymentContext, OPEN_STATUSES, tellPatient } from "./payment-context.js";
import { syncPayment } from "./sync-payment.js";

const BATCH = 50;

export async function expireUnpaidHolds(db: Database, deps: PaymentsDeps, now: Date): Promise<number> {
  const due = await listPaymentsDueToExpire(db.sql, OPEN_STATUSES, now, BATCH);
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
    const payment = await lockExpiringPayment(sql, paymentId, OPEN_STATUSES, now);
    if (!payment) return false;
    await markPaymentExpired(sql, paymentId, now);
    const context = await loadPaymentContext(sql, payment.appointmentId, true);
    if (!context) return true;
    if (!(await expireUnpaidHoldOf(sql, context.appointmentId, now))) return true;
    await tellPatient(sql, events, payment.clinicId, context, { type: "paymentExpired", appointment: appointmentFacts(context) }, paymentId, now);
    await offerFreedTime(sql, events, { clinicId: payment.clinicId, professionalId: context.professionalId, procedureId: context.procedureId, startsAt: context.startsAt, endsAt: context.endsAt }, now);
    return true;
  });
}
