-- What the chat answers about the clinic without a person: a maps link for
-- the address, accepted health plans, payment methods, parking, the clinic's
-- own questions and answers, preparation instructions per procedure. And the
-- days it is closed besides the national holidays: Carnaval and Corpus
-- Christi (pontos facultativos, each clinic chooses) and its own closures.
ALTER TABLE "Clinic" ADD COLUMN "mapsUrl" TEXT;
ALTER TABLE "Clinic" ADD COLUMN "insurancePlans" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "Clinic" ADD COLUMN "paymentMethods" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "Clinic" ADD COLUMN "parking" TEXT;
ALTER TABLE "Clinic" ADD COLUMN "faq" JSONB NOT NULL DEFAULT '[]';
ALTER TABLE "Clinic" ADD COLUMN "closedOnCarnival" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Clinic" ADD COLUMN "closedOnCorpusChristi" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Procedure" ADD COLUMN "preparation" TEXT;

CREATE TABLE "ClinicClosure" (
  "id" TEXT NOT NULL,
  "clinicId" TEXT NOT NULL,
  -- A local date in the clinic's zone, YYYY-MM-DD.
  "date" TEXT NOT NULL,
  "reason" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ClinicClosure_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ClinicClosure_clinicId_date_key" ON "ClinicClosure"("clinicId", "date");
