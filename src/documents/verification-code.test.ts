import { describe, expect, it } from "vitest";
import { itiQrResponse, newVerificationCode, sha256Hex } from "./verification-code.js";

describe("verification helpers", () => {
  it("makes 10-character codes without look-alike characters", () => {
    const codes = Array.from({ length: 500 }, () => newVerificationCode());
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("hashes with SHA-256 in hex", () => {
    expect(sha256Hex(Buffer.from("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("answers the ITI QR protocol with the exact JSON the validator expects", () => {
    expect(JSON.stringify(itiQrResponse("https://zelo.example/d/K7M2Q9XA4T.pdf"))).toBe(
      '{"version":"1.0.0","prescription":{"signatureFiles":[{"url":"https://zelo.example/d/K7M2Q9XA4T.pdf"}]}}',
    );
  });
});
