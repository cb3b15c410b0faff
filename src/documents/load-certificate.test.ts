import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { generateDevelopmentCertificate, type DevelopmentCertificate } from "./dev-certificate.js";
import { DocumentSigner } from "./document-signer.js";

const now = new Date("2026-03-10T13:30:00Z");
const validity = { notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date("2027-01-01T00:00:00Z") };
let rsa: DevelopmentCertificate;
let ec: DevelopmentCertificate;

beforeAll(() => {
  rsa = generateDevelopmentCertificate({ name: "Dra. Ana Beatriz Souza", cpf: "529.982.247-25", ...validity });
  ec = generateDevelopmentCertificate({ name: "Dr. Paulo Lima", cpf: "11144477735", keyType: "ec", ...validity });
});

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("DocumentSigner certificate loading", () => {
  it("reads the holder name and the CPF from the ICP-Brasil otherName", () => {
    const signer = DocumentSigner.fromPkcs12(rsa.pkcs12, rsa.password, { now, expectedCpf: "529.982.247-25" });
    expect(signer.holderName).toBe("Dra. Ana Beatriz Souza");
    expect(signer.cpf).toBe("52998224725");
  });

  it("flags a self-signed certificate as development", () => {
    expect(DocumentSigner.fromPkcs12(rsa.pkcs12, rsa.password, { now }).isDevelopment).toBe(true);
  });

  it("opens an ECDSA P-256 PKCS#12 and the same key from PEM", () => {
    expect(DocumentSigner.fromPkcs12(ec.pkcs12, ec.password, { now }).cpf).toBe("11144477735");
    expect(DocumentSigner.fromPem(ec.privateKeyPem, ec.certificatePem, { now }).holderName).toBe("Dr. Paulo Lima");
  });

  it("refuses an expired certificate", () => {
    const error = failure(() => DocumentSigner.fromPkcs12(rsa.pkcs12, rsa.password, { now: new Date("2027-02-01T00:00:00Z") }));
    expect(error.code).toBe("certificate_invalid");
    expect(error.message).toContain("vencido");
  });

  it("refuses a certificate that is not yet valid", () => {
    expect(failure(() => DocumentSigner.fromPkcs12(rsa.pkcs12, rsa.password, { now: new Date("2025-12-01T00:00:00Z") })).code)
      .toBe("certificate_invalid");
  });

  it("refuses a wrong password without repeating any password", () => {
    const error = failure(() => DocumentSigner.fromPkcs12(rsa.pkcs12, "senha-errada-123", { now }));
    expect(error.code).toBe("certificate_invalid");
    expect(error.message).not.toContain("senha-errada-123");
    expect(error.message).not.toContain(rsa.password);
  });

  it("refuses a certificate whose CPF is not the doctor's", () => {
    expect(failure(() => DocumentSigner.fromPkcs12(rsa.pkcs12, rsa.password, { now, expectedCpf: "11144477735" })).message)
      .toContain("CPF do certificado");
  });

  it("refuses a private key that belongs to another certificate", () => {
    expect(failure(() => DocumentSigner.fromPem(ec.privateKeyPem, rsa.certificatePem, { now })).message)
      .toContain("não corresponde");
  });
});
