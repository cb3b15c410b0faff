// Dictation, record and document effects, each handed to its use case
// inside the turn's transaction; each outcome goes back to the flow as an
// event, and the flow words it.
import { answerCidAuthorization } from "../../documents/answer-cid-authorization.js";
import { issueDocument } from "../../documents/issue-document.js";
import { findSignedDocument } from "../../documents/resend-document.js";
import { answerPatientData, askPatientForData, supplyPatientDataByDoctor } from "../../documents/supply-patient-data.js";
import { correctDictation, discardDictation, retryDictation, startDictation } from "../../records/dictation-steps.js";
import { addAddendum } from "../../records/add-addendum.js";
import { saveNote, type SaveNoteOutcome } from "../../records/save-note.js";
import type { RecordsDeps } from "../../records/deps.js";
import { event, type EffectHandlers, type TurnScope } from "./scope.js";

type RecordsKind = "startDictation" | "correctDictation" | "saveNote" | "addAddendum" | "discardDictation" | "retryDictation" | "issueDocument" | "answerCidAuthorization" | "resendDocument"
  | "supplyPatientData" | "askPatientForData" | "answerPatientData";

/** The records' use cases raise their events through the turn's, so the engine drains those chats after the commit. */
function depsOf(scope: TurnScope): RecordsDeps {
  const deps = scope.services?.records;
  if (!deps) throw new Error("records services are not configured");
  return { ...deps, events: scope.events };
}

const placeOf = (scope: TurnScope) => ({ clinicId: scope.clinicId, chatKey: scope.chatKey, now: scope.now });
const notOpen = (done: boolean) => (done ? undefined : event({ type: "noteNotOpen" }));

export const recordsEffects: EffectHandlers<RecordsKind> = {
  startDictation: async (sql, effect, scope) =>
    event({ type: "dictationStart", outcome: await startDictation(sql, depsOf(scope), placeOf(scope), effect), seconds: effect.audio.durationSeconds }),
  correctDictation: async (sql, effect, scope) => notOpen(await correctDictation(sql, depsOf(scope), placeOf(scope), effect)),
  retryDictation: async (sql, effect, scope) => notOpen(await retryDictation(sql, depsOf(scope), placeOf(scope), effect.dictationId)),
  discardDictation: async (sql, effect, scope) => {
    await discardDictation(sql, placeOf(scope), effect.dictationId);
  },
  saveNote: async (sql, effect, scope) =>
    event(savedEvent(await saveNote(sql, depsOf(scope), placeOf(scope), effect.dictationId, { asAddendum: effect.asAddendum === true }))),
  addAddendum: async (sql, effect, scope) => {
    const outcome = await addAddendum(sql, depsOf(scope), placeOf(scope), effect);
    return event(outcome.kind === "added"
      ? { type: "noteSaved", version: outcome.version, patientName: outcome.patientName, noteCreatedAt: outcome.noteCreatedAt }
      : { type: "noNoteForAddendum", patientName: outcome.patientName });
  },
  issueDocument: async (sql, effect, scope) => event({ type: "documentIssue", outcome: await issueDocument(sql, depsOf(scope), placeOf(scope), effect) }),
  answerCidAuthorization: async (sql, effect, scope) =>
    event({ type: "cidAnswer", outcome: await answerCidAuthorization(sql, depsOf(scope), placeOf(scope), effect) }),
  supplyPatientData: async (sql, effect, scope) =>
    event({ type: "patientDataSupplied", outcome: await supplyPatientDataByDoctor(sql, depsOf(scope), placeOf(scope), effect) }),
  askPatientForData: async (sql, effect, scope) =>
    event({ type: "patientDataAsk", outcome: await askPatientForData(sql, depsOf(scope), placeOf(scope), effect.requestId) }),
  answerPatientData: async (sql, effect, scope) =>
    event({ type: "patientDataSaved", documentComing: (await answerPatientData(sql, depsOf(scope), placeOf(scope), effect)).documentComing }),
  resendDocument: async (sql, effect, scope) => {
    const found = await findSignedDocument(sql, scope, effect.documentId);
    return event(found ? { type: "documentResent", ...found } : { type: "documentNotFound" });
  },
};

function savedEvent(outcome: SaveNoteOutcome) {
  if (outcome.saved) return { type: "noteSaved" as const, version: outcome.version, patientName: outcome.patientName, noteCreatedAt: outcome.noteCreatedAt };
  return outcome.reason === "noNote" ? { type: "noNoteForAddendum" as const, patientName: outcome.patientName } : { type: "noteNotOpen" as const };
}
