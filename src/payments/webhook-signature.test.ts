import { WebhookSignatureValidator } from "mercadopago";
import { describe, expect, it } from "vitest";
import { signatureHeader, signatureManifest, verifyNotification } from "./webhook-signature.js";

const SECRET = "webhook-secret-of-the-clinic";
const TS = "1764000000";
const good = signatureHeader(SECRET, "123456789", "req-abc", TS);

describe("Mercado Pago webhook signature", () => {
  it("builds the manifest from the parts present, in order", () => {
    expect(signatureManifest("123", "req", "1")).toBe("id:123;request-id:req;ts:1;");
    expect(signatureManifest(undefined, "req", "1")).toBe("request-id:req;ts:1;");
    expect(signatureManifest("123", undefined, "1")).toBe("id:123;ts:1;");
    expect(signatureManifest("ABC", undefined, "1")).toBe("id:abc;ts:1;");
  });

  it.each([
    ["accepts a correct signature", { signature: good, requestId: "req-abc", dataId: "123456789" }, SECRET, { valid: true }],
    ["accepts extra spaces and unknown keys", { signature: ` ts=${TS} , v1=${good.split("v1=")[1]} , v2=zzz`, requestId: "req-abc", dataId: "123456789" }, SECRET, { valid: true }],
    ["refuses a missing header", { signature: undefined, requestId: "req-abc", dataId: "123456789" }, SECRET, { valid: false, reason: "missing" }],
    ["refuses an empty header", { signature: "  ", requestId: "req-abc", dataId: "123456789" }, SECRET, { valid: false, reason: "missing" }],
    ["refuses a header without ts", { signature: `v1=${good.split("v1=")[1]}`, requestId: "req-abc", dataId: "123456789" }, SECRET, { valid: false, reason: "malformed" }],
    ["refuses a header without v1", { signature: `ts=${TS}`, requestId: "req-abc", dataId: "123456789" }, SECRET, { valid: false, reason: "malformed" }],
    ["refuses a non-numeric ts", { signature: `ts=abc,v1=${good.split("v1=")[1]}`, requestId: "req-abc", dataId: "123456789" }, SECRET, { valid: false, reason: "malformed" }],
    ["refuses another secret", { signature: good, requestId: "req-abc", dataId: "123456789" }, "another-secret", { valid: false, reason: "mismatch" }],
    ["refuses another payment id", { signature: good, requestId: "req-abc", dataId: "999" }, SECRET, { valid: false, reason: "mismatch" }],
    ["refuses another request id", { signature: good, requestId: "req-xyz", dataId: "123456789" }, SECRET, { valid: false, reason: "mismatch" }],
    ["refuses a changed ts", { signature: good.replace(TS, "1764000001"), requestId: "req-abc", dataId: "123456789" }, SECRET, { valid: false, reason: "mismatch" }],
    ["refuses a truncated hash", { signature: good.slice(0, -2), requestId: "req-abc", dataId: "123456789" }, SECRET, { valid: false, reason: "mismatch" }],
  ] as const)("%s", (_name, notification, secret, expected) => {
    expect(verifyNotification(notification, secret)).toEqual(expected);
  });

  it("agrees with the SDK's own validator", () => {
    expect(() => WebhookSignatureValidator.validate({ xSignature: good, xRequestId: "req-abc", dataId: "123456789", secret: SECRET })).not.toThrow();
    const bad = signatureHeader("another-secret", "123456789", "req-abc", TS);
    expect(() => WebhookSignatureValidator.validate({ xSignature: bad, xRequestId: "req-abc", dataId: "123456789", secret: SECRET })).toThrow();
  });
});
