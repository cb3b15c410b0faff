// Each professional's signer. The certificate lives in the database (PKCS#12
// and password sealed); the parsed private key is kept in this process,
// keyed by certificate id and updatedAt, so it is parsed once, and a new
// upload (new id or updatedAt) is picked up at the next signature. Outside
// production a professional with no certificate gets a generated development
// certificate, stored like an uploaded one and flagged as such.
import { createHash, randomUUID } from "node:crypto";
import type { Sql } from "../db/database.js";
import { AppError } from "../errors.js";
import type { Sealer } from "../records/deps.js";
import { generateDevelopmentCertificate } from "./dev-certificate.js";
import { DocumentSigner } from "./document-signer.js";

export interface CertificateRow {
  id: string;
  professionalId: string;
  pkcs12Sealed: string;
  passwordSealed: string;
  updatedAt: Date;
  isDevelopment: boolean;
}

const ACTIVE_CERTIFICATE = `
  SELECT id, "professionalId", "pkcs12Sealed", "passwordSealed", "updatedAt", "isDevelopment"
  FROM "ProfessionalCertificate" WHERE "professionalId" = $1 AND active AND "notAfter" > $2
  ORDER BY "createdAt" DESC LIMIT 1`;

export async function hasUsableCertificate(sql: Sql, professionalId: string, production: boolean, now: Date): Promise<boolean> {
  if (!production) return true; // a development certificate is made on demand
  // A doctor signing with a cloud certificate needs no A1 file: the PSC is asked at signing time.
  const [cloud] = await sql.query(`SELECT 1 FROM "ProfessionalCloudCertificate" WHERE "professionalId" = $1 AND "preferredSigner" = 'cloud'`, [professionalId]);
  if (cloud) return true;
  const [row] = await sql.query<{ isDevelopment: boolean }>(ACTIVE_CERTIFICATE, [professionalId, now]);
  return row !== undefined && !row.isDevelopment;
}

export class SignerCache {
  private readonly signers = new Map<string, DocumentSigner>();

  constructor(private readonly sealer: Sealer, private readonly production: boolean) {}

  async forProfessional(sql: Sql, professional: { id: string; clinicId: string; name: string }, now: Date): Promise<{ signer: DocumentSigner; certificateId: string }> {
    let [row] = await sql.query<CertificateRow>(ACTIVE_CERTIFICATE, [professional.id, now]);
    if (row?.isDevelopment && this.production) row = undefined;
    if (!row) {
      if (this.production) throw new AppError("certificate_invalid", "Nenhum certificado digital A1 cadastrado para este profissional.");
      row = await this.createDevelopmentCertificate(sql, professional, now);
    }
    const key = `${row.id}:${new Date(row.updatedAt).toISOString()}`;
    let signer = this.signers.get(key);
    if (!signer) {
      const pkcs12 = Buffer.from(await this.sealer.open(row.pkcs12Sealed), "base64");
      signer = DocumentSigner.fromPkcs12(pkcs12, await this.sealer.open(row.passwordSealed), { now });
      for (const old of this.signers.keys()) if (old.startsWith(`${row.id}:`)) this.signers.delete(old);
      this.signers.set(key, signer);
    }
    return { signer, certificateId: row.id };
  }

  private async createDevelopmentCertificate(sql: Sql, professional: { id: string; clinicId: string; name: string }, now: Date): Promise<CertificateRow> {
    const cpf = developmentCpf(professional.id);
    const notAfter = new Date(now.getTime() + 365 * 86_400_000);
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
export async function storeCertificate(sql: Sql, sealer: Sealer, input: NewCertificate): Promise<CertificateRow> {
  await sql.query(
    `UPDATE "ProfessionalCertificate" SET active = false, "updatedAt" = $2 WHERE "professionalId" = $1 AND active`,
    [input.professionalId, input.now],
  );
  const [row] = await sql.query<CertificateRow>(
    `INSERT INTO "ProfessionalCertificate" (id, "clinicId", "professionalId", "pkcs12Sealed", "passwordSealed", "holderName", cpf, "notAfter", "isDevelopment", "createdAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
     RETURNING id, "professionalId", "pkcs12Sealed", "passwordSealed", "updatedAt", "isDevelopment"`,
    [randomUUID(), input.clinicId, input.professionalId, await sealer.seal(input.pkcs12.toString("base64")),
      await sealer.seal(input.password), input.holderName, input.cpf ?? null, input.notAfter, input.isDevelopment, input.now],
  );
  return row!;
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
