-- Who may book a procedure in the chat, beyond a recent visit: an age range
-- in whole years (either bound may be absent) and whether the patient must
-- bring a medical referral (the chat says so; it does not bar the booking).
ALTER TABLE "Procedure" ADD COLUMN "minAgeYears" INTEGER;
ALTER TABLE "Procedure" ADD COLUMN "maxAgeYears" INTEGER;
ALTER TABLE "Procedure" ADD COLUMN "requiresReferral" BOOLEAN NOT NULL DEFAULT false;
