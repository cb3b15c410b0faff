// Signing throughput: our DocumentSigner (key parsed once, native crypto)
// against @signpdf/signer-p12's P12Signer (parses the PKCS#12 and signs in
// JavaScript every time; one instance signs only once). Both sign the same
// rendered prescription and pay for the same placeholder step; rendering and
// certificate loading are outside the timed region.
import { pathToFileURL } from "node:url";
import { P12Signer } from "@signpdf/signer-p12";
import { DocumentSigner } from "../src/documents/document-signer.js";
import { generateDevelopmentCertificate } from "../src/documents/dev-certificate.js";
import { renderDocumentPdf } from "../src/documents/render-pdf.js";
import { signPdf } from "../src/documents/sign-pdf.js";
import { samplePrescription } from "../src/documents/test-fixtures.js";

const ITERATIONS = 200;
const WARMUP = 10;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function timeEach(run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i += 1) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

export async function benchDocumentsSign(): Promise<Record<string, unknown>> {
  const now = samplePrescription.issuedAt;
  const dev = generateDevelopmentCertificate({
    name: "Dra. Ana Beatriz Souza", cpf: "52998224725",
    notBefore: new Date(now.getTime() - 86_400_000), notAfter: new Date(now.getTime() + 365 * 86_400_000),
  });
  const signer = DocumentSigner.fromPkcs12(dev.pkcs12, dev.password, { now });
  const pdf = await renderDocumentPdf(samplePrescription, { verificationCode: "K7M2Q9XA4T", verifyBaseUrl: "https://zelo.example", testDocument: true });
  const signingTime = samplePrescription.issuedAt;
  const ours = await timeEach(() => signer.sign(pdf, { signingTime }));
  const p12 = await timeEach(() =>
    signPdf(pdf, new P12Signer(dev.pkcs12, { passphrase: dev.password }), { signingTime, signatureLength: 8192 }));
  const oursP50 = percentile(ours, 50);
  const p12P50 = percentile(p12, 50);
  return {
    bench: "documents.sign",
    iterations: ITERATIONS,
    pdf_bytes: pdf.length,
    ours_p50_ms: round(oursP50),
    ours_p95_ms: round(percentile(ours, 95)),
    p12signer_p50_ms: round(p12P50),
    speedup: round(p12P50 / oursP50),
    docs_per_s: Math.round(1000 / oursP50),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await benchDocumentsSign()));
}
