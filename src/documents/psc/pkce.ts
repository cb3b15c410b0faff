import { createHash, randomBytes } from "node:crypto";

/** RFC 7636 with S256: 32 random bytes as the verifier (43 characters), its SHA-256 as the challenge. */
export function createPkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: pkceChallenge(verifier) };
}

export const pkceChallenge = (verifier: string): string => createHash("sha256").update(verifier).digest("base64url");
