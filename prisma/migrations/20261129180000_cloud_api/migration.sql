-- Meta's Cloud API for real clinics: each clinic's own number and secrets,
-- its message templates, what Meta calls each chat (the wa_id, with or
-- without Brazil's ninth digit) and when the patient last wrote (the 24-hour
-- window), and on the outbox the template a message goes as outside it.

-- One Cloud API number per clinic. The access token and the app secret are
-- sealed (v1, like ClinicPaymentSettings); the verify token only proves the
-- webhook URL to Meta.
CREATE TABLE "WhatsAppCloudAccount" (
  "clinicId" TEXT NOT NULL,
  "phoneNumberId" TEXT NOT NULL,
  "businessAccountId" TEXT NOT NULL,
  "accessTokenSealed" TEXT NOT NULL,
  "appSecretSealed" TEXT NOT NULL,
  "verifyToken" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "WhatsAppCloudAccount_pkey" PRIMARY KEY ("clinicId")
);
CREATE UNIQUE INDEX "WhatsAppCloudAccount_phoneNumberId_key" ON "WhatsAppCloudAccount"("phoneNumberId");

-- The templates a clinic has (or must create) in Meta's WhatsApp Manager.
-- "purpose" says which clinic-started message it carries; "buttons" is a JSON
-- array of quick replies ({ "text": "Confirmo", "payload": "confirmo" }).
-- The last error Meta gave for it (132000 wrong parameters, 132001 missing)
-- is kept for the admin API.
CREATE TABLE "WhatsAppTemplate" (
  "id" TEXT NOT NULL,
  "clinicId" TEXT NOT NULL,
  "purpose" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "language" TEXT NOT NULL DEFAULT 'pt_BR',
  "category" TEXT NOT NULL DEFAULT 'UTILITY',
  "body" TEXT NOT NULL,
  "buttons" TEXT NOT NULL DEFAULT '[]',
  "lastErrorCode" INTEGER,
  "lastError" TEXT,
  "lastErrorAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "WhatsAppTemplate_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "WhatsAppTemplate_clinicId_name_language_key" ON "WhatsAppTemplate"("clinicId", "name", "language");
CREATE UNIQUE INDEX "WhatsAppTemplate_clinicId_purpose_key" ON "WhatsAppTemplate"("clinicId", "purpose");

-- Per chat: the wa_id Meta last used (replies go to it) and when the person
-- last wrote, as this channel saw it (a template's quick reply re-opens the
-- window without being a message for the flow).
CREATE TABLE "WhatsAppCloudContact" (
  "clinicId" TEXT NOT NULL,
  "chatKey" TEXT NOT NULL,
  "waId" TEXT NOT NULL,
  "lastInboundAt" TIMESTAMP(3),
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "WhatsAppCloudContact_pkey" PRIMARY KEY ("clinicId", "chatKey")
);

-- Filled by the domain for a clinic-started message: the template's purpose
-- and its body parameters (sealed JSON array, bound to the row). Set by the
-- channel: when Meta said the window was closed (131047), so the next try is
-- the template. A row kept until the patient writes has status 'held'.
ALTER TABLE "OutboxMessage" ADD COLUMN "template" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "templateParams" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "windowClosedAt" TIMESTAMP(3);
