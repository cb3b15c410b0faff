import { sign, type KeyObject } from "node:crypto";
import type { KeyType } from "./cms-signed-data.js";

/**
 * Who makes the signature inside a PAdES CMS: the A1 key in this process, or
 * a PSC holding the doctor's key in the cloud. The CMS around it is the same
 * (cms-signed-data.ts).
 *
 * `sign` receives the DER signed attributes, not their digest: node:crypto
 * cannot make an ECDSA signature over a digest computed elsewhere, and the
 * A1 bytes must stay those of `sign("sha256", attributes, key)`. A remote
 * signer sends only the SHA-256 of each message.
 */
export interface RawSigner {
  readonly keyType: KeyType;
  /** Signer certificate first, then as much of its chain as is known. */
  readonly certificateDers: Buffer[];
  /** One SHA-256 signature per message, in order. Several at once, so a PSC can sign a batch in one request. */
  sign(messages: readonly Buffer[]): Promise<Buffer[]>;
}

export function localRawSigner(privateKey: KeyObject, keyType: KeyType, certificateDers: Buffer[]): RawSigner {
  return {
    keyType,
    certificateDers,
    sign: async (messages) => messages.map((message) => sign("sha256", message, privateKey)),
  };
}

/**
 * Gathers the messages of `expected` concurrent `sign` calls (one per
 * document, as @signpdf asks one at a time) into one call of `inner`, so the
 * PSC sees one request per batch. Each caller gets its own signature back.
 */
export function batchingRawSigner(inner: RawSigner, expected: number): RawSigner & { withdraw(): void } {
  let remaining = expected;
  const waiting: { message: Buffer; resolve: (signature: Buffer) => void; reject: (error: unknown) => void }[] = [];
  const flush = () => {
    const batch = waiting.splice(0);
    inner.sign(batch.map((entry) => entry.message)).then(
      (signatures) => batch.forEach((entry, index) => entry.resolve(signatures[index]!)),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
  };
  return {
    keyType: inner.keyType,
    certificateDers: inner.certificateDers,
    sign: (messages) => Promise.all(messages.map((message) => new Promise<Buffer>((resolve, reject) => {
      waiting.push({ message, resolve, reject });
      if (waiting.length >= remaining) flush();
    }))),
    /** A document that failed before asking for its signature: the others must not wait for it. */
    withdraw: () => {
      remaining -= 1;
      if (waiting.length > 0 && waiting.length >= remaining) flush();
    },
  };
}
