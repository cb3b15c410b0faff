// Completes a PSC's end-entity certificate into its chain. PSCs send only the
// leaf; the issuers come from a store (the bundled ICP-Brasil certificates,
// plus a test root where configuration allows it) or from the leaf's AIA
// caIssuers URL (DER, PEM or a certs-only .p7b). The chain must end at a
// trusted root, so a certificate from anywhere else is refused.
import { X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { PscError } from "./psc-error.js";

export interface CertificateStore {
  /** Trust anchors: ICP-Brasil roots in production; a generated root in tests. */
  roots: Buffer[];
  /** Known intermediates, so no AIA fetch is needed for them. */
  intermediates?: Buffer[];
  /** Roots accepted only outside production; their signatures are marked as test documents. */
  testRoots?: Buffer[];
}

export interface ChainOptions {
  store: CertificateStore;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface CompletedChain {
  /** Leaf first, then each issuer, without the self-signed root. */
  certificateDers: Buffer[];
  /** The chain ends at a root from `testRoots`. */
  isTestRoot: boolean;
}

const MAX_DEPTH = 6;

export async function completeChain(leafDer: Buffer, options: ChainOptions): Promise<CompletedChain> {
  const testRoots = (options.store.testRoots ?? []).map((der) => new X509Certificate(der));
  const roots = options.store.roots.map((der) => new X509Certificate(der));
  const known = [...roots, ...testRoots, ...(options.store.intermediates ?? []).map((der) => new X509Certificate(der))];
  const chain = [new X509Certificate(leafDer)];
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    const current = chain[chain.length - 1]!;
    const issuer = known.find((candidate) => issued(current, candidate)) ?? (await fromAia(current, options)).find((c) => issued(current, c));
    if (!issuer) break;
    const anchor = [...roots, ...testRoots].find((root) => root.raw.equals(issuer.raw));
    if (anchor) {
      return { certificateDers: chain.map((c) => c.raw), isTestRoot: testRoots.includes(anchor) };
    }
    chain.push(issuer);
  }
  throw new PscError("rejected", "certificate chain does not reach a trusted root");
}

function issued(child: X509Certificate, candidate: X509Certificate): boolean {
  return child.checkIssued(candidate) && child.verify(candidate.publicKey);
}

async function fromAia(certificate: X509Certificate, options: ChainOptions): Promise<X509Certificate[]> {
  const urls = [...(certificate.infoAccess ?? "").matchAll(/CA Issuers - URI:(\S+)/g)].map((m) => m[1]!);
  for (const url of urls) {
    if (!/^https?:\/\//.test(url)) continue;
    try {
      const response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000), redirect: "follow" });
      if (response.ok) return parseCertificates(Buffer.from(await response.arrayBuffer()));
    } catch {
      // The next URL, or the store alone.
    }
  }
  return [];
}

/** One DER or PEM certificate, or the certificates of a PKCS#7 (.p7b). */
export function parseCertificates(data: Buffer): X509Certificate[] {
  const text = data.toString("latin1");
  if (text.includes("-----BEGIN CERTIFICATE-----")) {
    return (text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((pem) => new X509Certificate(pem));
  }
  try {
    return [new X509Certificate(data)];
  } catch {
    const content = pkijs.ContentInfo.fromBER(new Uint8Array(data));
    const signed = new pkijs.SignedData({ schema: content.content as asn1js.Sequence });
    return (signed.certificates ?? [])
      .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
      .map((c) => new X509Certificate(Buffer.from(c.toSchema().toBER())));
  }
}
