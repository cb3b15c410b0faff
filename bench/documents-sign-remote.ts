// Zelo's own time per signature through a PSC (the local double): render is
// outside the timed region; placeholder, CMS, the HTTP request (fetch over
// loopback) and the check of the returned signature are inside; the time the
// double spends answering (its handlers, incl. its RSA signature) is
// subtracted. Target: <= 5 ms per signature.
import { pathToFileURL } from "node:url";
import { DocumentSigner } from "../src/documents/document-signer.js";
import { PscClient } from "../src/documents/psc/psc-client.js";
import { openPscSigner } from "../src/documents/psc/psc-raw-signer.js";
import { renderDocumentPdf } from "../src/documents/render-pdf.js";
import { samplePrescription } from "../src/documents/test-fixtures.js";
import { PscDouble } from "../test/support/psc-double.js";

const ITERATIONS = 200;
const WARMUP = 10;
const CPF = "52998224725";
const round = (value: number): number => Math.round(value * 1000) / 1000;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export async function benchDocumentsSignRemote(): Promise<Record<string, unknown>> {
  const psc = await new PscDouble({ holders: { [CPF]: "ANA BEATRIZ SOUZA" } }).start();
  try {
    const client = new PscClient({ baseUrl: psc.baseUrl, clientId: psc.clientId, clientSecret: psc.clientSecret });
    const { accessToken } = await client.authorizeWithCode({ cpf: CPF, code: psc.otp, scope: "signature_session", lifetimeSeconds: 3600 });
    const { raw, identity } = await openPscSigner(client, accessToken, {
      now: new Date(), expectedCpf: CPF, maxHashesPerRequest: 5, store: { roots: [], testRoots: [psc.pki.get(CPF)!.root] },
    });
    const signer = DocumentSigner.fromRawSigner(raw, identity);
    const pdf = await renderDocumentPdf(samplePrescription, { verificationCode: "K7M2Q9XA4T", verifyBaseUrl: "https://zelo.example", testDocument: true });
    const signingTime = samplePrescription.issuedAt;
    for (let i = 0; i < WARMUP; i += 1) await signer.sign(pdf, { signingTime });
    const ours: number[] = [];
    const wall: number[] = [];
    for (let i = 0; i < ITERATIONS; i += 1) {
      const doubleBefore = psc.handlerMs;
      const start = performance.now();
      await signer.sign(pdf, { signingTime });
      const elapsed = performance.now() - start;
      wall.push(elapsed);
      ours.push(elapsed - (psc.handlerMs - doubleBefore));
    }
    const p50 = percentile(ours, 50);
    return {
      bench: "documents.sign.remote",
      iterations: ITERATIONS,
      pdf_bytes: pdf.length,
      zelo_p50_ms: round(p50),
      zelo_p95_ms: round(percentile(ours, 95)),
      wall_p50_ms: round(percentile(wall, 50)),
      target_ms: 5,
      within_target: p50 <= 5,
    };
  } finally {
    await psc.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await benchDocumentsSignRemote()));
}
