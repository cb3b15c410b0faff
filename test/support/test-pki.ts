// A test ICP-like chain, generated at run time (no key in the repository):
// root -> intermediate -> the doctor's leaf, shaped like ICP-Brasil's (CN
// "NOME:CPF", the CPF in the otherName 2.16.76.1.3.1, and an AIA caIssuers
// URL naming the intermediate). Its names say "teste": no production trust
// store holds this root.
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import {
  bitString, booleanValue, contextConstructed, nullValue, objectIdentifier, octetString,
  printableString, sequence, setOf, tlv, unsignedInteger, utf8String, x509Time,
} from "../../src/documents/der.js";
import { OID } from "../../src/documents/oids.js";

export interface TestPki {
  root: Buffer;
  intermediate: Buffer;
  leaf: Buffer;
  leafKey: KeyObject;
}

interface Issued { der: Buffer; key: KeyObject; name: Buffer }

const AIA = "1.3.6.1.5.5.7.1.1";
const CA_ISSUERS = "1.3.6.1.5.5.7.48.2";

function name(organization: string, commonName: string): Buffer {
  const rdn = (type: string, value: Buffer) => setOf(sequence(objectIdentifier(type), value));
  return sequence(rdn(OID.country, printableString("BR")), rdn(OID.organization, utf8String(organization)), rdn(OID.commonName, utf8String(commonName)));
}

const extension = (type: string, critical: boolean, value: Buffer) =>
  sequence(objectIdentifier(type), ...(critical ? [booleanValue(true)] : []), octetString(value));

function certificate(subject: Buffer, subjectKey: KeyObject, issuer: { name: Buffer; key: KeyObject }, extensions: Buffer[], validity: { notBefore: Date; notAfter: Date }): Buffer {
  const algorithm = sequence(objectIdentifier(OID.sha256WithRsa), nullValue());
  const serial = randomBytes(12);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const tbs = sequence(
    contextConstructed(0, unsignedInteger(Buffer.from([2]))), unsignedInteger(serial), algorithm, issuer.name,
    sequence(x509Time(validity.notBefore), x509Time(validity.notAfter)), subject,
    subjectKey.export({ format: "der", type: "spki" }), contextConstructed(3, sequence(...extensions)),
  );
  return sequence(tbs, algorithm, bitString(sign("sha256", tbs, issuer.key)));
}

function caExtensions(): Buffer[] {
  return [
    extension(OID.basicConstraints, true, sequence(booleanValue(true))),
    extension(OID.keyUsage, true, tlv(0x03, Buffer.from([0x01, 0x06]))), // keyCertSign + cRLSign
  ];
}

function rsaKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync("rsa", { modulusLength: 2048 });
}

/** `caIssuersUrl`, when given, goes into the leaf's AIA (where the intermediate is served). */
export function generateTestPki(input: { name: string; cpf: string; caIssuersUrl?: string; notBefore?: Date; notAfter?: Date }): TestPki {
  const validity = { notBefore: input.notBefore ?? new Date("2026-01-01T00:00:00Z"), notAfter: input.notAfter ?? new Date("2028-01-01T00:00:00Z") };
  const rootKeys = rsaKey();
  const rootName = name("Zelo Teste PSC", "AC Raiz de Teste");
  const root: Issued = { key: rootKeys.privateKey, name: rootName, der: certificate(rootName, rootKeys.publicKey, { name: rootName, key: rootKeys.privateKey }, caExtensions(), validity) };
  const intermediateKeys = rsaKey();
  const intermediateName = name("Zelo Teste PSC", "AC Intermediaria de Teste");
  const intermediate: Issued = {
    key: intermediateKeys.privateKey, name: intermediateName,
    der: certificate(intermediateName, intermediateKeys.publicKey, root, caExtensions(), validity),
  };
  const leafKeys = rsaKey();
  const cpf = input.cpf.replace(/\D/g, "");
  const personData = `01011980${cpf}${"0".repeat(11)}${"0".repeat(15)}SSPSP`;
  const otherName = tlv(0xa0, objectIdentifier(OID.icpBrasilPersonData), contextConstructed(0, octetString(Buffer.from(personData, "latin1"))));
  const leafExtensions = [
    extension(OID.basicConstraints, true, sequence()),
    extension(OID.keyUsage, true, tlv(0x03, Buffer.from([0x06, 0xc0]))),
    extension(OID.subjectAltName, false, sequence(otherName)),
    ...(input.caIssuersUrl
      ? [extension(AIA, false, sequence(sequence(objectIdentifier(CA_ISSUERS), tlv(0x86, Buffer.from(input.caIssuersUrl, "latin1")))))]
      : []),
  ];
  const leaf = certificate(name("Zelo Teste PSC", `${input.name}:${cpf}`), leafKeys.publicKey, intermediate, leafExtensions, validity);
  return { root: root.der, intermediate: intermediate.der, leaf, leafKey: leafKeys.privateKey };
}

export function toPem(der: Buffer): string {
  const body = der.toString("base64").match(/.{1,64}/g)?.join("\n") ?? "";
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}
