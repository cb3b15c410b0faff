-- The waitlist asks which weekdays (0 = Sunday) and parts of the day suit the
-- patient; empty means any. Joining again for the same procedure updates the
-- entry: at most one live entry per patient and procedure.
ALTER TABLE "WaitlistEntry" ADD COLUMN "weekdays" INTEGER[] NOT NULL DEFAULT '{}';
ALTER TABLE "WaitlistEntry" ADD COLUMN "periods" TEXT[] NOT NULL DEFAULT '{}';

UPDATE "WaitlistEntry" SET periods = ARRAY[period] WHERE period IS NOT NULL;
UPDATE "WaitlistEntry" w SET status = 'cancelled', "updatedAt" = now()
WHERE status IN ('waiting', 'offered') AND EXISTS (
  SELECT 1 FROM "WaitlistEntry" o
  WHERE o."patientId" = w."patientId" AND o."procedureId" = w."procedureId" AND o.status IN ('waiting', 'offered')
    AND (o."createdAt", o.id) > (w."createdAt", w.id));
CREATE UNIQUE INDEX "WaitlistEntry_one_live_per_procedure" ON "WaitlistEntry"("patientId", "procedureId") WHERE status IN ('waiting', 'offered');

-- Every offer made, one per patient and time: a declined or expired offer is
-- never made again for the same professional and start.
CREATE TABLE "WaitlistOffer" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "professionalId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "appointmentId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "WaitlistOffer_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "WaitlistOffer_patientId_professionalId_startsAt_key" ON "WaitlistOffer"("patientId", "professionalId", "startsAt");
CREATE INDEX "WaitlistOffer_entryId_idx" ON "WaitlistOffer"("entryId");
