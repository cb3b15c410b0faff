-- Chat texts, drafts in conversation state and media are sealed at rest
-- (AES-256-GCM, bound to table, column and row; see src/crypto/sealed-columns.ts).
-- A sealed value is text ("v2:...") or, for Media.data, a binary envelope, so
-- the JSON columns become text. Existing clear values stay readable until
-- `npm run secrets:reencrypt` seals them.

-- A state is sealed JSON; NULL means the conversation has not started.
ALTER TABLE "Conversation" ALTER COLUMN "state" DROP NOT NULL;
ALTER TABLE "Conversation" ALTER COLUMN "state" TYPE TEXT USING "state"::text;
ALTER TABLE "InboxMessage" ALTER COLUMN "payload" TYPE TEXT USING "payload"::text;

-- The marker src/crypto/reencrypt.test.ts reads: every column commented
-- 'sealed' must be listed in ENCRYPTED_COLUMNS (like the *Sealed columns).
COMMENT ON COLUMN "InboxMessage"."text" IS 'sealed';
COMMENT ON COLUMN "InboxMessage"."payload" IS 'sealed';
COMMENT ON COLUMN "OutboxMessage"."text" IS 'sealed';
COMMENT ON COLUMN "OutboxMessage"."caption" IS 'sealed';
COMMENT ON COLUMN "Conversation"."state" IS 'sealed';
COMMENT ON COLUMN "Media"."data" IS 'sealed';
