-- A patient's birth date, given by the reception (a patient who phones in).
ALTER TABLE "Patient" ADD COLUMN "birthDate" DATE;
