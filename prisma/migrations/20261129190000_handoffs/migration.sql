-- A patient's request to talk to a person, from the request until the
-- reception closes it. "reason" holds the patient's last messages, sealed like
-- chat texts (src/crypto/sealed-columns.ts). At most one open handoff per chat.
CREATE TABLE "Handoff" (
    "id" TEXT NOT NULL,
    "clinicId" TEXT NOT NULL,
    "chatKey" TEXT NOT NULL,
    "patientId" TEXT,
    "reason" TEXT,
    "since" TIMESTAMP(3) NOT NULL,
    "assignedTo" TEXT,
    "firstStaffReplyAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedBy" TEXT,

    CONSTRAINT "Handoff_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Handoff_clinicId_closedAt_since_idx" ON "Handoff"("clinicId", "closedAt", "since");
CREATE UNIQUE INDEX "Handoff_one_open_per_chat" ON "Handoff"("clinicId", "chatKey") WHERE "closedAt" IS NULL;

-- Who from the clinic wrote an outbound message of a handoff (the API key's name).
CREATE TABLE "HandoffReply" (
    "id" TEXT NOT NULL,
    "handoffId" TEXT NOT NULL,
    "outboxMessageId" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "staffName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HandoffReply_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "HandoffReply_outboxMessageId_key" ON "HandoffReply"("outboxMessageId");
CREATE INDEX "HandoffReply_handoffId_idx" ON "HandoffReply"("handoffId");
