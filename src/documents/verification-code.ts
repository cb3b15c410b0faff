import { createHash, randomInt } from "node:crypto";

// 31 symbols without the look-alikes 0/O, 1/I/L, so a code read aloud or
// typed from paper survives; 10 of them carry about 49.5 bits.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export function newVerificationCode(length = 10): string {
  let code = "";
  for (let i = 0; i < length; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export function sha256Hex(data: Buffer | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The JSON the ITI validator expects from the QR URL (ITI developer guide). */
export function itiQrResponse(pdfUrl: string): { version: "1.0.0"; prescription: { signatureFiles: { url: string }[] } } {
  return { version: "1.0.0", prescription: { signatureFiles: [{ url: pdfUrl }] } };
}
