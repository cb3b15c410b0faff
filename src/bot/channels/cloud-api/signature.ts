// Meta signs every webhook POST: X-Hub-Signature-256: sha256=<HMAC-SHA256 of
// the raw body with the app secret>. Compared in constant time.
import { createHmac, timingSafeEqual } from "node:crypto";

export function signBody(rawBody: Buffer, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}

export function isValidSignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return false;
  const expected = Buffer.from(signBody(rawBody, appSecret));
  const given = Buffer.from(header.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}
