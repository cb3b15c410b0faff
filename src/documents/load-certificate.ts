import { createPrivateKey, X509Certificate, type KeyObject } from "node:crypto";
import forge from "node-forge";
import { AppError } from "../errors.js";
import { readCertificateFields } from "./certificate-fields.js";
import type { KeyType } from "./cms-signed-data.js";

// Loads a doctor's certificate once and refuses what cannot sign a valid
// health document. Reasons are Portuguese and never contain the password.

export type LoadOptions = { now: Date; expectedCpf?: string };

export type LoadedCertificate = {
  privateKey: KeyObject;
  keyType: KeyType;
  /** Signer certificate first, then the rest of the chain found. */
  certificateDers: Buffer[];
  holderName: string;
  cpf?: string;
  /** Self-signed or not issued under ICP-Brasil: valid only for tests. */
  isDevelopment: boolean;
};

const invalid = (reason: string): AppError => new AppError("certificate_invalid", reason);

export function loadPkcs12(pkcs12: Buffer, password: string, options: LoadOptions): LoadedCertificate {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(pkcs12.toString("binary")), false, password);
  } catch {
    throw invalid("Não foi possível abrir o certificado: senha incorreta ou arquivo PKCS#12 inválido.");
  }
  const bags = p12.safeContents.flatMap((content) => content.safeBags);
  const keyBagTypes: string[] = [forge.pki.oids.pkcs8ShroudedKeyBag ?? "", forge.pki.oids.keyBag ?? ""];
  const keys = bags.filter((bag) => keyBagTypes.includes(bag.type)).map(bagKeyDer);
  const certificates = bags.filter((bag) => bag.type === forge.pki.oids.certBag).map(bagCertificateDer);
  const [keyDer] = keys;
  if (!keyDer) throw invalid("O arquivo do certificado não contém a chave privada.");
  return validateCertificate(createPrivateKey({ key: keyDer, format: "der", type: "pkcs8" }), certificates, options);
}

export function loadPem(privateKeyPem: string, certificatePem: string, options: LoadOptions & { passphrase?: string }): LoadedCertificate {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: privateKeyPem, format: "pem", ...(options.passphrase ? { passphrase: options.passphrase } : {}) });
  } catch {
    throw invalid("Chave privada ilegível ou senha incorreta.");
  }
  const blocks = certificatePem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return validateCertificate(privateKey, blocks.map((pem) => new X509Certificate(pem).raw), options);
}

function bagKeyDer(bag: forge.pkcs12.Bag): Buffer {
  // forge decodes only RSA keys; for EC keys it leaves the PrivateKeyInfo ASN.1.
  const asn1 = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey)) : bag.asn1;
  if (!asn1) throw invalid("Chave privada ilegível.");
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
}

function bagCertificateDer(bag: forge.pkcs12.Bag): Buffer {
  const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
  if (!asn1) throw invalid("Certificado ilegível.");
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary");
}

function validateCertificate(privateKey: KeyObject, certificateDers: Buffer[], options: LoadOptions): LoadedCertificate {
  const certificates = certificateDers.map((der) => new X509Certificate(der));
  const signer = certificates.find((certificate) => certificate.checkPrivateKey(privateKey));
  if (!signer) throw invalid("A chave privada não corresponde a nenhum certificado do arquivo.");
  checkValidity(signer, options.now);
  const keyType = checkKeyStrength(privateKey);
  const { cpf } = readCertificateFields(signer.raw);
  const expected = options.expectedCpf?.replace(/\D/g, "");
  if (expected && cpf !== expected) throw invalid("O CPF do certificado não é o CPF do médico cadastrado.");
  return {
    privateKey, keyType, cpf,
    certificateDers: [signer.raw, ...certificates.filter((c) => c !== signer).map((c) => c.raw)],
    holderName: holderName(signer),
    isDevelopment: isSelfSigned(signer) || !/\bO=ICP-Brasil\b/.test(signer.issuer),
  };
}

function checkValidity(certificate: X509Certificate, now: Date): void {
  const notAfter = new Date(certificate.validTo);
  if (now.getTime() > notAfter.getTime()) {
    throw invalid(`Certificado vencido em ${notAfter.toLocaleDateString("pt-BR", { timeZone: "America/Sao_Paulo" })}.`);
  }
  if (now.getTime() < new Date(certificate.validFrom).getTime()) throw invalid("Certificado ainda não está válido.");
}

// ICP-Brasil asks for RSA of 2048 bits or more, or ECDSA on P-256, with SHA-256.
function checkKeyStrength(privateKey: KeyObject): KeyType {
  const details = privateKey.asymmetricKeyDetails ?? {};
  if (privateKey.asymmetricKeyType === "rsa" && (details.modulusLength ?? 0) >= 2048) return "rsa";
  if (privateKey.asymmetricKeyType === "ec" && details.namedCurve === "prime256v1") return "ec";
  throw invalid("Tipo de chave não aceito: use RSA de 2048 bits ou mais, ou ECDSA P-256.");
}

/** ICP-Brasil common names read "NOME DO TITULAR:CPF"; the name is the part before. */
function holderName(certificate: X509Certificate): string {
  const commonName = /(?:^|\n)CN=([^\n]+)/.exec(certificate.subject)?.[1] ?? "";
  return commonName.replace(/:\d{11}$/, "").trim();
}

function isSelfSigned(certificate: X509Certificate): boolean {
  return certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey);
}
