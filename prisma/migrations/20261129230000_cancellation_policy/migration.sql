-- One cancellation policy: a grace period right after booking in which a
-- patient may always undo it, and an optional per-procedure notice that
-- overrides the clinic's. "bookedAt" is when a hold became a booking (the
-- grace period runs from there, not from the hold).
ALTER TABLE "Clinic" ADD COLUMN "cancellationGraceMinutes" INTEGER NOT NULL DEFAULT 15;
ALTER TABLE "Procedure" ADD COLUMN "cancellationNoticeHours" INTEGER;
ALTER TABLE "Appointment" ADD COLUMN "bookedAt" TIMESTAMP(3);
UPDATE "Appointment" SET "bookedAt" = "createdAt" WHERE status IN ('booked', 'confirmed', 'completed', 'no_show');
