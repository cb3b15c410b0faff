-- A professional's ICP-Brasil certificate held in the cloud by a PSC
-- (VIDaaS, BirdID, NeoID, SafeID...), next to or instead of an A1 file, and
-- the signature sessions the doctor approves on the phone. The client secret
-- and the access tokens are sealed (v1, like the A1 password).

CREATE TABLE "ProfessionalCloudCertificate" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "professionalId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretSealed" TEXT NOT NULL,
    "cpf" TEXT NOT NULL,
    "preferredSigner" TEXT NOT NULL DEFAULT 'cloud',
    "sessionLifetimeSeconds" INTEGER NOT NULL DEFAULT 43200,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProfessionalCloudCertificate_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "ProfessionalCloudCertificate_preferredSigner_check" CHECK ("preferredSigner" IN ('a1', 'cloud')),
    CONSTRAINT "ProfessionalCloudCertificate_lifetime_check" CHECK ("sessionLifetimeSeconds" BETWEEN 60 AND 604800)
);

CREATE UNIQUE INDEX "ProfessionalCloudCertificate_professionalId_key" ON "ProfessionalCloudCertificate"("professionalId");

CREATE TABLE "PscSignatureSession" (
    "id" TEXT NOT NULL,
    "cloudCertificateId" TEXT NOT NULL,
    "professionalId" TEXT NOT NULL,
    "accessTokenSealed" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PscSignatureSession_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "PscSignatureSession_cloudCertificateId_fkey" FOREIGN KEY ("cloudCertificateId")
        REFERENCES "ProfessionalCloudCertificate"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "PscSignatureSession_professionalId_expiresAt_idx" ON "PscSignatureSession"("professionalId", "expiresAt");
