import { createHash, createPublicKey, verify } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { OID } from "./oids.js";

// Checks the last signature of a PDF the way the verification endpoint needs:
// the ByteRange digest equals the signed messageDigest and the CMS signature
// verifies with the certificate inside it. Trust in the issuer (ICP-Brasil
// chain, revocation) is the ITI validator's job, not this function's.

export type PdfSignatureCheck =
  | { valid: true; coversWholeDocument: boolean; signerSubject: string; signedAttributes: string[] }
  | { valid: false; reason: string };

export function verifyPdfSignature(pdf: Buffer): PdfSignatureCheck {
  const located = locateSignature(pdf);
  if (!located) return { valid: false, reason: "no signature found" };
  const { byteRange, cms } = located;
  const [start = 0, firstLength = 0, secondStart = 0, secondLength = 0] = byteRange;
  const digest = createHash("sha256")
    .update(pdf.subarray(start, start + firstLength))
    .update(pdf.subarray(secondStart, secondStart + secondLength))
    .digest();
  try {
    return checkCms(cms, digest, secondStart + secondLength === pdf.length);
  } catch {
    return { valid: false, reason: "malformed CMS" };
  }
}

function locateSignature(pdf: Buffer): { byteRange: number[]; cms: Buffer } | undefined {
  const at = pdf.lastIndexOf("/ByteRange");
  if (at < 0) return undefined;
  const match = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString("latin1", at, at + 120));
  if (!match) return undefined;
  const byteRange = match.slice(1).map(Number);
  const [, firstLength = 0, secondStart = 0] = byteRange;
  const hex = pdf.toString("latin1", firstLength + 1, secondStart - 1);
  return { byteRange, cms: Buffer.from(hex, "hex") };
}

function checkCms(cms: Buffer, digest: Buffer, coversWholeDocument: boolean): PdfSignatureCheck {
  const contentInfo = pkijs.ContentInfo.fromBER(new Uint8Array(cms));
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const signerInfo = signedData.signerInfos[0];
  const attributes = signerInfo?.signedAttrs?.attributes ?? [];
  const messageDigest = attributes.find((a) => a.type === OID.messageDigest)?.values[0] as asn1js.OctetString | undefined;
  if (!signerInfo || !messageDigest) return { valid: false, reason: "no signed attributes" };
  if (!Buffer.from(messageDigest.valueBlock.valueHexView).equals(digest)) {
    return { valid: false, reason: "document digest does not match" };
  }
  const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber;
  const certificate = (signedData.certificates ?? []).find(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate && c.serialNumber.isEqual(sid.serialNumber),
  );
  if (!certificate) return { valid: false, reason: "signer certificate missing" };
  const publicKey = createPublicKey({ key: Buffer.from(certificate.subjectPublicKeyInfo.toSchema().toBER()), format: "der", type: "spki" });
  // The signature covers the attributes as a SET (tag 0x31), not as [0].
  const signedBytes = Buffer.from(signerInfo.signedAttrs?.encodedValue ?? new ArrayBuffer(0));
  signedBytes[0] = 0x31;
  const signature = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  if (!verify("sha256", signedBytes, publicKey, signature)) return { valid: false, reason: "signature does not verify" };
  const signerSubject = certificate.subject.typesAndValues.map((tv) => String(tv.value.valueBlock.value)).join(", ");
  return { valid: true, coversWholeDocument, signerSubject, signedAttributes: attributes.map((a) => a.type) };
}
