// Production refuses an ENCRYPTION_KEY that is well formed but guessable: a
// value copied from documentation, a pattern typed by hand, or a password
// pasted through base64. A key from `openssl rand -hex 32` passes every check
// (the chance that 32 random bytes are all printable is about 1 in 10^14).
import { parseKey } from "./encryption.js";

/** Keys that appear in this repository's docs, tests and examples, and the classics. */
const KNOWN_EXAMPLES = new Set([
  "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff",
  "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
  "deadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
]);

/** Why the key is unfit for production, or undefined when it is fine. */
export function weakKeyReason(text: string): string | undefined {
  let key: Buffer;
  try {
    key = parseKey(text);
  } catch {
    return "must be 32 bytes as 64 hex characters or base64";
  }
  const hex = key.toString("hex");
  if (KNOWN_EXAMPLES.has(hex)) return "is a published example value; generate one with `openssl rand -hex 32`";
  const distinct = new Set(key).size;
  if (distinct === 1) return "repeats one byte";
  if (distinct < 16) return `uses only ${distinct} different byte values; generate one with \`openssl rand -hex 32\``;
  if (isProgression(key)) return "is a counting sequence";
  if (key.every((byte) => byte >= 0x20 && byte < 0x7f)) return "is printable text (a password?), not random bytes";
  if (/^(.{2,32})\1+$/.test(hex)) return "repeats a short pattern";
  return undefined;
}

function isProgression(key: Buffer): boolean {
  const step = (key[1]! - key[0]! + 256) % 256;
  return key.every((byte, i) => i === 0 || (byte - key[i - 1]! + 256) % 256 === step);
}
