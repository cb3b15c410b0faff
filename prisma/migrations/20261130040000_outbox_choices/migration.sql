-- A reply that is a menu keeps its choices next to its text: the options
-- (id, title), the text without the numbered lines and the words on a
-- list's button, as JSON sealed with the row like the text. Channels with
-- buttons and lists (the Cloud API) show them; the others send the text.
ALTER TABLE "OutboxMessage" ADD COLUMN "choices" TEXT;
COMMENT ON COLUMN "OutboxMessage"."choices" IS 'sealed';
