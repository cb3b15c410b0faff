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

/** Everything that does not depend on the document nor on the key, computed once per certificate. */
export type CmsTemplate = {
  fixedAttributes: Buffer[];
  signerIdentifier: Buffer;
  digestAlgorithm: Buffer;
  signatureAlgorithm: Buffer;
  certificates: Buffer;
  /** Upper bound of the encoded CMS, to size the PDF placeholder. */
  maxLength: number;
};

/** A template with the A1 key that signs it in this process. */
export type PreparedCms = CmsTemplate & { privateKey: KeyObject };

const attribute = (type: string, value: Buffer): Buffer => sequence(objectIdentifier(type), setOf(value));

export function prepareCms(privateKey: KeyObject, keyType: KeyType, certificateDers: Buffer[]): PreparedCms {
  return { ...prepareCmsTemplate(keyType, certificateDers), privateKey };
}

/** The document-independent parts for a signer certificate (first) and its chain. */
export function prepareCmsTemplate(keyType: KeyType, certificateDers: Buffer[]): CmsTemplate {
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
    fixedAttributes, signerIdentifier, signatureAlgorithm, certificates,
    digestAlgorithm: sequence(objectIdentifier(OID.sha256)),
    maxLength: fixedLength + 1024,
  };
}

/** The DER ContentInfo for a document whose ByteRange digest is `contentDigest`. */
export function buildSignedCms(prepared: PreparedCms, contentDigest: Buffer): Buffer {
  const signedAttributes = signedAttributesFor(prepared, contentDigest);
  return assembleSignedCms(prepared, signedAttributes, sign("sha256", signedAttributes, prepared.privateKey));
}

/**
 * The signed attributes as a DER SET: what the signature covers, whoever
 * makes it (the A1 key here, a PSC through a RawSigner).
 */
export function signedAttributesFor(prepared: CmsTemplate, contentDigest: Buffer): Buffer {
  return setOf(...prepared.fixedAttributes, attribute(OID.messageDigest, octetString(contentDigest)));
}

/** The ContentInfo around `signature`, made over `signedAttributes` (signedAttributesFor). */
export function assembleSignedCms(prepared: CmsTemplate, signedAttributes: Buffer, signature: Buffer): Buffer {
  // Inside SignerInfo the attributes travel as [0] IMPLICIT, i.e. the same
  // bytes as the signed SET with another tag.
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
