import { describe, expect, it } from "vitest";
import { isValidSignature, signBody } from "./signature.js";

// A known answer computed outside this code base:
//   printf '%s' '{"object":"whatsapp_business_account","entry":[]}' | openssl dgst -sha256 -hmac 'test-app-secret'
const BODY = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');
const SECRET = "test-app-secret";
const KNOWN = "sha256=c84a394cc475525991e78ff16e430b02e47f953877d2af0ade26956ce6f384dc";

describe("Cloud API webhook signature (X-Hub-Signature-256)", () => {
  it("matches a known answer", () => {
    expect(signBody(BODY, SECRET)).toBe(KNOWN);
    expect(isValidSignature(BODY, KNOWN, SECRET)).toBe(true);
    expect(isValidSignature(BODY, KNOWN.toUpperCase().replace("SHA256=", "sha256="), SECRET)).toBe(true);
  });

  it.each([
    ["another app's secret", KNOWN, "another-app-secret"],
    ["no header", undefined, SECRET],
    ["no sha256= prefix", KNOWN.slice("sha256=".length), SECRET],
    ["a truncated digest", KNOWN.slice(0, -2), SECRET],
    ["a sha1 header", "sha1=0000000000000000000000000000000000000000", SECRET],
  ])("refuses %s", (_name, header, secret) => {
    expect(isValidSignature(BODY, header, secret)).toBe(false);
  });

  it("refuses the right signature over a changed body", () => {
    expect(isValidSignature(Buffer.concat([BODY, Buffer.from(" ")]), KNOWN, SECRET)).toBe(false);
  });
});
