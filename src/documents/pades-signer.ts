import { createHash } from "node:crypto";
import { Signer } from "@signpdf/utils";
import { buildSignedCms, type PreparedCms } from "./cms-signed-data.js";

/**
 * A @signpdf Signer that reuses a key parsed once. @signpdf/signer-p12 parses
 * the PKCS#12 and signs in pure JavaScript on every call (about 30 ms); this
 * one only hashes the ByteRange and makes one native signature.
 */
export class PadesSigner extends Signer {
  constructor(private readonly prepared: PreparedCms) {
    super();
  }

  // The signing time is deliberately ignored: it belongs in the signature
  // dictionary's /M, never in the CMS (see cms-signed-data.ts).
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const digest = createHash("sha256").update(pdfBuffer).digest();
    return buildSignedCms(this.prepared, digest);
  }

  get maxSignatureLength(): number {
    return this.prepared.maxLength;
  }
}
