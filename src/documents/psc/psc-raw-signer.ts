// A RawSigner whose key is at a PSC: the certificate comes from
// certificate-discovery, is checked (validity, key, the doctor's CPF) and
// completed into its chain; each message's SHA-256 goes out as a RAW hash, up
// to the PSC's maximum per request, and every signature returned is verified
// with the certificate's public key before it goes into a CMS.
import { createHash, verify, X509Certificate } from "node:crypto";
import { AppError } from "../../errors.js";
import { readCertificateFields } from "../certificate-fields.js";
import type { KeyType } from "../cms-signed-data.js";
import type { SignerIdentity } from "../document-signer.js";
import type { RawSigner } from "../raw-signer.js";
import { completeChain, type ChainOptions } from "./certificate-chain.js";
import type { PscClient } from "./psc-client.js";
import { PscError } from "./psc-error.js";

export interface PscSignerOptions extends ChainOptions {
  now: Date;
  /** The linked CPF: the PSC's certificate must carry it. */
  expectedCpf: string;
  /** NeoID signs at most 5 hashes per request. */
  maxHashesPerRequest: number;
}

export async function openPscSigner(client: PscClient, accessToken: string, options: PscSignerOptions): Promise<{ raw: RawSigner; identity: SignerIdentity }> {
  const leafDer = await client.certificate(accessToken);
  const leaf = new X509Certificate(leafDer);
  if (options.now < new Date(leaf.validFrom) || options.now > new Date(leaf.validTo)) {
    throw new AppError("certificate_invalid", "O certificado em nuvem está vencido ou ainda não é válido.");
  }
  const { cpf } = readCertificateFields(leafDer);
  if (cpf !== options.expectedCpf) throw new PscError("not_holder");
  const keyType = keyTypeOf(leaf);
  const chain = await completeChain(leafDer, options);
  const raw: RawSigner = {
    keyType,
    certificateDers: chain.certificateDers,
    sign: async (messages) => {
      const signatures: Buffer[] = [];
      for (let start = 0; start < messages.length; start += options.maxHashesPerRequest) {
        const part = messages.slice(start, start + options.maxHashesPerRequest);
        const digests = part.map((message) => createHash("sha256").update(message).digest());
        const answers = await client.signDigests(accessToken, digests);
        part.forEach((message, index) => {
          if (!verify("sha256", message, leaf.publicKey, answers[index]!)) throw new PscError("bad_signature");
        });
        signatures.push(...answers);
      }
      return signatures;
    },
  };
  const holderName = (/(?:^|\n)CN=([^\n]+)/.exec(leaf.subject)?.[1] ?? "").replace(/:\d{11}$/, "").trim();
  // Only a chain to an ICP-Brasil root makes a valid health document.
  const isDevelopment = chain.isTestRoot || !/\bO=ICP-Brasil\b/.test(leaf.issuer);
  return { raw, identity: { holderName, cpf, isDevelopment } };
}

function keyTypeOf(certificate: X509Certificate): KeyType {
  const key = certificate.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === "rsa" && (details.modulusLength ?? 0) >= 2048) return "rsa";
  if (key.asymmetricKeyType === "ec" && details.namedCurve === "prime256v1") return "ec";
  throw new AppError("certificate_invalid", "Tipo de chave não aceito: use RSA de 2048 bits ou mais, ou ECDSA P-256.");
}
