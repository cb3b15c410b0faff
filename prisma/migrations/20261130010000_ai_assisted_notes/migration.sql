-- CFM Resolution 2.454/2026: a note structured by a model is marked in the
-- record as AI-assisted, with the model, when it structured the note, and the
-- doctor who reviewed and confirmed it. The dictation keeps the model and the
-- time of its last structuring until the doctor saves it.
ALTER TABLE "Dictation" ADD COLUMN "structuredModel" TEXT;
ALTER TABLE "Dictation" ADD COLUMN "structuredAt" TIMESTAMP(3);

-- source: "dictation" (a voice note structured into a note) or "typed" (an
-- addendum the doctor wrote; its sealed content is {"text": ...}).
ALTER TABLE "ClinicalNoteVersion" ADD COLUMN "source" TEXT NOT NULL DEFAULT 'dictation';
ALTER TABLE "ClinicalNoteVersion" ADD COLUMN "aiAssisted" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "ClinicalNoteVersion" ADD COLUMN "aiModel" TEXT;
ALTER TABLE "ClinicalNoteVersion" ADD COLUMN "aiStructuredAt" TIMESTAMP(3);
ALTER TABLE "ClinicalNoteVersion" ADD COLUMN "reviewedById" TEXT;
ALTER TABLE "ClinicalNoteVersion" ADD COLUMN "reviewedAt" TIMESTAMP(3);

-- Versions saved before: every one came from a dictation structured by the
-- model and confirmed by its doctor in the chat when it was saved; the
-- model's name and the time it structured the draft were not kept (null).
UPDATE "ClinicalNoteVersion"
SET "aiAssisted" = true, "reviewedById" = "professionalId", "reviewedAt" = "createdAt"
WHERE "dictationId" IS NOT NULL;
