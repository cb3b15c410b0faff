import { AppError } from "../errors.js";
import { prepareCms } from "./cms-signed-data.js";
import { loadPem, loadPkcs12, type LoadedCertificate, type LoadOptions } from "./load-certificate.js";
import { PadesSigner } from "./pades-signer.js";
import { TEST_DOCUMENT_INFO_MARK } from "./render-pdf.js";
import { signPdf } from "./sign-pdf.js";

export type SignOptions = { signingTime: Date; reason?: string; location?: string };

/**
 * One doctor's signing capability. The certificate is checked and the key
 * parsed into a KeyObject once, at creation; each `sign` then costs a hash
 * and one native signature.
 */
export class DocumentSigner {
  private readonly signer: PadesSigner;

  private constructor(private readonly certificate: LoadedCertificate) {
    const { privateKey, keyType, certificateDers } = certificate;
    this.signer = new PadesSigner(prepareCms(privateKey, keyType, certificateDers));
  }

  static fromPkcs12(pkcs12: Buffer, password: string, options: LoadOptions): DocumentSigner {
    return new DocumentSigner(loadPkcs12(pkcs12, password, options));
  }

  /** `certificatePem` holds the signer certificate and, optionally, its chain. */
  static fromPem(privateKeyPem: string, certificatePem: string, options: LoadOptions & { passphrase?: string }): DocumentSigner {
    return new DocumentSigner(loadPem(privateKeyPem, certificatePem, options));
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
