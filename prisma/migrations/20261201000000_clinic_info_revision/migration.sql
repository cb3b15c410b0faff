-- A number that changes whenever anything the chat says about the clinic
-- changes: its own settings, its procedures, its professionals and their
-- working hours, its closed days. A turn reads it with the conversation
-- (one statement it makes anyway) and keeps the clinic's information in
-- memory until the number moves, so a patient's message does not load it
-- again. Kept by triggers, so every writer (the admin API, Prisma, psql)
-- moves it, on every instance at once.
ALTER TABLE "Clinic" ADD COLUMN "infoRevision" INTEGER NOT NULL DEFAULT 0;

CREATE FUNCTION zelo_clinic_info_revised() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."infoRevision" := OLD."infoRevision" + 1;
  RETURN NEW;
END $$;

CREATE TRIGGER "Clinic_infoRevision" BEFORE UPDATE ON "Clinic"
  FOR EACH ROW WHEN (NEW."infoRevision" = OLD."infoRevision") EXECUTE FUNCTION zelo_clinic_info_revised();

CREATE FUNCTION zelo_clinic_part_revised() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE "Clinic" SET "infoRevision" = "infoRevision" + 1 WHERE id = OLD."clinicId";
  END IF;
  IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW."clinicId" IS DISTINCT FROM OLD."clinicId") THEN
    UPDATE "Clinic" SET "infoRevision" = "infoRevision" + 1 WHERE id = NEW."clinicId";
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "Procedure_infoRevision" AFTER INSERT OR UPDATE OR DELETE ON "Procedure"
  FOR EACH ROW EXECUTE FUNCTION zelo_clinic_part_revised();
CREATE TRIGGER "Professional_infoRevision" AFTER INSERT OR UPDATE OR DELETE ON "Professional"
  FOR EACH ROW EXECUTE FUNCTION zelo_clinic_part_revised();
CREATE TRIGGER "WorkingHours_infoRevision" AFTER INSERT OR UPDATE OR DELETE ON "WorkingHours"
  FOR EACH ROW EXECUTE FUNCTION zelo_clinic_part_revised();
CREATE TRIGGER "ClinicClosure_infoRevision" AFTER INSERT OR UPDATE OR DELETE ON "ClinicClosure"
  FOR EACH ROW EXECUTE FUNCTION zelo_clinic_part_revised();
