-- A procedure only some patients may book in the chat: a Retorno needs a
-- completed appointment within this many days. Null: anyone may book it.
ALTER TABLE "Procedure" ADD COLUMN "requiresPreviousWithinDays" INTEGER;
