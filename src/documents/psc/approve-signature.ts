// The doctor's approval of a signature session at the PSC: a push approved
// in the VIDaaS app (Zelo polls), or the one-time code from the BirdID,
// NeoID or SafeID app (sent once to pwd_authorize, kept nowhere). The token
// is sealed for the lifetime the clinic chose; "sair da assinatura" drops it.
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { Sealer } from "../../records/deps.js";
import { dropSessions, findCloudCertificate, pscClientFor, saveSession, type CloudCertificate } from "./cloud-certificates.js";
import { authorizeByPush, type PushOptions } from "./push-authorization.js";

export interface CloudSigningDeps {
  db: Database;
  sealer: Sealer;
  clock: Clock;
  /** The PSC's HTTP client (a local double in tests). */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

async function linkOf(deps: CloudSigningDeps, professionalId: string): Promise<CloudCertificate> {
  const link = await findCloudCertificate(deps.db.sql, professionalId);
  if (!link) throw new AppError("not_configured", "Nenhum certificado em nuvem vinculado a este profissional.");
  return link;
}

const clientOptions = (deps: CloudSigningDeps) => ({ ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) });

export async function approveByPush(deps: CloudSigningDeps, professionalId: string, options: PushOptions): Promise<void> {
  const link = await linkOf(deps, professionalId);
  const client = await pscClientFor(link, deps.sealer, clientOptions(deps));
  const token = await authorizeByPush(client, { cpf: link.cpf, scope: "signature_session", lifetimeSeconds: link.sessionLifetimeSeconds }, options);
  await saveSession(deps.db.sql, deps.sealer, link, token, deps.clock.now());
}

export async function approveWithCode(deps: CloudSigningDeps, professionalId: string, code: string): Promise<void> {
  const link = await linkOf(deps, professionalId);
  const client = await pscClientFor(link, deps.sealer, clientOptions(deps));
  const token = await client.authorizeWithCode({ cpf: link.cpf, code: code.trim(), scope: "signature_session", lifetimeSeconds: link.sessionLifetimeSeconds });
  await saveSession(deps.db.sql, deps.sealer, link, token, deps.clock.now());
}

export async function endSignatureSession(deps: Pick<CloudSigningDeps, "db">, professionalId: string): Promise<void> {
  await dropSessions(deps.db.sql, professionalId);
}
