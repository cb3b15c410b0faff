// Builds the document signing jobs over the records' deps: the signer cache
// (the doctors' A1 certificates, opened once), the cloud path through each
// doctor's PSC (its trusted roots read once, at start), and the jobs
// service.ts registers.
import type { Clock } from "../clock.js";
import type { Database, Sql } from "../db/database.js";
import type { AnyJobDefinition } from "../jobs/queue.js";
import type { Metrics } from "../observability/metrics.js";
import type { RecordsDeps } from "../records/deps.js";
import type { CertificateStore } from "./psc/certificate-chain.js";
import { cloudSigningJobs, type CloudSignDeps } from "./psc/sign-cloud.js";
import { signDocumentJob } from "./sign-document-job.js";
import { SignerCache } from "./signers.js";

export interface CloudSigningParts {
  /** ICP-Brasil roots, plus a test root outside production (src/documents/psc/trusted-roots.ts). */
  store: CertificateStore;
  enqueue(sql: Sql, name: string, data: object): Promise<unknown>;
  /** The PSCs' HTTP client and the push job's timer: local doubles and shorter waits in tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export function buildDocuments(parts: { deps: RecordsDeps; db: Database; clock: Clock; metrics?: Metrics; cloud?: CloudSigningParts }): { jobs: AnyJobDefinition[]; signatures?: CloudSignDeps } {
  const signers = new SignerCache(parts.deps.sealer, parts.deps.settings.production);
  const onSigned = (kind: string) => parts.metrics?.documentsSigned.inc({ kind });
  const signatures = parts.cloud ? cloudSignDeps(parts, parts.cloud, onSigned) : undefined;
  return {
    jobs: [signDocumentJob({ ...parts.deps, db: parts.db, clock: parts.clock, signers, onSigned, ...(signatures ? { cloud: signatures } : {}) }),
      ...(signatures ? cloudSigningJobs(signatures) : [])],
    ...(signatures ? { signatures } : {}),
  };
}

function cloudSignDeps(parts: { deps: RecordsDeps; db: Database; clock: Clock }, cloud: CloudSigningParts, onSigned: (kind: string) => void): CloudSignDeps {
  return {
    signing: {
      db: parts.db, sealer: parts.deps.sealer, clock: parts.clock, cipher: parts.deps.cipher, verifyBaseUrl: parts.deps.settings.verifyBaseUrl,
      store: cloud.store, ...(cloud.fetch ? { fetch: cloud.fetch } : {}),
    },
    events: parts.deps.events,
    wakeChats: () => parts.deps.wakeChats(),
    enqueue: cloud.enqueue,
    sleep: cloud.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    onSigned,
  };
}
