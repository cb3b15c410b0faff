// AES-256-GCM for data at rest (WhatsApp auth keys, clinical text,
// certificates). A sealed value reads "v1:<keyId>:<iv>:<tag>:<ciphertext>"
// (base64 pieces); keyId names the key, so a rotation keeps old keys for
// reading (ENCRYPTION_KEY_PREVIOUS) while everything new is sealed under
// ENCRYPTION_KEY, and `npm run secrets:reencrypt` moves old values over.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export interface Cipher {
  encrypt(plaintext: string): string;
  decrypt(sealed: string): string;
  /** The id of the key new values are sealed with. */
  readonly keyId?: string;
}

/** The key id a sealed value names, or undefined for text that is not a sealed value. */
export function sealedKeyId(sealed: string): string | undefined {
  const [version, keyId] = sealed.split(":", 2);
  return version === "v1" && keyId ? keyId : undefined;
}

/** "0123…" (64 hex) or base64 of 32 bytes -> the key bytes. */
export function parseKey(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32) throw new Error("an encryption key must be 32 bytes");
  return key;
}

/** A short, stable, non-secret name for a key (first 8 hex of its SHA-256 with a label). */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update("zelo-key-id:").update(key).digest("hex").slice(0, 8);
}

export function createCipher(key: Buffer): Cipher {
  if (key.length !== 32) throw new Error("an encryption key must be 32 bytes");
  const keyId = keyIdOf(key);
  return {
    keyId,
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return ["v1", keyId, iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(":");
    },
    decrypt(sealed) {
      const [version, sealedKeyId, iv, tag, body] = sealed.split(":");
      if (version !== "v1" || iv === undefined || tag === undefined || body === undefined) throw new Error("not a sealed value");
      if (sealedKeyId !== keyId) throw new Error(`sealed with key ${sealedKeyId}, not the configured key ${keyId}`);
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
      decipher.setAuthTag(Buffer.from(tag, "base64"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
    },
  };
}

/**
 * Seals under `current`, opens values sealed under `current` or any of
 * `previous` (picked by the key id written in the value).
 */
export function createKeyring(current: Buffer, previous: readonly Buffer[] = []): Cipher {
  const primary = createCipher(current);
  const readers = new Map<string, Cipher>();
  for (const key of [current, ...previous]) {
    const cipher = createCipher(key);
    if (!readers.has(cipher.keyId!)) readers.set(cipher.keyId!, cipher);
  }
  return {
    keyId: primary.keyId,
    encrypt: (plaintext) => primary.encrypt(plaintext),
    decrypt(sealed) {
      const keyId = sealedKeyId(sealed);
      if (!keyId) throw new Error("not a sealed value");
      const reader = readers.get(keyId);
      if (!reader) throw new Error(`sealed with key ${keyId}, which is neither ENCRYPTION_KEY (${primary.keyId}) nor in ENCRYPTION_KEY_PREVIOUS`);
      return reader.decrypt(sealed);
    },
  };
}

/** "k1,k2" -> the key bytes (ENCRYPTION_KEY_PREVIOUS). */
export function parseKeyList(text: string | undefined): Buffer[] {
  return (text ?? "").split(",").map((part) => part.trim()).filter(Boolean).map(parseKey);
}

export interface KeySource {
  ENCRYPTION_KEY?: string;
  /** Older keys, comma separated, kept for reading until `npm run secrets:reencrypt` has run. */
  ENCRYPTION_KEY_PREVIOUS?: string;
  DATA_DIR: string;
  NODE_ENV: string;
}

/**
 * The configured key; in development and tests with none, a random key kept
 * in DATA_DIR/.encryption-key (created once), so data written today still
 * reads after a restart. Production refuses to start without ENCRYPTION_KEY
 * (see config.ts).
 */
export async function loadCipher(config: KeySource, warn: (message: string) => void = () => undefined): Promise<Cipher> {
  const previous = parseKeyList(config.ENCRYPTION_KEY_PREVIOUS);
  if (config.ENCRYPTION_KEY) return createKeyring(parseKey(config.ENCRYPTION_KEY), previous);
  if (config.NODE_ENV === "production") throw new Error("ENCRYPTION_KEY is required in production");
  const file = path.join(config.DATA_DIR, ".encryption-key");
  let text = await readFile(file, "utf8").catch(() => undefined);
  if (!text) {
    await mkdir(config.DATA_DIR, { recursive: true });
    text = randomBytes(32).toString("hex");
    await writeFile(file, `${text}\n`, { mode: 0o600, flag: "wx" }).catch(async () => {
      text = await readFile(file, "utf8"); // another process created it first
    });
  }
  warn(`ENCRYPTION_KEY is not set: using the development key in ${file}; set ENCRYPTION_KEY before real use`);
  return createKeyring(parseKey(text!.trim()), previous);
}
