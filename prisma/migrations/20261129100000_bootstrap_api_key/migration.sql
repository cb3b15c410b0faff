-- Marks the key that ADMIN_API_KEY created, so that a start with another
-- ADMIN_API_KEY revokes it (src/admin-api/auth.ts, ensureBootstrapKey).
-- Keys made before this migration are recognised by the name they were given.
ALTER TABLE "ApiKey" ADD COLUMN "bootstrap" BOOLEAN NOT NULL DEFAULT false;

UPDATE "ApiKey" SET "bootstrap" = true WHERE "clinicId" IS NULL AND "name" = 'bootstrap (ADMIN_API_KEY)';
