-- A patient's voice note on its way to being read as text: the audio waits in
-- Media until it is transcribed (then it is deleted), and the transcript is
-- kept sealed with its row, like the texts the patient types.
CREATE TABLE "PatientVoiceNote" (
  "id" TEXT NOT NULL,
  "clinicId" TEXT NOT NULL,
  "chatKey" TEXT NOT NULL,
  "patientId" TEXT NOT NULL,
  "inboxMessageId" TEXT NOT NULL,
  "mediaId" TEXT,
  -- transcribing | heard (transcript raised to the chat) | unheard (failed, silent or too long) | discarded (consent withdrawn)
  "status" TEXT NOT NULL DEFAULT 'transcribing',
  "transcriptSealed" TEXT,
  -- The chat's last message before this note: the transcript is read as if typed when the note came.
  "previousInboundAt" TIMESTAMP(3),
  "durationSeconds" DOUBLE PRECISION,
  "transcriptionMs" INTEGER,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "transcribedAt" TIMESTAMP(3),
  CONSTRAINT "PatientVoiceNote_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "PatientVoiceNote_inboxMessageId_key" ON "PatientVoiceNote"("inboxMessageId");
CREATE INDEX "PatientVoiceNote_patientId_idx" ON "PatientVoiceNote"("patientId");

COMMENT ON COLUMN "PatientVoiceNote"."transcriptSealed" IS 'sealed';
