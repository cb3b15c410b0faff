// The signing job's cloud path: a doctor whose link prefers the cloud
// certificate has their waiting documents signed at the PSC. With a valid
// session they are signed at once, together; without one they wait
// ("awaiting_signature") and the doctor is asked in the chat: VIDaaS gets a
// push (approved in its app, polled by the push job), the others ask for the
// app's one-time code. A denial, a push not approved in time, or a PSC that
// does not answer is told to the doctor once and never retried unasked: the
// documents stay waiting, and "assinar" in the chat resumes them.
import { z } from "zod";
import type { ChatEvents } from "../../chat-events/raise.js";
import type { DoctorChatEvent } from "../../chat-events/types.js";
import type { Sql } from "../../db/database.js";
import { defineJob, type AnyJobDefinition } from "../../jobs/queue.js";
import { approveByPush } from "./approve-signature.js";
import { approvalOf, findCloudCertificate, findSessionToken, type CloudCertificate } from "./cloud-certificates.js";
import { isPscError } from "./psc-error.js";
import type { SignedDocument, SignPendingDeps } from "./sign-pending.js";
import { countWaitingSignatures, findDeliveryOfSigned } from "./psc-statements.js";

export const PSC_PUSH_JOB = "psc-approve-push";
export const PSC_SIGN_JOB = "psc-sign-pending";

export interface CloudSignDeps {
  signing: Omit<SignPendingDeps, "deliver">;
  events: ChatEvents;
  wakeChats(): Promise<void>;
  enqueue(sql: Sql, name: string, data: object): Promise<unknown>;
  /** How the push job waits between polls (a timer; tests may shorten it). */
  sleep(ms: number): Promise<void>;
  pushMaxWaitMs?: number;
  onSigned?: (kind: string) => void;
}

/** Whose signing goes through the PSC, the doctor and the chat to tell. */
export interface CloudSignTarget {
  professionalId: string;
  clinicId: string;
  /** The doctor's chat; null for a document not asked for in the chat (nobody to ask). */
  chatKey: string | null;
}

const targetSchema = z.object({ professionalId: z.string(), clinicId: z.string(), chatKey: z.string().nullable() });

export async function prefersCloud(sql: Sql, professionalId: string): Promise<boolean> {
  return (await findCloudCertificate(sql, professionalId))?.preferredSigner === "cloud";
}

// A PSC that does not answer is tried twice more within the job, 1 s then 3 s later (a blip), then the doctor is told.
const UNAVAILABLE_RETRY_MS = [1000, 3000];

export async function signWithCloud(deps: CloudSignDeps, target: CloudSignTarget): Promise<void> {
  const link = await findCloudCertificate(deps.signing.db.sql, target.professionalId);
  if (!link) return;
  // Rendering and signing (pdfkit, pkijs, @signpdf) load with the first cloud signature, not at start.
  const { signPendingForProfessional } = await import("./sign-pending.js");
  const signPending = () => signPendingForProfessional({ ...deps.signing, deliver: (sql, signed) => deliverSigned(sql, deps, signed) }, target.professionalId);
  let result = await signPending();
  for (const delay of UNAVAILABLE_RETRY_MS) {
    if (result.outcome !== "unavailable") break;
    await deps.sleep(delay);
    result = await signPending();
  }
  switch (result.outcome) {
    case "signed":
      break;
    case "nothing_to_sign":
      return;
    case "authorization_needed":
      await tellDoctor(deps, target, link, { type: "signatureApprovalNeeded", provider: link.provider, approval: result.approval, waiting: result.documentIds.length },
        result.approval === "push" ? PSC_PUSH_JOB : undefined);
      break;
    case "unavailable":
      await tellDoctor(deps, target, link, { type: "signatureFailed", provider: link.provider, failure: "unavailable", waiting: result.documentIds.length });
      break;
    case "failed":
      await tellDoctor(deps, target, link, { type: "signatureFailed", provider: link.provider, failure: result.failure, waiting: result.documentIds.length });
      break;
  }
  await deps.wakeChats();
}

/** Raises the doctor's event (and enqueues the push job with it, in one transaction). */
async function tellDoctor(deps: CloudSignDeps, target: CloudSignTarget, link: CloudCertificate, event: DoctorChatEvent, job?: string): Promise<void> {
  const now = deps.signing.clock.now();
  await deps.signing.db.transaction(async (sql) => {
    if (target.chatKey) await deps.events.toDoctor(sql, { clinicId: target.clinicId, chatKey: target.chatKey }, event, `${link.professionalId}:${now.getTime()}`, now);
    if (job && target.chatKey) await deps.enqueue(sql, job, target);
  });
}

/** Within the storing transaction: the PDF to the patient (unless consent was withdrawn) and its copy to the doctor, as with A1. */
async function deliverSigned(sql: Sql, deps: CloudSignDeps, signed: SignedDocument): Promise<void> {
  const doc = await findDeliveryOfSigned(sql, signed.documentId);
  if (!doc) return;
  const now = deps.signing.clock.now();
  const pdf = { documentId: signed.documentId, kind: signed.kind, mediaId: signed.mediaId, filename: signed.filename, verificationCode: signed.verificationCode };
  const delivered = await deps.events.toPatient(sql, { clinicId: signed.clinicId, chatKey: doc.patientPhone },
    { type: "documentIssued", pdf, professionalName: doc.professionalName, secretCode: doc.secretCode, ...(doc.dependantName ? { forName: doc.dependantName } : {}) }, signed.documentId, now);
  if (doc.requestedByChat) {
    await deps.events.toDoctor(sql, { clinicId: signed.clinicId, chatKey: doc.requestedByChat },
      { type: "documentSigned", pdf, deliveredToPatient: delivered, patientName: doc.patientName }, signed.documentId, now);
  }
  deps.onSigned?.(signed.kind);
}

/**
 * The push to the doctor's VIDaaS app, polled here rather than in the chat's
 * turn (up to two minutes). Approved: the session is kept sealed and the
 * waiting documents are signed. Denied or not approved in time: told once;
 * the job is never retried, so no second push reaches the phone unasked.
 */
async function approvePushThenSign(deps: CloudSignDeps, target: CloudSignTarget): Promise<void> {
  const link = await findCloudCertificate(deps.signing.db.sql, target.professionalId);
  if (!link || approvalOf(link.provider) !== "push") return;
  const waiting = await countWaiting(deps.signing.db.sql, target.professionalId);
  if (waiting === 0) return;
  // A push job queued behind one the doctor already approved: sign with that session, no second push.
  if (await findSessionToken(deps.signing.db.sql, deps.signing.sealer, target.professionalId, deps.signing.clock.now())) return signWithCloud(deps, target);
  try {
    await approveByPush(deps.signing, target.professionalId, { sleep: deps.sleep, ...(deps.pushMaxWaitMs ? { maxWaitMs: deps.pushMaxWaitMs } : {}) });
  } catch (error) {
    if (!isPscError(error)) throw error;
    await tellDoctor(deps, target, link, { type: "signatureFailed", provider: link.provider, failure: error.failure, waiting });
    await deps.wakeChats();
    return;
  }
  await tellDoctor(deps, target, link, { type: "signatureApproved", provider: link.provider, sessionHours: Math.round(link.sessionLifetimeSeconds / 3600), waiting });
  await signWithCloud(deps, target);
}

async function countWaiting(sql: Sql, professionalId: string): Promise<number> {
  return countWaitingSignatures(sql, professionalId);
}

/** No retry: a retried push is a second push on the doctor's phone, and a retried denial a signature the doctor refused. */
export function cloudSigningJobs(deps: CloudSignDeps): AnyJobDefinition[] {
  return [
    defineJob({ name: PSC_PUSH_JOB, schema: targetSchema, retryLimit: 0, retryDelaySeconds: 0, handler: (target) => approvePushThenSign(deps, target) }),
    defineJob({ name: PSC_SIGN_JOB, schema: targetSchema, retryLimit: 0, retryDelaySeconds: 0, handler: (target) => signWithCloud(deps, target) }),
  ];
}
