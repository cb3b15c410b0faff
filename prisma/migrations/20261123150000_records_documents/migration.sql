-- CreateTable
CREATE TABLE "Dictation" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "professionalId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "doctorChatKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "draftSealed" TEXT,
    "draftVersion" INTEGER NOT NULL DEFAULT 0,
    "droppedCount" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "addendumToNoteId" TEXT,
    "noteId" TEXT,
    "audioDeleteAfter" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finalizedAt" TIMESTAMP(3),

    CONSTRAINT "Dictation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DictationSegment" (
    "id" TEXT NOT NULL,
    "dictationId" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "audioMediaId" TEXT,
    "durationSeconds" INTEGER,
    "transcriptSealed" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "transcribedAt" TIMESTAMP(3),

    CONSTRAINT "DictationSegment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClinicalNote" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "professionalId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClinicalNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClinicalNoteVersion" (
    "id" TEXT NOT NULL,
    "noteId" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "contentSealed" TEXT NOT NULL,
    "transcriptSealed" TEXT,
    "dictationId" TEXT,
    "professionalId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClinicalNoteVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProfessionalCertificate" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "professionalId" TEXT NOT NULL,
    "pkcs12Sealed" TEXT NOT NULL,
    "passwordSealed" TEXT NOT NULL,
    "holderName" TEXT NOT NULL,
    "cpf" TEXT,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "isDevelopment" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProfessionalCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "professionalId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "contentSealed" TEXT NOT NULL,
    "pdfMediaId" TEXT,
    "sha256" TEXT,
    "verificationCode" TEXT NOT NULL,
    "secretCode" TEXT NOT NULL,
    "isTest" BOOLEAN NOT NULL DEFAULT false,
    "certificateId" TEXT,
    "requestedByChat" TEXT,
    "signedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokeReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ControlledDrug" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "class" TEXT NOT NULL,
    "list" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ControlledDrug_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CidAuthorizationRequest" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "patientId" TEXT NOT NULL,
    "professionalId" TEXT NOT NULL,
    "patientChatKey" TEXT NOT NULL,
    "doctorChatKey" TEXT NOT NULL,
    "cid10" TEXT NOT NULL,
    "requestSealed" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "answerText" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMP(3),

    CONSTRAINT "CidAuthorizationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PatientProfile" (
    "patientId" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "address" TEXT,
    "otherDocument" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PatientProfile_pkey" PRIMARY KEY ("patientId")
);

-- CreateIndex
CREATE INDEX "Dictation_clinicId_professionalId_status_idx" ON "Dictation"("clinicId", "professionalId", "status");

-- CreateIndex
CREATE INDEX "Dictation_audioDeleteAfter_idx" ON "Dictation"("audioDeleteAfter");

-- CreateIndex
CREATE UNIQUE INDEX "DictationSegment_dictationId_seq_key" ON "DictationSegment"("dictationId", "seq");

-- CreateIndex
CREATE INDEX "ClinicalNote_clinicId_patientId_createdAt_idx" ON "ClinicalNote"("clinicId", "patientId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ClinicalNoteVersion_noteId_version_key" ON "ClinicalNoteVersion"("noteId", "version");

-- CreateIndex
CREATE INDEX "ProfessionalCertificate_professionalId_active_idx" ON "ProfessionalCertificate"("professionalId", "active");

-- CreateIndex
CREATE UNIQUE INDEX "Document_verificationCode_key" ON "Document"("verificationCode");

-- CreateIndex
CREATE INDEX "Document_clinicId_createdAt_idx" ON "Document"("clinicId", "createdAt");

-- CreateIndex
CREATE INDEX "Document_clinicId_patientId_idx" ON "Document"("clinicId", "patientId");

-- CreateIndex
CREATE UNIQUE INDEX "ControlledDrug_name_key" ON "ControlledDrug"("name");

-- CreateIndex
CREATE INDEX "CidAuthorizationRequest_clinicId_patientChatKey_status_idx" ON "CidAuthorizationRequest"("clinicId", "patientChatKey", "status");


-- Seed the controlled-drug list (src/documents/controlled-drugs-seed.ts); admins keep it current.
INSERT INTO "ControlledDrug" ("id", "name", "class", "list", "rule") VALUES
  (gen_random_uuid()::text, 'amoxicilina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'ampicilina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'azitromicina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'benzilpenicilina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'cefaclor', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'cefadroxila', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'cefalexina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'cefazolina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'cefepima', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'cefotaxima', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'cefprozila', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'ceftriaxona', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'cefuroxima', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'ciprofloxacino', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'claritromicina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'clindamicina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'doxiciclina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'eritromicina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'fosfomicina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'gentamicina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'levofloxacino', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'linezolida', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'metronidazol', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'minociclina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'moxifloxacino', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'nitrofurantoína', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'norfloxacino', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'ofloxacino', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'oxacilina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'penicilina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'secnidazol', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'sulfametoxazol', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'tetraciclina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'tinidazol', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'trimetoprima', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'vancomicina', 'antimicrobial', 'RDC 471/2021', 'sncr_only'),
  (gen_random_uuid()::text, 'morfina', 'notification', 'A1', 'never'),
  (gen_random_uuid()::text, 'oxicodona', 'notification', 'A1', 'never'),
  (gen_random_uuid()::text, 'metadona', 'notification', 'A1', 'never'),
  (gen_random_uuid()::text, 'fentanila', 'notification', 'A1', 'never'),
  (gen_random_uuid()::text, 'petidina', 'notification', 'A1', 'never'),
  (gen_random_uuid()::text, 'hidromorfona', 'notification', 'A1', 'never'),
  (gen_random_uuid()::text, 'codeína', 'notification', 'A2', 'never'),
  (gen_random_uuid()::text, 'tramadol', 'notification', 'A2', 'never'),
  (gen_random_uuid()::text, 'nalbufina', 'notification', 'A2', 'never'),
  (gen_random_uuid()::text, 'metilfenidato', 'notification', 'A3', 'never'),
  (gen_random_uuid()::text, 'lisdexanfetamina', 'notification', 'A3', 'never'),
  (gen_random_uuid()::text, 'anfetamina', 'notification', 'A3', 'never'),
  (gen_random_uuid()::text, 'alprazolam', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'bromazepam', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'clobazam', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'clonazepam', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'cloxazolam', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'diazepam', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'estazolam', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'flunitrazepam', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'lorazepam', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'midazolam', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'nitrazepam', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'zolpidem', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'zopiclona', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'fenobarbital', 'notification', 'B1', 'never'),
  (gen_random_uuid()::text, 'sibutramina', 'notification', 'B2', 'never'),
  (gen_random_uuid()::text, 'anfepramona', 'notification', 'B2', 'never'),
  (gen_random_uuid()::text, 'femproporex', 'notification', 'B2', 'never'),
  (gen_random_uuid()::text, 'mazindol', 'notification', 'B2', 'never'),
  (gen_random_uuid()::text, 'amitriptilina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'bupropiona', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'carbamazepina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'citalopram', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'clomipramina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'clorpromazina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'duloxetina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'escitalopram', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'fluoxetina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'gabapentina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'haloperidol', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'lamotrigina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'carbonato de lítio', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'nortriptilina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'olanzapina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'paroxetina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'pregabalina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'quetiapina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'risperidona', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'sertralina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'topiramato', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'trazodona', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'valproato', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'ácido valproico', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'venlafaxina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'desvenlafaxina', 'special_control', 'C1', 'sncr_only'),
  (gen_random_uuid()::text, 'isotretinoína', 'notification', 'C2', 'never'),
  (gen_random_uuid()::text, 'acitretina', 'notification', 'C2', 'never'),
  (gen_random_uuid()::text, 'talidomida', 'notification', 'C3', 'never'),
  (gen_random_uuid()::text, 'testosterona', 'special_control', 'C5', 'sncr_only'),
  (gen_random_uuid()::text, 'nandrolona', 'special_control', 'C5', 'sncr_only'),
  (gen_random_uuid()::text, 'oxandrolona', 'special_control', 'C5', 'sncr_only'),
  (gen_random_uuid()::text, 'estanozolol', 'special_control', 'C5', 'sncr_only')
ON CONFLICT ("name") DO NOTHING;
