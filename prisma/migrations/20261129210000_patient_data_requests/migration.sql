-- A document the doctor confirmed that lacks the patient's identity data
-- (CPF or another document; the address on a prescription). The request is
-- kept sealed here, not only in the doctor's chat, so it is issued when the
-- data arrives, typed by the doctor or answered by the patient a day later.
CREATE TABLE "PatientDataRequest" (
  "id" TEXT NOT NULL,
  "clinicId" TEXT NOT NULL,
  "patientId" TEXT NOT NULL,
  "professionalId" TEXT NOT NULL,
  "patientChatKey" TEXT NOT NULL,
  "doctorChatKey" TEXT NOT NULL,
  "fields" TEXT[] NOT NULL,
  "requestSealed" TEXT NOT NULL,
  -- open (the doctor chooses) | asked (the patient was asked) | issued | cancelled | superseded
  "status" TEXT NOT NULL DEFAULT 'open',
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "askedAt" TIMESTAMP(3),
  "answeredAt" TIMESTAMP(3),
  CONSTRAINT "PatientDataRequest_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "PatientDataRequest_clinicId_patientChatKey_status_idx" ON "PatientDataRequest"("clinicId", "patientChatKey", "status");
