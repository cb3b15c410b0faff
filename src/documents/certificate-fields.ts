import * as asn1js from "asn1js";
import { OID } from "./oids.js";

// The raw pieces of an X.509 certificate that node:crypto's X509Certificate
// does not expose: the issuer Name and serial INTEGER exactly as encoded
// (CMS identifies the signer by these bytes) and the ICP-Brasil otherName.

export type CertificateFields = {
  issuerNameDer: Buffer;
  serialNumberDer: Buffer;
  /** CPF from the ICP-Brasil otherName 2.16.76.1.3.1, when present. */
  cpf?: string;
};

export function readCertificateFields(certificateDer: Buffer): CertificateFields {
  const parsed = asn1js.fromBER(new Uint8Array(certificateDer));
  if (parsed.offset === -1) throw new Error("certificate is not valid DER");
  const tbs = children(parsed.result)[0];
  if (!tbs) throw new Error("certificate has no TBSCertificate");
  const fields = children(tbs);
  // An explicit [0] version comes first in v3 certificates.
  const base = fields[0]?.idBlock.tagClass === 3 ? 1 : 0;
  const serial = fields[base];
  const issuer = fields[base + 2];
  if (!serial || !issuer) throw new Error("certificate lacks issuer or serial");
  const cpf = findIcpBrasilCpf(fields.slice(base + 6));
  return { issuerNameDer: rawBytes(issuer), serialNumberDer: rawBytes(serial), ...(cpf ? { cpf } : {}) };
}

function children(node: asn1js.AsnType): asn1js.AsnType[] {
  const value = (node as asn1js.Constructed).valueBlock?.value;
  return Array.isArray(value) ? value : [];
}

function rawBytes(node: asn1js.AsnType): Buffer {
  return Buffer.from(node.valueBeforeDecodeView);
}

function findIcpBrasilCpf(optionalFields: asn1js.AsnType[]): string | undefined {
  const extensionsWrapper = optionalFields.find((f) => f.idBlock.tagClass === 3 && f.idBlock.tagNumber === 3);
  const extensions = extensionsWrapper ? children(children(extensionsWrapper)[0] ?? extensionsWrapper) : [];
  for (const extension of extensions) {
    const parts = children(extension);
    if (oidOf(parts[0]) !== OID.subjectAltName) continue;
    const value = parts[parts.length - 1] as asn1js.OctetString;
    const names = asn1js.fromBER(value.valueBlock.valueHexView).result;
    for (const name of children(names)) {
      const cpf = cpfFromOtherName(name);
      if (cpf) return cpf;
    }
  }
  return undefined;
}

// otherName ::= [0] { type-id OID, value [0] EXPLICIT ANY }. ICP-Brasil puts
// an OCTET STRING (some CAs a PrintableString) whose characters 9 to 19 are
// the CPF: "ddmmaaaa" + CPF + NIS + RG + issuing body.
function cpfFromOtherName(name: asn1js.AsnType): string | undefined {
  if (name.idBlock.tagClass !== 3 || name.idBlock.tagNumber !== 0) return undefined;
  const [typeId, wrapped] = children(name);
  if (oidOf(typeId) !== OID.icpBrasilPersonData || !wrapped) return undefined;
  const inner = children(wrapped)[0];
  if (!inner) return undefined;
  const text = Buffer.from((inner as asn1js.OctetString).valueBlock.valueHexView).toString("latin1");
  const cpf = text.slice(8, 19);
  return /^\d{11}$/.test(cpf) && cpf !== "00000000000" ? cpf : undefined;
}

function oidOf(node: asn1js.AsnType | undefined): string | undefined {
  return node instanceof asn1js.ObjectIdentifier ? node.valueBlock.toString() : undefined;
}
