-- Prisma's differ does not see sequences that a column default names through
-- nextval(), and proposes dropping "chat_message_seq" on every `migrate dev`.
-- A function in between keeps the shared sequence and makes the schema and
-- the migrations agree.
CREATE OR REPLACE FUNCTION chat_message_seq_next() RETURNS bigint
  LANGUAGE sql VOLATILE AS $$ SELECT nextval('chat_message_seq') $$;

ALTER TABLE "InboxMessage" ALTER COLUMN "seq" SET DEFAULT chat_message_seq_next();
ALTER TABLE "OutboxMessage" ALTER COLUMN "seq" SET DEFAULT chat_message_seq_next();
