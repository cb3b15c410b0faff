// AES-256-GCM for data at rest (WhatsApp auth keys, clinical text,
// certificates, chat texts, media). Three formats:
// - v1 text: "v1:<keyId>:<iv>:<tag>:<ciphertext>" (base64 pieces), no
//   associated data; still read, still written by the records code.
// - v2 text: "v2:<keyId>:<iv>:<tag>:<ciphertext>", sealed with associated
//   data naming the table, column and row ("InboxMessage.text:<id>"), so a
//   value copied into another row or column does not open.
// - v2 bytes: MAGIC (4) | keyId (4) | iv (12) | tag (16) | ciphertext, with
//   the same associated data (Media.data is bytea).
// keyId names the key, so a rotation keeps old keys for reading
// (ENCRYPTION_KEY_PREVIOUS) while everything new is sealed under
// ENCRYPTION_KEY, and `npm run secrets:reencrypt` moves old values over.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export interface Cipher {
  /** v1, no associated data. */
  encrypt(plaintext: string): string;
  /** Opens v1 values. */
  decrypt(sealed: string): string;
  /** v2 text bound to `aad` (see rowAad). */
  sealText(plaintext: string, aad: string): string;
  /** Opens v2 text sealed with the same `aad`, and v1 values (which carry none). */
  openText(sealed: string, aad: string): string;
  /** v2 binary envelope bound to `aad`. */
  sealBytes(plaintext: Buffer, aad: string): Buffer;
  openBytes(sealed: Buffer, aad: string): Buffer;
  /** The id of the key new values are sealed with. */
  readonly keyId?: string;
}

/** "Media.data:<id>": what a sealed value is bound to. */
export function rowAad(table: string, column: string, rowId: string): string {
  return `${table}.${column}:${rowId}`;
}

/** The first bytes of a sealed binary value: "ZS" 0xB1 0x02 (0xB1 keeps it from reading as text). */
export const BYTES_MAGIC = Buffer.from([0x5a, 0x53, 0xb1, 0x02]);
const BYTES_HEADER = BYTES_MAGIC.length + 4 + 12 + 16;

/** The key id a sealed value names, or undefined for text that is not a sealed value. */
export function sealedKeyId(sealed: string): string | undefined {
  const [version, keyId] = sealed.split(":", 2);
  return (version === "v1" || version === "v2") && keyId ? keyId : undefined;
}

/** The key id a sealed binary value names, or undefined for bytes that are not sealed. */
export function sealedBytesKeyId(sealed: Buffer): string | undefined {
  if (sealed.length < BYTES_HEADER || !sealed.subarray(0, BYTES_MAGIC.length).equals(BYTES_MAGIC)) return undefined;
  return sealed.subarray(BYTES_MAGIC.length, BYTES_MAGIC.length + 4).toString("hex");
}

/** Whether stored text is a sealed value (v1 or v2) rather than text written before sealing. */
export function isSealedText(value: string): boolean {
  return /^v[12]:[0-9a-f]{8}:/.test(value);
}

// The associated data also names the format, so a v2 value cannot be passed off under another version.
const aadBytes = (aad: string) => Buffer.from(`zelo:v2:${aad}`, "utf8");

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

// Nonces come from one draw of the system's random source for many seals
// (each 12-byte slice used once), not one draw each: a draw is a system call,
// about as costly as the sealing itself for a short chat text.
const NONCES_PER_DRAW = 512;
let nonces = Buffer.alloc(0);
let nonceAt = 0;

/** A fresh 96-bit GCM nonce, never handed out twice. */
export function nextNonce(): Buffer {
  if (nonceAt + 12 > nonces.length) {
    nonces = randomBytes(12 * NONCES_PER_DRAW);
    nonceAt = 0;
  }
  const nonce = Buffer.from(nonces.subarray(nonceAt, nonceAt + 12));
  nonceAt += 12;
  return nonce;
}

export function createCipher(key: Buffer): Cipher {
  if (key.length !== 32) throw new Error("an encryption key must be 32 bytes");
  const keyId = keyIdOf(key);
  const keyIdBytes = Buffer.from(keyId, "hex");
  const seal = (plaintext: Buffer, aad: string) => {
    const iv = nextNonce();
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(aadBytes(aad));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { iv, tag: cipher.getAuthTag(), body };
  };
  const open = (iv: Buffer, tag: Buffer, body: Buffer, aad: string) => {
    const decipher = createDecipheriv("aes-256-gcm", key, iv);
    decipher.setAAD(aadBytes(aad));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  };
  const checkKey = (sealedKeyId: string | undefined) => {
    if (sealedKeyId !== keyId) throw new Error(`sealed with key ${sealedKeyId}, not the configured key ${keyId}`);
  };
  const cipher: Cipher = {
    keyId,
    sealText(plaintext, aad) {
      const { iv, tag, body } = seal(Buffer.from(plaintext, "utf8"), aad);
      return ["v2", keyId, iv.toString("base64"), tag.toString("base64"), body.toString("base64")].join(":");
    },
    openText(sealed, aad) {
      if (sealed.startsWith("v1:")) return cipher.decrypt(sealed);
      const [version, sealedKeyId, iv, tag, body] = sealed.split(":");
      if (version !== "v2" || iv === undefined || tag === undefined || body === undefined) throw new Error("not a sealed value");
      checkKey(sealedKeyId);
      return open(Buffer.from(iv, "base64"), Buffer.from(tag, "base64"), Buffer.from(body, "base64"), aad).toString("utf8");
    },
    sealBytes(plaintext, aad) {
      const { iv, tag, body } = seal(plaintext, aad);
      return Buffer.concat([BYTES_MAGIC, keyIdBytes, iv, tag, body]);
    },
    openBytes(sealed, aad) {
      const sealedKeyId = sealedBytesKeyId(sealed);
      if (!sealedKeyId) throw new Error("not a sealed value");
      checkKey(sealedKeyId);
      const at = BYTES_MAGIC.length + 4;
      return open(sealed.subarray(at, at + 12), sealed.subarray(at + 12, at + 28), sealed.subarray(BYTES_HEADER), aad);
    },
    encrypt(plaintext) {
      const iv = nextNonce();
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
  return cipher;
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
  const readerFor = (keyId: string | undefined): Cipher => {
    if (!keyId) throw new Error("not a sealed value");
    const reader = readers.get(keyId);
    if (!reader) throw new Error(`sealed with key ${keyId}, which is neither ENCRYPTION_KEY (${primary.keyId}) nor in ENCRYPTION_KEY_PREVIOUS`);
    return reader;
  };
  return {
    keyId: primary.keyId,
    encrypt: (plaintext) => primary.encrypt(plaintext),
    decrypt: (sealed) => readerFor(sealedKeyId(sealed)).decrypt(sealed),
    sealText: (plaintext, aad) => primary.sealText(plaintext, aad),
    openText: (sealed, aad) => readerFor(sealedKeyId(sealed)).openText(sealed, aad),
    sealBytes: (plaintext, aad) => primary.sealBytes(plaintext, aad),
    openBytes: (sealed, aad) => readerFor(sealedBytesKeyId(sealed)).openBytes(sealed, aad),
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
