// What the doctor does about cloud signing in the chat, inside the turn:
// "assinar" (ask again: a push to the VIDaaS app, or the app's code), the
// one-time code itself, and "sair da assinatura". The code goes from the
// doctor's message straight to the PSC's pwd_authorize in this turn: it is
// not put in the conversation state, a job payload or a log, and no answer
// repeats it. The documents are then signed by a job, outside the turn.
import type { Sql } from "../../db/database.js";
import type { CloudSigningFailure, CloudSigningProvider } from "../../chat-events/types.js";
import { approveWithCode } from "./approve-signature.js";
import { approvalOf, dropSessions, findCloudCertificate, findSessionToken } from "./cloud-certificates.js";
import { isPscError } from "./psc-error.js";
import { PSC_PUSH_JOB, PSC_SIGN_JOB, type CloudSignDeps } from "./sign-cloud.js";
import { countWaitingSignatures } from "./psc-statements.js";

/** What became of the doctor's request; the doctor's flow words it. */
export type SignatureApprovalOutcome =
  | { kind: "notLinked" }
  | { kind: "nothingWaiting" }
  /** A session is still valid: the waiting documents are signed with it, nothing to approve. */
  | { kind: "resuming"; waiting: number }
  | { kind: "pushSent"; provider: CloudSigningProvider; waiting: number }
  | { kind: "codeAsked"; provider: CloudSigningProvider; waiting: number }
  | { kind: "approved"; provider: CloudSigningProvider; sessionHours: number; waiting: number }
  | { kind: "failed"; provider: CloudSigningProvider; failure: CloudSigningFailure }
  | { kind: "ended" };

export interface ChatPlace {
  clinicId: string;
  chatKey: string;
}

async function cloudLink(sql: Sql, professionalId: string) {
  const link = await findCloudCertificate(sql, professionalId);
  return link?.preferredSigner === "cloud" ? link : undefined;
}

async function waitingCount(sql: Sql, professionalId: string): Promise<number> {
  return countWaitingSignatures(sql, professionalId);
}

/** "assinar": asks the doctor's approval again for the documents still waiting. */
export async function requestSignatureApproval(sql: Sql, deps: CloudSignDeps, place: ChatPlace, professionalId: string): Promise<SignatureApprovalOutcome> {
  const link = await cloudLink(sql, professionalId);
  if (!link) return { kind: "notLinked" };
  const waiting = await waitingCount(sql, professionalId);
  if (waiting === 0) return { kind: "nothingWaiting" };
  const target = { professionalId, clinicId: place.clinicId, chatKey: place.chatKey };
  if (await findSessionToken(sql, deps.signing.sealer, professionalId, deps.signing.clock.now())) {
    await deps.enqueue(sql, PSC_SIGN_JOB, target);
    return { kind: "resuming", waiting };
  }
  if (approvalOf(link.provider) === "code") return { kind: "codeAsked", provider: link.provider, waiting };
  await deps.enqueue(sql, PSC_PUSH_JOB, target);
  return { kind: "pushSent", provider: link.provider, waiting };
}

/** The app's one-time code, sent once to the PSC; on success the waiting documents are signed by a job. */
export async function approveSignatureCode(sql: Sql, deps: CloudSignDeps, place: ChatPlace, professionalId: string, code: string): Promise<SignatureApprovalOutcome> {
  const link = await cloudLink(sql, professionalId);
  if (!link) return { kind: "notLinked" };
  try {
    // The turn's transaction: the session is saved with the turn (and PGlite has one connection, which the turn holds).
    await approveWithCode({ ...deps.signing, db: { ...deps.signing.db, sql } }, professionalId, code);
  } catch (error) {
    if (isPscError(error)) return { kind: "failed", provider: link.provider, failure: error.failure };
    throw error;
  }
  const waiting = await waitingCount(sql, professionalId);
  if (waiting > 0) await deps.enqueue(sql, PSC_SIGN_JOB, { professionalId, clinicId: place.clinicId, chatKey: place.chatKey });
  return { kind: "approved", provider: link.provider, sessionHours: Math.round(link.sessionLifetimeSeconds / 3600), waiting };
}

/** "sair da assinatura": the session is dropped; the next document asks for approval again. */
export async function endSignatureFromChat(sql: Sql, professionalId: string): Promise<SignatureApprovalOutcome> {
  await dropSessions(sql, professionalId);
  return { kind: "ended" };
}
