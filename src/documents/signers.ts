// Each professional's signer. The certificate lives in the database (PKCS#12
// and password sealed); the parsed private key is kept in this process,
// keyed by certificate id and updatedAt, so it is parsed once, and a new
// upload (new id or updatedAt) is picked up at the next signature. Outside
// production a professional with no certificate gets a generated development
// certificate, stored like an uploaded one and flagged as such.
import { createHash, randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import type { SigningCertificateRow } from "../db/rows.js";
import { AppError } from "../errors.js";
import type { Sealer } from "../records/deps.js";
import type { DocumentSigner } from "./document-signer.js";
import { deactivateCertificatesOf, findActiveCertificate, insertCertificateRow, prefersCloudSigner } from "./document-statements.js";

export async function hasUsableCertificate(sql: Sql, professionalId: string, production: boolean, now: Date): Promise<boolean> {
  if (!production) return true; // a development certificate is made on demand
  // A doctor signing with a cloud certificate needs no A1 file: the PSC is asked at signing time.
  if (await prefersCloudSigner(sql, professionalId)) return true;
  const row = await findActiveCertificate(sql, professionalId, now);
  return row !== undefined && !row.isDevelopment;
}

export class SignerCache {
  private readonly signers = new Map<string, DocumentSigner>();

  constructor(private readonly sealer: Sealer, private readonly production: boolean) {}

  async forProfessional(sql: Sql, professional: { id: string; clinicId: string; name: string }, now: Date): Promise<{ signer: DocumentSigner; certificateId: string }> {
    let row = await findActiveCertificate(sql, professional.id, now);
    if (row?.isDevelopment && this.production) row = undefined;
    if (!row) {
      if (this.production) throw new AppError("certificate_invalid", "Nenhum certificado digital A1 cadastrado para este profissional.");
      row = await this.createDevelopmentCertificate(sql, professional, now);
    }
    const key = `${row.id}:${new Date(row.updatedAt).toISOString()}`;
    let signer = this.signers.get(key);
    if (!signer) {
      // The signing stack (node-forge, asn1js, @signpdf) loads with the first signature, not at start.
      const { DocumentSigner } = await import("./document-signer.js");
      const pkcs12 = Buffer.from(await this.sealer.open(row.pkcs12Sealed), "base64");
      signer = DocumentSigner.fromPkcs12(pkcs12, await this.sealer.open(row.passwordSealed), { now });
      for (const old of this.signers.keys()) if (old.startsWith(`${row.id}:`)) this.signers.delete(old);
      this.signers.set(key, signer);
    }
    return { signer, certificateId: row.id };
  }

  private async createDevelopmentCertificate(sql: Sql, professional: { id: string; clinicId: string; name: string }, now: Date): Promise<SigningCertificateRow> {
    const cpf = developmentCpf(professional.id);
    const notAfter = new Date(now.getTime() + 365 * 86_400_000);
    const { generateDevelopmentCertificate } = await import("./dev-certificate.js");
    const generated = generateDevelopmentCertificate({ name: professional.name, cpf, notBefore: new Date(now.getTime() - 86_400_000), notAfter });
    return storeCertificate(sql, this.sealer, {
      clinicId: professional.clinicId, professionalId: professional.id, pkcs12: generated.pkcs12, password: generated.password,
      holderName: professional.name, cpf, notAfter, isDevelopment: true, now,
    });
  }
}

export interface NewCertificate {
  clinicId: string;
  professionalId: string;
  pkcs12: Buffer;
  password: string;
  holderName: string;
  cpf?: string;
  notAfter: Date;
  isDevelopment: boolean;
  now: Date;
}

/** Stores a checked certificate as the professional's only active one. */
export async function storeCertificate(sql: Sql, sealer: Sealer, input: NewCertificate): Promise<SigningCertificateRow> {
  await deactivateCertificatesOf(sql, input.professionalId, input.now);
  return insertCertificateRow(sql, {
    id: randomUUID(), clinicId: input.clinicId, professionalId: input.professionalId,
    pkcs12Sealed: await sealer.seal(input.pkcs12.toString("base64")), passwordSealed: await sealer.seal(input.password),
    holderName: input.holderName, cpf: input.cpf ?? null, notAfter: input.notAfter, isDevelopment: input.isDevelopment, now: input.now,
  });
}

/** A valid, stable CPF derived from an id, for development certificates only. */
export function developmentCpf(seed: string): string {
  const digest = createHash("sha256").update(seed).digest();
  const digits = [...digest.subarray(0, 9)].map((byte) => byte % 10);
  if (digits.every((d) => d === digits[0])) digits[8] = (digits[8]! + 1) % 10;
  for (const length of [9, 10]) {
    const sum = digits.slice(0, length).reduce((total, digit, index) => total + digit * (length + 1 - index), 0);
    const check = (sum * 10) % 11;
    digits.push(check === 10 ? 0 : check);
  }
  return digits.join("");
}
