// The PSC client against a local PSC speaking the protocol over HTTP.
import { createHash, verify, X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PscDouble } from "../../../test/support/psc-double.js";
import { completeChain } from "./certificate-chain.js";
import { PscClient } from "./psc-client.js";
import { authorizeByPush } from "./push-authorization.js";

const CPF = "52998224725";
let psc: PscDouble;
let client: PscClient;
const delays: number[] = [];
const sleep = async (ms: number) => { delays.push(ms); };

beforeAll(async () => {
  psc = await new PscDouble({ holders: { [CPF]: "ANA BEATRIZ SOUZA" }, maxHashesPerRequest: 5 }).start();
  client = new PscClient({ baseUrl: psc.baseUrl, clientId: psc.clientId, clientSecret: psc.clientSecret, timeoutMs: 2000 });
});
afterAll(async () => psc.stop());

const failureOf = async (promise: Promise<unknown>) => promise.then(() => "no error", (error: { failure?: string }) => error.failure);

describe("the PSC client", () => {
  it("finds a holder by CPF and says when the PSC holds no certificate for one", async () => {
    expect(await client.hasCertificate(CPF)).toBe(true);
    expect(await client.hasCertificate("11144477735")).toBe(false);
  });

  it("gets a session token from a push the doctor approves while it polls, with backoff", async () => {
    delays.length = 0;
    const pushed = psc.nextPush();
    const token = authorizeByPush(client, { cpf: CPF, scope: "signature_session", lifetimeSeconds: 43_200 }, {
      sleep: async (ms) => {
        delays.push(ms);
        if (delays.length === 3) psc.approve((await pushed).code);
      },
    });
    expect(await token).toMatchObject({ scope: "signature_session", expiresInSeconds: 43_200 });
    expect((await pushed).lifetime).toBe(43_200);
    expect(delays).toEqual([1000, 1500, 2250]);
  });

  it("takes a denial on the phone as final", async () => {
    const pushed = psc.nextPush();
    const token = authorizeByPush(client, { cpf: CPF, scope: "signature_session", lifetimeSeconds: 3600 }, {
      sleep: async () => psc.deny((await pushed).code),
    });
    expect(await failureOf(token)).toBe("denied");
  });

  it("gives up, bounded, when the doctor never answers the push", async () => {
    delays.length = 0;
    const token = authorizeByPush(client, { cpf: CPF, scope: "signature_session", lifetimeSeconds: 3600 }, { sleep, maxWaitMs: 20_000 });
    expect(await failureOf(token)).toBe("timed_out");
    expect(delays.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(20_000);
    expect(Math.max(...delays)).toBe(5000);
  });

  it("accepts the app's code once and names a wrong code, without putting it in the error", async () => {
    const wrong = client.authorizeWithCode({ cpf: CPF, code: "000000", scope: "signature_session", lifetimeSeconds: 3600 });
    const error = await wrong.then(() => undefined, (e: Error & { failure: string; details?: object }) => e);
    if (!error) throw new Error("a wrong code was accepted");
    expect(error).toMatchObject({ failure: "wrong_code" });
    expect(JSON.stringify([error.message, error.details])).not.toContain("000000");
    await expect(client.authorizeWithCode({ cpf: CPF, code: psc.otp, scope: "signature_session", lifetimeSeconds: 3600 })).resolves.toMatchObject({ expiresInSeconds: 3600 });
  });

  it("signs several RAW SHA-256 hashes in one request, each verifying with the holder's certificate", async () => {
    const { accessToken } = await client.authorizeWithCode({ cpf: CPF, code: psc.otp, scope: "signature_session", lifetimeSeconds: 3600 });
    const leaf = new X509Certificate(await client.certificate(accessToken));
    const messages = ["a", "b", "c"].map((m) => Buffer.from(m));
    const before = psc.signatureRequests.length;
    const signatures = await client.signDigests(accessToken, messages.map((m) => createHash("sha256").update(m).digest()));
    expect(psc.signatureRequests.slice(before)).toEqual([{ hashes: 3 }]);
    messages.forEach((m, i) => expect(verify("sha256", m, leaf.publicKey, signatures[i]!)).toBe(true));
    await expect(failureOf(client.signDigests(accessToken, Array.from({ length: 6 }, () => Buffer.alloc(32))))).resolves.toBe("rejected");
  });

  it("reports an expired or unknown token as a session to approve again", async () => {
    const { accessToken } = await client.authorizeWithCode({ cpf: CPF, code: psc.otp, scope: "signature_session", lifetimeSeconds: 3600 });
    psc.expireTokens();
    expect(await failureOf(client.certificate(accessToken))).toBe("session_expired");
    expect(await failureOf(client.signDigests("not-a-token", [Buffer.alloc(32)]))).toBe("session_expired");
  });

  it("gives up on a PSC that does not answer within the timeout", async () => {
    const impatient = new PscClient({ baseUrl: psc.baseUrl, clientId: psc.clientId, clientSecret: psc.clientSecret, timeoutMs: 200 });
    psc.silent = true;
    try {
      expect(await failureOf(impatient.hasCertificate(CPF))).toBe("unavailable");
    } finally {
      psc.silent = false;
    }
  });

  it("completes the leaf's chain from its AIA up to a configured root, and refuses one without a trusted root", async () => {
    const pki = psc.pki.get(CPF)!;
    const chain = await completeChain(pki.leaf, { store: { roots: [], testRoots: [pki.root] } });
    expect(chain.certificateDers.map((der) => der.equals(pki.leaf) || der.equals(pki.intermediate))).toEqual([true, true]);
    expect(chain.isTestRoot).toBe(true);
    expect(await failureOf(completeChain(pki.leaf, { store: { roots: [] } }))).toBe("rejected");
  });
});
