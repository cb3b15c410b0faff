import { AppError } from "../errors.js";
import { prepareCmsTemplate } from "./cms-signed-data.js";
import { loadPem, loadPkcs12, type LoadedCertificate, type LoadOptions } from "./load-certificate.js";
import { PadesSigner } from "./pades-signer.js";
import { localRawSigner, type RawSigner } from "./raw-signer.js";
import { TEST_DOCUMENT_INFO_MARK } from "./render-pdf.js";
import { signPdf } from "./sign-pdf.js";

export type SignOptions = { signingTime: Date; reason?: string; location?: string };

/** What a signer says about its holder, read from the certificate. */
export type SignerIdentity = Pick<LoadedCertificate, "holderName" | "cpf" | "isDevelopment">;

/**
 * One doctor's signing capability. The certificate is checked and the CMS
 * template built once, at creation; each `sign` then costs a hash and one
 * signature from the RawSigner: a native one for an A1 key parsed into a
 * KeyObject, a PSC request for a cloud certificate.
 */
export class DocumentSigner {
  private readonly signer: PadesSigner;

  private constructor(private readonly certificate: SignerIdentity, raw: RawSigner) {
    this.signer = new PadesSigner(prepareCmsTemplate(raw.keyType, raw.certificateDers), raw);
  }

  static fromPkcs12(pkcs12: Buffer, password: string, options: LoadOptions): DocumentSigner {
    return DocumentSigner.fromLoaded(loadPkcs12(pkcs12, password, options));
  }

  /** `certificatePem` holds the signer certificate and, optionally, its chain. */
  static fromPem(privateKeyPem: string, certificatePem: string, options: LoadOptions & { passphrase?: string }): DocumentSigner {
    return DocumentSigner.fromLoaded(loadPem(privateKeyPem, certificatePem, options));
  }

  /** A signer whose key is elsewhere (a PSC), with the identity read from its certificate. */
  static fromRawSigner(raw: RawSigner, identity: SignerIdentity): DocumentSigner {
    return new DocumentSigner(identity, raw);
  }

  private static fromLoaded(loaded: LoadedCertificate): DocumentSigner {
    return new DocumentSigner(loaded, localRawSigner(loaded.privateKey, loaded.keyType, loaded.certificateDers));
  }

  get isDevelopment(): boolean {
    return this.certificate.isDevelopment;
  }

  get holderName(): string {
    return this.certificate.holderName;
  }

  get cpf(): string | undefined {
    return this.certificate.cpf;
  }

  async sign(pdf: Buffer, options: SignOptions): Promise<Buffer> {
    // A development certificate must never produce a document that looks valid.
    if (this.isDevelopment && pdf.indexOf(TEST_DOCUMENT_INFO_MARK) < 0) {
      throw new AppError("certificate_invalid", "Certificado de teste só assina documentos marcados como teste.");
    }
    return signPdf(pdf, this.signer, {
      signingTime: options.signingTime,
      signatureLength: this.signer.maxSignatureLength,
      name: this.holderName,
      ...(options.reason ? { reason: options.reason } : {}),
      ...(options.location ? { location: options.location } : {}),
    });
  }
}
