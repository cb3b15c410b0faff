// Dictation, record and document effects, each handed to its use case
// inside the turn's transaction. Answers go to the chat that asked.
import type { Sql } from "../../db/database.js";
import { answerCidAuthorization } from "../../documents/answer-cid-authorization.js";
import { issueDocument } from "../../documents/issue-document.js";
import { resendDocument } from "../../documents/resend-document.js";
import type { Effect } from "../../flows/types.js";
import { correctDictation, discardDictation, retryDictation, startDictation } from "../../records/dictation-steps.js";
import { saveNote } from "../../records/save-note.js";
import { queueText } from "../chat-writes.js";
import type { TurnScope } from "../interpreter.js";

const KINDS = [
  "startDictation", "correctDictation", "saveNote", "discardDictation", "retryDictation",
  "issueDocument", "answerCidAuthorization", "resendDocument",
] as const;

export type RecordsEffect = Extract<Effect, { kind: (typeof KINDS)[number] }>;

export function isRecordsEffect(effect: Effect): effect is RecordsEffect {
  return (KINDS as readonly string[]).includes(effect.kind);
}

const texts = {
  noteSaved: (version: number) => version === 1 ? "Nota salva no prontuário. ✅" : `Adendo salvo no prontuário (versão ${version}). ✅`,
  noteNotOpen: "Essa nota não está mais aberta (já foi salva ou descartada).",
} as const;

export async function interpretRecordsEffect(sql: Sql, effect: RecordsEffect, scope: TurnScope): Promise<void> {
  const deps = scope.services?.records;
  if (!deps) throw new Error("records services are not configured");
  const place = { clinicId: scope.clinicId, chatKey: scope.chatKey, now: scope.now };
  const say = (text: string) => queueText(sql, scope.cipher, scope, text, scope.now);
  switch (effect.kind) {
    case "startDictation":
      return startDictation(sql, deps, place, effect);
    case "correctDictation":
      if (!(await correctDictation(sql, deps, place, effect))) await say(texts.noteNotOpen);
      return;
    case "retryDictation":
      if (!(await retryDictation(sql, deps, place, effect.dictationId))) await say(texts.noteNotOpen);
      return;
    case "discardDictation":
      await discardDictation(sql, place, effect.dictationId);
      return;
    case "saveNote": {
      const outcome = await saveNote(sql, deps, place, effect.dictationId);
      await say(outcome.saved ? texts.noteSaved(outcome.version) : texts.noteNotOpen);
      return;
    }
    case "issueDocument":
      for (const text of await issueDocument(sql, deps, place, effect)) await say(text);
      return;
    case "answerCidAuthorization":
      for (const text of await answerCidAuthorization(sql, deps, place, effect)) await say(text);
      return;
    case "resendDocument":
      for (const text of await resendDocument(sql, scope.cipher, scope, scope.now, effect.documentId)) await say(text);
      return;
  }
}
