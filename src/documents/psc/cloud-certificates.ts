// The link between a professional and their cloud certificate at a PSC, and
// the signature sessions the doctor approves. The client secret and the
// access tokens are sealed; a session past its expiry is never used and is
// deleted when met.
import { randomUUID } from "node:crypto";
import type { Sql } from "../../db/database.js";
import type { Sealer } from "../../records/deps.js";
import { PscClient, type PscToken } from "./psc-client.js";
import {
  deleteLinkRow, deleteSessionsEndingBefore, deleteSessionsOf, findLatestSessionToken, findLinkRow, insertLinkRow, insertSessionRow,
} from "./psc-statements.js";

export const PSC_PROVIDERS = ["vidaas", "birdid", "neoid", "safeid", "other"] as const;
export type PscProvider = (typeof PSC_PROVIDERS)[number];
export type PreferredSigner = "a1" | "cloud";

export interface CloudCertificate {
  id: string;
  clinicId: string;
  professionalId: string;
  provider: PscProvider;
  baseUrl: string;
  clientId: string;
  clientSecretSealed: string;
  cpf: string;
  preferredSigner: PreferredSigner;
  sessionLifetimeSeconds: number;
  createdAt: Date;
  updatedAt: Date;
}

/** How approval works at each PSC: VIDaaS pushes to its app; the others give a one-time code in theirs. */
export const approvalOf = (provider: PscProvider): "push" | "code" => (provider === "vidaas" ? "push" : "code");

/** Hashes per signature request: NeoID's documented limit is 5; the others are unverified, so 5 for all. */
export const maxHashesOf = (_provider: PscProvider): number => 5;

export async function findCloudCertificate(sql: Sql, professionalId: string): Promise<CloudCertificate | undefined> {
  return (await findLinkRow(sql, professionalId)) as CloudCertificate | undefined;
}

export type NewCloudCertificate = Pick<CloudCertificate, "clinicId" | "professionalId" | "provider" | "baseUrl" | "clientId" | "cpf" | "preferredSigner" | "sessionLifetimeSeconds"> & { clientSecret: string };

/** Links (or relinks) the professional's cloud certificate; a relink drops the sessions of the old link. */
export async function saveCloudCertificate(sql: Sql, sealer: Sealer, input: NewCloudCertificate, now: Date): Promise<CloudCertificate> {
  await deleteLinkRow(sql, input.professionalId);
  const { clientSecret, ...link } = input;
  return (await insertLinkRow(sql, { id: randomUUID(), ...link, clientSecretSealed: await sealer.seal(clientSecret) }, now)) as CloudCertificate;
}

export async function deleteCloudCertificate(sql: Sql, professionalId: string): Promise<boolean> {
  return deleteLinkRow(sql, professionalId);
}

export async function pscClientFor(link: CloudCertificate, sealer: Sealer, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<PscClient> {
  return new PscClient({ baseUrl: link.baseUrl, clientId: link.clientId, clientSecret: await sealer.open(link.clientSecretSealed), ...options });
}

/** Keeps the doctor's new session as the only one. */
export async function saveSession(sql: Sql, sealer: Sealer, link: CloudCertificate, token: PscToken, now: Date): Promise<void> {
  await dropSessions(sql, link.professionalId);
  await insertSessionRow(sql, {
    id: randomUUID(), cloudCertificateId: link.id, professionalId: link.professionalId, accessTokenSealed: await sealer.seal(token.accessToken),
    scope: token.scope, expiresAt: new Date(now.getTime() + token.expiresInSeconds * 1000), now,
  });
}

// A token within a minute of its end is not started on: a batch must not run out midway.
const EXPIRY_MARGIN_MS = 60_000;

/** The doctor's access token, if a session is still valid. */
export async function findSessionToken(sql: Sql, sealer: Sealer, professionalId: string, now: Date): Promise<string | undefined> {
  await deleteSessionsEndingBefore(sql, professionalId, new Date(now.getTime() + EXPIRY_MARGIN_MS));
  const sealed = await findLatestSessionToken(sql, professionalId);
  return sealed ? sealer.open(sealed) : undefined;
}

/** "sair da assinatura", a 401 from the PSC, or a relink. */
export async function dropSessions(sql: Sql, professionalId: string): Promise<void> {
  await deleteSessionsOf(sql, professionalId);
}
