// The doctor's chat hears of what it asked for (the outcome of an effect, in
// the same turn) and of what finished later (a signed document, a drafted
// note: chat events, in the chat's order). Both are answered here, and the
// doctor's current question stays where it was.
import type { DoctorChatEvent, IssueOutcome } from "../../chat-events/types.js";
import { type Effect, type FlowEvent, type StepResult, reply } from "../types.js";
import { draftMessage } from "./note-text.js";
import type { DoctorState } from "./state.js";
import { doctorEventTexts as e, documentNames } from "./event-texts.js";
import { onSignatureApproval, onSignatureEvent } from "./signature-approval.js";
import { doctorTexts } from "./texts.js";
import { askHowToCollect } from "./patient-data.js";
import { patientDataTexts as d } from "./patient-data-texts.js";

type Result = StepResult<DoctorState>;
const to = (state: DoctorState, ...effects: Effect[]): Result => ({ state, effects });

type Handlers = { [K in DoctorChatEvent["type"]]: (state: DoctorState, event: Extract<DoctorChatEvent, { type: K }>) => Result };

const clinicHandlers: Handlers = {
  noteDrafted: (state, event) => to(state, reply(draftMessage(event))),
  dictationFailed: (state, { patientName, reason }) =>
    to(state, reply(reason === "audioMissing" ? e.audioMissing : reason === "silent" ? e.silent(patientName) : e.dictationFailed(patientName))),
  documentSigned: (state, { pdf, deliveredToPatient, patientName }) => {
    const label = patientName ? `${documentNames[pdf.kind]} de *${patientName}*` : documentNames[pdf.kind];
    const caption = deliveredToPatient ? e.documentCopy(pdf.kind, pdf.verificationCode, patientName) : doctorTexts.documentNotSentNoConsent(label, pdf.verificationCode);
    return to(state, { kind: "sendMedia", media: "document", mediaId: pdf.mediaId, mimetype: "application/pdf", filename: pdf.filename, caption });
  },
  documentFailed: (state, { kind, reason, patientName }) => to(state, reply(e.signFailed(kind, reason, patientName))),
  cidAnswered: (state, { granted, cid10, patientName }) => to(state, reply(e.cidAnswered(granted, cid10, patientName))),
  patientDataAnswered: (state, { patientName, outcome }) => {
    const answer = issueAnswer(state, outcome);
    return { state: answer.state, effects: [reply(d.answered(patientName)), ...answer.effects] };
  },
  signatureApprovalNeeded: onSignatureEvent,
  signatureApproved: onSignatureEvent,
  signatureFailed: onSignatureEvent,
};

export function onDoctorClinicEvent(state: DoctorState, event: DoctorChatEvent): Result {
  return (clinicHandlers[event.type] as (state: DoctorState, event: DoctorChatEvent) => Result)(state, event);
}

/** Outcomes of the doctor's own effects; undefined for one this flow does not expect. */
export function onDoctorEffectEvent(state: DoctorState, event: FlowEvent, timeZone: string): Result | undefined {
  switch (event.type) {
    case "noteSaved":
      return to(state, reply(e.noteSaved(event.version, event.patientName, dayMonth(event.noteCreatedAt, timeZone))));
    case "noNoteForAddendum":
      return to(state, reply(e.noNoteForAddendum(event.patientName)));
    case "noteNotOpen":
      return to(state, reply(e.noteNotOpen));
    case "dictationStart": {
      const patient = state.selected?.name ?? "";
      return to(state, reply(event.outcome.kind === "started" ? doctorTexts.audioAccepted(event.seconds, patient) : doctorTexts.dictationNoConsent(patient)));
    }
    case "signatureApproval":
      return onSignatureApproval(state, event.outcome);
    case "documentIssue":
      return issueAnswer(state, event.outcome);
    case "patientDataSupplied": {
      const outcome = event.outcome;
      if (outcome.kind === "notOpen") return to(state, reply(d.notOpen));
      if (outcome.kind === "stillMissing") return to(state, reply(d.stillMissing(outcome.fields)));
      return issueAnswer(state, outcome);
    }
    case "patientDataAsk": {
      const outcome = event.outcome;
      if (outcome.kind === "notOpen") return to(state, reply(d.notOpen));
      if (outcome.kind === "asked") return to(state, reply(d.asked(outcome.patientName, outcome.fields)));
      // Consent withdrawn: the doctor can still type the data.
      const choosing = askHowToCollect(state, outcome.requestId, outcome.fields, outcome.patientName);
      return to(choosing.state, reply(d.noConsent(outcome.patientName)));
    }
    default:
      return undefined;
  }
}

/** "2026-11-23T17:00:00Z" -> "23/11" in the clinic's zone. */
function dayMonth(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("pt-BR", { timeZone, day: "2-digit", month: "2-digit" }).format(new Date(iso));
}

/** What became of a confirmed document, however it was confirmed (now, or once the patient's data came). */
function issueAnswer(state: DoctorState, outcome: IssueOutcome): Result {
  switch (outcome.kind) {
    case "patientGone":
      return to(state, reply(e.patientGone));
    case "refused":
      return to(state, reply(outcome.message));
    case "noCertificate":
      return to(state, reply(e.noCertificate));
    case "cidAsked":
      return to(state, reply(e.cidAsked(outcome.cid10)));
    case "cidNoConsent":
      return to(state, reply(doctorTexts.cidNoConsent(outcome.cid10)));
    case "patientDataMissing":
      return askHowToCollect(state, outcome.requestId, outcome.fields, outcome.patientName);
    case "issuing":
      return to(state, reply(e.issuing));
    default:
      return exhausted(outcome);
  }
}

function exhausted(value: never): never {
  throw new Error(`unhandled outcome ${JSON.stringify(value)}`);
}
