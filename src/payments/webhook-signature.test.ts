import { createHmac } from "node:crypto";
import { WebhookSignatureValidator } from "mercadopago";
import { describe, expect, it } from "vitest";
import { signatureManifest, verifyNotification } from "./webhook-signature.js";

const SECRET = "webhook-secret-of-the-clinic";
const TS = "1764000000";
const AT_TS = new Date(Number(TS) * 1000);
// Computed here, not with the product's helper: HMAC-SHA256 hex of the manifest written out by hand.
const hmac = (secret: string, manifest: string) => createHmac("sha256", secret).update(manifest).digest("hex");
const V1 = hmac(SECRET, `id:123456789;request-id:req-abc;ts:${TS};`);
const good = `ts=${TS},v1=${V1}`;
const notification = { signature: good, requestId: "req-abc", dataId: "123456789" };

describe("Mercado Pago webhook signature", () => {
  it("builds the manifest from the parts present, in order", () => {
    expect(signatureManifest("123", "req", "1")).toBe("id:123;request-id:req;ts:1;");
    expect(signatureManifest(undefined, "req", "1")).toBe("request-id:req;ts:1;");
    expect(signatureManifest("123", undefined, "1")).toBe("id:123;ts:1;");
    expect(signatureManifest("ABC", undefined, "1")).toBe("id:abc;ts:1;");
  });

  it.each([
    ["accepts a correct signature", notification, SECRET, { valid: true }],
    ["accepts extra spaces and unknown keys", { ...notification, signature: ` ts=${TS} , v1=${V1} , v2=zzz` }, SECRET, { valid: true }],
    ["refuses a missing header", { ...notification, signature: undefined }, SECRET, { valid: false, reason: "missing" }],
    ["refuses an empty header", { ...notification, signature: "  " }, SECRET, { valid: false, reason: "missing" }],
    ["refuses a header without ts", { ...notification, signature: `v1=${V1}` }, SECRET, { valid: false, reason: "malformed" }],
    ["refuses a header without v1", { ...notification, signature: `ts=${TS}` }, SECRET, { valid: false, reason: "malformed" }],
    ["refuses a non-numeric ts", { ...notification, signature: `ts=abc,v1=${V1}` }, SECRET, { valid: false, reason: "malformed" }],
    ["refuses another secret", notification, "another-secret", { valid: false, reason: "mismatch" }],
    ["refuses another payment id", { ...notification, dataId: "999" }, SECRET, { valid: false, reason: "mismatch" }],
    ["refuses another request id", { ...notification, requestId: "req-xyz" }, SECRET, { valid: false, reason: "mismatch" }],
    ["refuses a changed ts", { ...notification, signature: good.replace(TS, "1764000001") }, SECRET, { valid: false, reason: "mismatch" }],
    ["refuses a truncated hash", { ...notification, signature: good.slice(0, -2) }, SECRET, { valid: false, reason: "mismatch" }],
  ] as const)("%s", (_name, given, secret, expected) => {
    expect(verifyNotification(given, secret, AT_TS)).toEqual(expected);
  });

  it.each([
    ["accepts a ts 5 minutes behind our clock", 300, { valid: true }],
    ["accepts a ts 5 minutes ahead of our clock", -300, { valid: true }],
    ["refuses a well-signed ts 5 minutes and 1 second old (a replay)", 301, { valid: false, reason: "stale" }],
    ["refuses a well-signed ts a day old", 86_400, { valid: false, reason: "stale" }],
    ["refuses a well-signed ts 6 minutes in the future", -360, { valid: false, reason: "stale" }],
  ] as const)("%s", (_name, ageSeconds, expected) => {
    expect(verifyNotification(notification, SECRET, new Date(AT_TS.getTime() + ageSeconds * 1000))).toEqual(expected);
  });

  it("reads a ts in milliseconds, as real notifications send it", () => {
    const ms = "1764000000123";
    const signature = `ts=${ms},v1=${hmac(SECRET, `id:123456789;request-id:req-abc;ts:${ms};`)}`;
    expect(verifyNotification({ ...notification, signature }, SECRET, new Date(1764000060000))).toEqual({ valid: true });
    expect(verifyNotification({ ...notification, signature }, SECRET, new Date(1764000400000))).toEqual({ valid: false, reason: "stale" });
  });

  it("agrees with the SDK's own validator", () => {
    expect(() => WebhookSignatureValidator.validate({ xSignature: good, xRequestId: "req-abc", dataId: "123456789", secret: SECRET })).not.toThrow();
    const bad = `ts=${TS},v1=${hmac("another-secret", `id:123456789;request-id:req-abc;ts:${TS};`)}`;
    expect(() => WebhookSignatureValidator.validate({ xSignature: bad, xRequestId: "req-abc", dataId: "123456789", secret: SECRET })).toThrow();
  });
});
