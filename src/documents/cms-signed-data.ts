import { createHash, sign, type KeyObject } from "node:crypto";
import {
  contextConstructed, nullValue, objectIdentifier, octetString, sequence, setOf, smallInteger, tlv,
} from "./der.js";
import { OID } from "./oids.js";
import { signaturePolicyIdentifierDer } from "./signature-policy.js";
import { readCertificateFields } from "./certificate-fields.js";

// CAdES-BES detached SignedData for PAdES (ETSI.CAdES.detached) with exactly
// the signed attributes ICP-Brasil AD-RB asks for: contentType, messageDigest,
// signingCertificateV2 and sigPolicyId. No signingTime: the ITI validator
// rejects a PAdES signature that carries one (the time is the dictionary's /M).

export type KeyType = "rsa" | "ec";

/** Everything that does not depend on the document, computed once per signer. */
export type PreparedCms = {
  privateKey: KeyObject;
  fixedAttributes: Buffer[];
  signerIdentifier: Buffer;
  digestAlgorithm: Buffer;
  signatureAlgorithm: Buffer;
  certificates: Buffer;
  /** Upper bound of the encoded CMS, to size the PDF placeholder. */
  maxLength: number;
};

const attribute = (type: string, value: Buffer): Buffer => sequence(objectIdentifier(type), setOf(value));

export function prepareCms(privateKey: KeyObject, keyType: KeyType, certificateDers: Buffer[]): PreparedCms {
  const [signerCertificate] = certificateDers;
  if (!signerCertificate) throw new Error("no signer certificate");
  const { issuerNameDer, serialNumberDer } = readCertificateFields(signerCertificate);
  // SHA-256 is ESSCertIDv2's DEFAULT hashAlgorithm, so DER leaves it out
  // (as BouncyCastle-based ICP-Brasil signers and validators do).
  const issuerSerial = sequence(sequence(contextConstructed(4, issuerNameDer)), serialNumberDer);
  const certHash = createHash("sha256").update(signerCertificate).digest();
  const signingCertificateV2 = sequence(sequence(sequence(octetString(certHash), issuerSerial)));
  const fixedAttributes = [
    attribute(OID.contentType, objectIdentifier(OID.data)),
    attribute(OID.signingCertificateV2, signingCertificateV2),
    attribute(OID.sigPolicyId, signaturePolicyIdentifierDer()),
  ];
  const certificates = contextConstructed(0, ...certificateDers);
  const signerIdentifier = sequence(issuerNameDer, serialNumberDer);
  const signatureAlgorithm = keyType === "rsa"
    ? sequence(objectIdentifier(OID.sha256WithRsa), nullValue())
    : sequence(objectIdentifier(OID.ecdsaWithSha256));
  const fixedLength = fixedAttributes.reduce((n, a) => n + a.length, 0) + certificates.length + signerIdentifier.length;
  return {
    privateKey, fixedAttributes, signerIdentifier, signatureAlgorithm, certificates,
    digestAlgorithm: sequence(objectIdentifier(OID.sha256)),
    maxLength: fixedLength + 1024,
  };
}

/** The DER ContentInfo for a document whose ByteRange digest is `contentDigest`. */
export function buildSignedCms(prepared: PreparedCms, contentDigest: Buffer): Buffer {
  const signedAttributes = setOf(
    ...prepared.fixedAttributes,
    attribute(OID.messageDigest, octetString(contentDigest)),
  );
  // The signature covers the attributes encoded as a SET; inside SignerInfo
  // they travel as [0] IMPLICIT, i.e. the same bytes with another tag.
  const signature = sign("sha256", signedAttributes, prepared.privateKey);
  const implicitAttributes = Buffer.concat([Buffer.from([0xa0]), signedAttributes.subarray(1)]);
  const signerInfo = sequence(
    smallInteger(1), prepared.signerIdentifier, prepared.digestAlgorithm,
    implicitAttributes, prepared.signatureAlgorithm, octetString(signature),
  );
  const signedData = sequence(
    smallInteger(1), setOf(prepared.digestAlgorithm), sequence(objectIdentifier(OID.data)),
    prepared.certificates, tlv(0x31, signerInfo),
  );
  return sequence(objectIdentifier(OID.signedData), contextConstructed(0, signedData));
}
