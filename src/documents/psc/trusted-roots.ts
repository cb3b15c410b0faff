// The roots a PSC's certificate chain must reach. Production trusts the
// ICP-Brasil roots the operator supplies (ICP_BRASIL_ROOTS_PATH: a PEM or DER
// file, or a folder of them, taken from the ITI's repository); outside
// production a test root (PSC_TEST_ROOTS_PATH) may be added, and what it
// signs is marked as a test document. Read once, at start.
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { CertificateStore } from "./certificate-chain.js";

export async function loadCertificateStore(paths: { roots?: string; testRoots?: string }): Promise<CertificateStore> {
  return {
    roots: paths.roots ? await readCertificates(paths.roots) : [],
    testRoots: paths.testRoots ? await readCertificates(paths.testRoots) : [],
  };
}

const CERTIFICATE_FILE = /\.(pem|crt|cer|der)$/i;

async function readCertificates(path: string): Promise<Buffer[]> {
  // pkijs (for .p7b bundles) loads only when a roots path is configured.
  const { parseCertificates } = await import("./certificate-chain.js");
  const files = (await stat(path)).isDirectory()
    ? (await readdir(path)).filter((name) => CERTIFICATE_FILE.test(name)).sort().map((name) => join(path, name))
    : [path];
  const certificates = await Promise.all(files.map(async (file) => parseCertificates(await readFile(file)).map((certificate) => certificate.raw)));
  return certificates.flat();
}
