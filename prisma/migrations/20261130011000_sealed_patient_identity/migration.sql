-- A patient's CPF and address are sealed at rest, bound to the patient's row
-- (src/privacy/patient-identity.ts). The key lives only in the application,
-- so values stored in clear are sealed by it: at start, and by
-- `npm run secrets:reencrypt`; until then they are read as they are.
COMMENT ON COLUMN "Patient"."cpf" IS 'sealed';
COMMENT ON COLUMN "PatientProfile"."address" IS 'sealed';
