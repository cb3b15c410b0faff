import { beforeAll, describe, expect, it } from "vitest";
import { generateDevelopmentCertificate } from "./dev-certificate.js";
import type { DocumentDraft } from "./document-types.js";
import { DocumentSigner } from "./document-signer.js";
import { renderDocumentPdf } from "./render-pdf.js";
import { sampleCertificate, sampleExamRequest, samplePrescription } from "./test-fixtures.js";
import { extractCms, pdfsig, pdftotext, runTool, writeTemp } from "./test-tools.js";
import { verifyPdfSignature } from "./verify-pdf.js";
import { OID } from "./oids.js";
import { itNeeds, OPENSSL, POPPLER } from "../../test/support/programs.js";

const withPoppler = itNeeds(...POPPLER);
const withOpenssl = itNeeds(OPENSSL);

const now = new Date("2026-03-10T13:30:00Z");
const validity = { notBefore: new Date("2026-01-01T00:00:00Z"), notAfter: new Date("2027-01-01T00:00:00Z") };
const signers: Record<"rsa" | "ec", DocumentSigner> = {} as Record<"rsa" | "ec", DocumentSigner>;
const drafts: [string, DocumentDraft][] = [["prescription", samplePrescription], ["atestado", sampleCertificate], ["exam request", sampleExamRequest]];

beforeAll(() => {
  for (const keyType of ["rsa", "ec"] as const) {
    const dev = generateDevelopmentCertificate({ name: "Dra. Ana Beatriz Souza", cpf: "52998224725", keyType, ...validity });
    signers[keyType] = DocumentSigner.fromPkcs12(dev.pkcs12, dev.password, { now });
  }
});

async function issue(draft: DocumentDraft, keyType: "rsa" | "ec" = "rsa"): Promise<Buffer> {
  const pdf = await renderDocumentPdf(draft, { verificationCode: "K7M2Q9XA4T", verifyBaseUrl: "https://zelo.example", testDocument: true });
  return signers[keyType].sign(pdf, { signingTime: draft.issuedAt, reason: "Emissão de documento de saúde", location: "São Paulo" });
}

describe("signed health documents", () => {
  for (const keyType of ["rsa", "ec"] as const) {
    for (const [name, draft] of drafts) {
      withPoppler(`pdfsig finds the ${name} signed with ${keyType.toUpperCase()} valid and covering the whole file`, async () => {
        const signed = await issue(draft, keyType);
        const report = pdfsig(signed);
        expect(report).toContain("Signature Validation: Signature is Valid.");
        expect(report).toContain("Total document signed");
        expect(report).toContain("Signature Type: ETSI.CAdES.detached");
        expect(verifyPdfSignature(signed)).toMatchObject({ valid: true, coversWholeDocument: true });
      });
    }
  }

  withPoppler("reports a PDF with one flipped byte inside the signed range as invalid", async () => {
    const signed = await issue(samplePrescription);
    const tampered = Buffer.from(signed);
    const at = 400; // inside the first signed range (the page content stream)
    expect(at).toBeLessThan(signed.indexOf("/ByteRange"));
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;
    expect(pdfsig(tampered)).not.toContain("Signature is Valid.");
    expect(verifyPdfSignature(tampered)).toEqual({ valid: false, reason: "document digest does not match" });
  });

  withPoppler("says when bytes were appended after the signed range", async () => {
    const extended = Buffer.concat([await issue(sampleCertificate), Buffer.from("\n% appended\n")]);
    expect(verifyPdfSignature(extended)).toMatchObject({ valid: true, coversWholeDocument: false });
    expect(pdfsig(extended)).not.toContain("Total document signed");
  });

  it("reports an unsigned PDF as not signed", async () => {
    const plain = await renderDocumentPdf(sampleCertificate, { verificationCode: "K7M2Q9XA4T", verifyBaseUrl: "https://zelo.example", testDocument: false });
    expect(verifyPdfSignature(plain)).toEqual({ valid: false, reason: "no signature found" });
  });

  withOpenssl("carries signingCertificateV2 and the AD-RB policy in the CMS, and no signingTime", async () => {
    const cms = writeTemp(extractCms(await issue(sampleCertificate)), "der");
    const printed = runTool("openssl", ["cms", "-cmsout", "-print", "-inform", "DER", "-in", cms]);
    expect(printed).toContain("id-smime-aa-signingCertificateV2");
    expect(printed).toContain("2.16.76.1.7.1.11.1.3");
    expect(printed).toContain("23DA544AEF71F7A75DC85FA6E17A83875741E4BAEF41EC178258A5C86ACE54DD");
    expect(printed).not.toMatch(/signingTime/i);
  });

  it("signs exactly contentType, messageDigest, signingCertificateV2 and sigPolicyId", async () => {
    const check = verifyPdfSignature(await issue(sampleExamRequest, "ec"));
    if (!check.valid) throw new Error(check.reason);
    expect([...check.signedAttributes].sort()).toEqual(
      [OID.contentType, OID.messageDigest, OID.signingCertificateV2, OID.sigPolicyId].sort(),
    );
  });

  it("encodes the policy hash AlgorithmIdentifier with absent parameters inside the signature", async () => {
    const cms = extractCms(await issue(samplePrescription)).toString("hex");
    expect(cms).toContain(`300b0609608648016503040201` + "0420" + "23da544a");
  });

  it("certifies the document with DocMDP P=2 and dates the signature in /M", async () => {
    const text = (await issue(samplePrescription)).toString("latin1");
    expect(text).toMatch(/\/Perms << \/DocMDP (\d+) 0 R >>/);
    expect(text).toContain("/TransformMethod /DocMDP");
    expect(text).toContain("/TransformParams << /Type /TransformParams /P 2 /V /1.2 >>");
    expect(text).toContain("/M (D:20260310133000Z)");
  });

  it("keeps a signed atestado under the 70 KB Atesta CFM accepts", async () => {
    expect((await issue(sampleCertificate)).length).toBeLessThan(70 * 1024);
  });

  withPoppler("prints the test banner on documents signed with a development certificate", async () => {
    expect(pdftotext(await issue(sampleCertificate))).toContain("DOCUMENTO DE TESTE - SEM VALIDADE");
  });

  it("refuses to sign, with a development certificate, a document rendered without the banner", async () => {
    const plain = await renderDocumentPdf(sampleCertificate, { verificationCode: "K7M2Q9XA4T", verifyBaseUrl: "https://zelo.example", testDocument: false });
    await expect(signers.rsa.sign(plain, { signingTime: now })).rejects.toMatchObject({ code: "certificate_invalid" });
  });
});
