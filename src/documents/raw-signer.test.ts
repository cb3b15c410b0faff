import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildSignedCms, prepareCms, prepareCmsTemplate } from "./cms-signed-data.js";
import { generateDevelopmentCertificate } from "./dev-certificate.js";
import { loadPem } from "./load-certificate.js";
import { PadesSigner } from "./pades-signer.js";
import { batchingRawSigner, localRawSigner, type RawSigner } from "./raw-signer.js";

const now = new Date("2026-03-10T13:30:00Z");
const dev = generateDevelopmentCertificate({ name: "Dra. Ana", cpf: "52998224725", notBefore: new Date("2026-01-01"), notAfter: new Date("2027-01-01") });
const loaded = loadPem(dev.privateKeyPem, dev.certificatePem, { now });

describe("the RawSigner port", () => {
  it("leaves the A1 CMS byte for byte what the key signing in place produced", async () => {
    const byteRange = Buffer.from("%PDF-1.7 the bytes the ByteRange covers");
    const inPlace = buildSignedCms(prepareCms(loaded.privateKey, loaded.keyType, loaded.certificateDers), createHash("sha256").update(byteRange).digest());
    const raw = localRawSigner(loaded.privateKey, loaded.keyType, loaded.certificateDers);
    const throughPort = await new PadesSigner(prepareCmsTemplate(raw.keyType, raw.certificateDers), raw).sign(byteRange);
    expect(throughPort.equals(inPlace)).toBe(true);
  });

  it("gathers the messages of concurrent documents into one call of the signer behind it", async () => {
    const calls: number[] = [];
    const inner: RawSigner = {
      keyType: "rsa", certificateDers: [],
      sign: async (messages) => {
        calls.push(messages.length);
        return messages.map((m) => Buffer.from(`sig:${m.toString()}`));
      },
    };
    const batch = batchingRawSigner(inner, 3);
    const answers = await Promise.all(["a", "b", "c"].map((m) => batch.sign([Buffer.from(m)])));
    expect(calls).toEqual([3]);
    expect(answers.map(([s]) => s!.toString())).toEqual(["sig:a", "sig:b", "sig:c"]);
  });

  it("fails every waiting document when the batch fails", async () => {
    const inner: RawSigner = { keyType: "rsa", certificateDers: [], sign: async () => { throw new Error("denied"); } };
    const batch = batchingRawSigner(inner, 2);
    const results = await Promise.allSettled([batch.sign([Buffer.from("a")]), batch.sign([Buffer.from("b")])]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});
