// Builds the document signing job over the records' deps: the signer cache
// (the doctors' certificates, opened once) and the job service.ts registers.
import type { Clock } from "../clock.js";
import type { Database } from "../db/database.js";
import type { AnyJobDefinition } from "../jobs/queue.js";
import type { Metrics } from "../observability/metrics.js";
import type { RecordsDeps } from "../records/deps.js";
import { signDocumentJob } from "./sign-document-job.js";
import { SignerCache } from "./signers.js";

export function buildDocuments(parts: { deps: RecordsDeps; db: Database; clock: Clock; metrics?: Metrics }): { jobs: AnyJobDefinition[] } {
  const signers = new SignerCache(parts.deps.sealer, parts.deps.settings.production);
  return {
    jobs: [signDocumentJob({ ...parts.deps, db: parts.db, clock: parts.clock, signers, onSigned: (kind) => parts.metrics?.documentsSigned.inc({ kind }) })],
  };
}
