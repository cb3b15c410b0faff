import { generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import {
  bitString, booleanValue, contextConstructed, nullValue, objectIdentifier, octetString,
  sequence, tlv, unsignedInteger, utf8String, x509Time, printableString, setOf,
} from "./der.js";
import { OID } from "./oids.js";
import { buildPkcs12 } from "./build-pkcs12.js";

// A self-signed certificate shaped like an ICP-Brasil A1 (CN "NAME:CPF" and
// the CPF otherName), generated at run time so no key ever lands in the repo.
// Its issuer is not ICP-Brasil, so DocumentSigner marks it as development and
// every PDF it signs must carry "DOCUMENTO DE TESTE - SEM VALIDADE".

export type DevelopmentCertificateInput = {
  name: string;
  cpf: string;
  keyType?: "rsa" | "ec";
  notBefore?: Date;
  notAfter?: Date;
};

export type DevelopmentCertificate = {
  pkcs12: Buffer;
  password: string;
  certificatePem: string;
  privateKeyPem: string;
};

export function generateDevelopmentCertificate(input: DevelopmentCertificateInput): DevelopmentCertificate {
  const keyType = input.keyType ?? "rsa";
  const { privateKey, publicKey } = keyType === "rsa"
    ? generateKeyPairSync("rsa", { modulusLength: 2048 })
    : generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const certificateDer = selfSignedCertificate(input, privateKey, publicKey, keyType);
  const password = randomBytes(12).toString("base64url");
  const pkcs8 = privateKey.export({ format: "der", type: "pkcs8" });
  return {
    pkcs12: buildPkcs12(pkcs8, [certificateDer], password),
    password,
    certificatePem: toPem("CERTIFICATE", certificateDer),
    privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  };
}

function selfSignedCertificate(input: DevelopmentCertificateInput, privateKey: KeyObject, publicKey: KeyObject, keyType: "rsa" | "ec"): Buffer {
  const cpf = input.cpf.replace(/\D/g, "");
  const notBefore = input.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = input.notAfter ?? new Date(notBefore.getTime() + 365 * 86_400_000);
  const algorithm = keyType === "rsa"
    ? sequence(objectIdentifier(OID.sha256WithRsa), nullValue())
    : sequence(objectIdentifier(OID.ecdsaWithSha256));
  const name = distinguishedName(`${input.name}:${cpf}`);
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const tbs = sequence(
    contextConstructed(0, unsignedInteger(Buffer.from([2]))),
    unsignedInteger(serial), algorithm, name,
    sequence(x509Time(notBefore), x509Time(notAfter)), name,
    publicKey.export({ format: "der", type: "spki" }),
    contextConstructed(3, sequence(...extensions(cpf))),
  );
  return sequence(tbs, algorithm, bitString(sign("sha256", tbs, privateKey)));
}

function distinguishedName(commonName: string): Buffer {
  const rdn = (type: string, value: Buffer) => setOf(sequence(objectIdentifier(type), value));
  return sequence(
    rdn(OID.country, printableString("BR")),
    rdn(OID.organization, utf8String("Zelo Desenvolvimento")),
    rdn(OID.organizationalUnit, utf8String("Certificado de teste - sem validade")),
    rdn(OID.commonName, utf8String(commonName)),
  );
}

function extensions(cpf: string): Buffer[] {
  const extension = (type: string, critical: boolean, value: Buffer) =>
    sequence(objectIdentifier(type), ...(critical ? [booleanValue(true)] : []), octetString(value));
  // ICP-Brasil person data: birth date (8), CPF (11), NIS (11), RG (15), issuer (6).
  const personData = `00000000${cpf}${"0".repeat(11)}${"0".repeat(15)}${" ".repeat(6)}`;
  const otherName = tlv(0xa0, objectIdentifier(OID.icpBrasilPersonData), contextConstructed(0, octetString(Buffer.from(personData, "latin1"))));
  // digitalSignature + nonRepudiation: the bits ICP-Brasil A1 signing certificates carry.
  const keyUsage = tlv(0x03, Buffer.from([0x06, 0xc0]));
  return [
    extension(OID.basicConstraints, true, sequence()),
    extension(OID.keyUsage, true, keyUsage),
    extension(OID.subjectAltName, false, sequence(otherName)),
  ];
}

function toPem(label: string, der: Buffer): string {
  const body = der.toString("base64").match(/.{1,64}/g)?.join("\n") ?? "";
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
