-- Who holds an outbox row's lease, and when a send of it was last started.
-- "claimedBy" lets a restarted instance (same INSTANCE_ID) take its own rows
-- back at once instead of leaving their chats stalled until the lease runs
-- out. "sendStartedAt" is the send intent, written before the channel is
-- called: a row claimed again while it is set was maybe already accepted by
-- the provider (the instance died between the call and recording its answer).
ALTER TABLE "OutboxMessage" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "OutboxMessage" ADD COLUMN "sendStartedAt" TIMESTAMP(3);
