-- Brand names and synonyms admins add to the built-in formulary
-- (src/documents/prescription/formulary-data.ts). "key" is the name without
-- accents, case or punctuation; an inactive row hides a built-in name.
CREATE TABLE "FormularyEntry" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "substances" TEXT[] NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FormularyEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FormularyEntry_key_key" ON "FormularyEntry"("key");

-- Substances added to src/documents/controlled-drugs-seed.ts since the first seed.
INSERT INTO "ControlledDrug" ("id", "name", "class", "list", "rule") VALUES
  (gen_random_uuid()::text, 'roxitromicina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'cefpodoxima', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'ceftazidima', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'meropeném', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'ertapeném', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'piperacilina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'sulfadiazina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'amicacina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'lincomicina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'cloranfenicol', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'tapentadol', 'notification', 'A1', 'never'),
  (gen_random_uuid()::text, 'mirtazapina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'imipramina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'fluvoxamina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'vortioxetina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'agomelatina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'tianeptina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'aripiprazol', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'ziprasidona', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'clozapina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'paliperidona', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'lurasidona', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'levomepromazina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'sulpirida', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'amissulprida', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'biperideno', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'oxcarbazepina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'fenitoína', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'levetiracetam', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'lacosamida', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'divalproato de sódio', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'semaglutida', 'special_control', 'retenção GLP-1', 'sncr_only'),
  (gen_random_uuid()::text, 'liraglutida', 'special_control', 'retenção GLP-1', 'sncr_only'),
  (gen_random_uuid()::text, 'tirzepatida', 'special_control', 'retenção GLP-1', 'sncr_only'),
  (gen_random_uuid()::text, 'dulaglutida', 'special_control', 'retenção GLP-1', 'sncr_only')
ON CONFLICT ("name") DO NOTHING;
