-- Dependants: a patient (a child, say) booked for by a guardian. A dependant
-- has no chat of their own: their row carries the guardian's phone, so every
-- reminder, confirmation and document for them reaches the guardian's chat;
-- the phone stays unique among patients who are not dependants.
ALTER TABLE "Patient" ADD COLUMN "guardianPatientId" TEXT;
ALTER TABLE "Patient" ADD COLUMN "relationship" TEXT;
ALTER TABLE "Patient" ADD CONSTRAINT "Patient_guardianPatientId_fkey"
  FOREIGN KEY ("guardianPatientId") REFERENCES "Patient"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "Patient_guardianPatientId_idx" ON "Patient"("guardianPatientId");

DROP INDEX "Patient_clinicId_phone_key";
CREATE UNIQUE INDEX "Patient_clinicId_phone_key" ON "Patient"("clinicId", "phone") WHERE "guardianPatientId" IS NULL;
