-- CreateTable
CREATE TABLE "WhatsAppSession" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'disconnected',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "lastError" TEXT,
    "qr" TEXT,
    "phone" TEXT,
    "ownerInstanceId" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "pairingPhone" TEXT,
    "pairingCode" TEXT,
    "logoutRequested" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "lastConnectedAt" TIMESTAMP(3),
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WhatsAppSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WhatsAppAuthKey" (
    "clinicId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WhatsAppAuthKey_pkey" PRIMARY KEY ("clinicId","type","keyId")
);

-- CreateIndex
CREATE UNIQUE INDEX "WhatsAppSession_clinicId_key" ON "WhatsAppSession"("clinicId");
