import { createHash } from "node:crypto";
import { Signer } from "@signpdf/utils";
import { assembleSignedCms, signedAttributesFor, type CmsTemplate } from "./cms-signed-data.js";
import type { RawSigner } from "./raw-signer.js";

/**
 * A @signpdf Signer that reuses a certificate prepared once. @signpdf/signer-p12
 * parses the PKCS#12 and signs in pure JavaScript on every call (about 30 ms);
 * this one only hashes the ByteRange, builds the signed attributes, and asks
 * its RawSigner (a native A1 key, or a PSC) for one signature.
 */
export class PadesSigner extends Signer {
  constructor(private readonly template: CmsTemplate, private readonly raw: RawSigner) {
    super();
  }

  // The signing time is deliberately ignored: it belongs in the signature
  // dictionary's /M, never in the CMS (see cms-signed-data.ts).
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const digest = createHash("sha256").update(pdfBuffer).digest();
    const signedAttributes = signedAttributesFor(this.template, digest);
    const [signature] = await this.raw.sign([signedAttributes]);
    if (!signature) throw new Error("the signer returned no signature");
    return assembleSignedCms(this.template, signedAttributes, signature);
  }

  get maxSignatureLength(): number {
    return this.template.maxLength;
  }
}
