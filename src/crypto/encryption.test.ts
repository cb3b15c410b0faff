import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { BYTES_MAGIC, createCipher, createKeyring, keyIdOf, loadCipher, nextNonce, parseKey, rowAad, sealedBytesKeyId, sealedKeyId } from "./encryption.js";

const HEX_KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

describe("encryption at rest", () => {
  it("reads back what it sealed, and seals the same text differently each time", () => {
    const cipher = createCipher(parseKey(HEX_KEY));
    const a = cipher.encrypt("chave de sessão 🔐");
    const b = cipher.encrypt("chave de sessão 🔐");
    expect(a).not.toBe(b);
    expect(cipher.decrypt(a)).toBe("chave de sessão 🔐");
    expect(a.split(":")).toHaveLength(5);
    expect(a.startsWith(`v1:${keyIdOf(parseKey(HEX_KEY))}:`)).toBe(true);
    expect(a).not.toContain("sess");
  });

  it("accepts the same key as hex or base64", () => {
    const fromHex = createCipher(parseKey(HEX_KEY));
    const fromBase64 = createCipher(parseKey(Buffer.from(HEX_KEY, "hex").toString("base64")));
    expect(fromBase64.decrypt(fromHex.encrypt("x"))).toBe("x");
  });

  it("refuses a tampered ciphertext", () => {
    const cipher = createCipher(parseKey(HEX_KEY));
    const parts = cipher.encrypt("valor").split(":");
    const body = Buffer.from(parts[4]!, "base64");
    body[0] = body[0]! ^ 1;
    parts[4] = body.toString("base64");
    expect(() => cipher.decrypt(parts.join(":"))).toThrow();
  });

  it("names the key a value was sealed with when another key is configured", () => {
    const sealed = createCipher(parseKey(HEX_KEY)).encrypt("x");
    const other = createCipher(Buffer.alloc(32, 7));
    expect(() => other.decrypt(sealed)).toThrow(/sealed with key/);
  });

  it("keeps one development key in DATA_DIR across restarts, with a warning", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "zelo-key-"));
    const warnings: string[] = [];
    const first = await loadCipher({ DATA_DIR: dir, NODE_ENV: "development" }, (m) => warnings.push(m));
    const second = await loadCipher({ DATA_DIR: dir, NODE_ENV: "development" });
    expect(second.decrypt(first.encrypt("persiste"))).toBe("persiste");
    expect((await readFile(path.join(dir, ".encryption-key"), "utf8")).trim()).toMatch(/^[0-9a-f]{64}$/);
    expect(warnings[0]).toContain("ENCRYPTION_KEY");
    await expect(loadCipher({ DATA_DIR: dir, NODE_ENV: "production" })).rejects.toThrow(/required/);
  });
});

describe("sealing bound to a row (v2)", () => {
  const key = parseKey(HEX_KEY);
  const aad = rowAad("InboxMessage", "text", "row-1");

  it("opens text only with the table, column and row it was sealed for", () => {
    const cipher = createCipher(key);
    const sealed = cipher.sealText("Losartana 50 mg", aad);
    expect(sealed.startsWith(`v2:${keyIdOf(key)}:`)).toBe(true);
    expect(cipher.openText(sealed, aad)).toBe("Losartana 50 mg");
    expect(() => cipher.openText(sealed, rowAad("InboxMessage", "text", "row-2"))).toThrow();
    expect(() => cipher.openText(sealed, rowAad("OutboxMessage", "text", "row-1"))).toThrow();
    expect(() => cipher.decrypt(sealed)).toThrow(/not a sealed value/);
  });

  it("still opens v1 values through openText", () => {
    const cipher = createCipher(key);
    expect(cipher.openText(cipher.encrypt("nota"), aad)).toBe("nota");
  });

  it("seals bytes in an envelope that names its key, and refuses another row, another key or a flipped bit", () => {
    const cipher = createCipher(key);
    const pdf = Buffer.from("%PDF-1.7 Losartana 50 mg");
    const sealed = cipher.sealBytes(pdf, rowAad("Media", "data", "m-1"));
    expect(sealed.subarray(0, 4).equals(BYTES_MAGIC)).toBe(true);
    expect(sealedBytesKeyId(sealed)).toBe(keyIdOf(key));
    expect(sealed.length).toBe(pdf.length + 4 + 4 + 12 + 16);
    expect(cipher.openBytes(sealed, rowAad("Media", "data", "m-1")).equals(pdf)).toBe(true);
    expect(() => cipher.openBytes(sealed, rowAad("Media", "data", "m-2"))).toThrow();
    expect(() => createCipher(Buffer.alloc(32, 7)).openBytes(sealed, rowAad("Media", "data", "m-1"))).toThrow(/sealed with key/);
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 1;
    expect(() => cipher.openBytes(flipped, rowAad("Media", "data", "m-1"))).toThrow();
    expect(sealedBytesKeyId(pdf)).toBeUndefined();
  });

  it("opens v2 values sealed under a previous key of the keyring", () => {
    const old = randomBytes(32);
    const text = createCipher(old).sealText("x", aad);
    const bytes = createCipher(old).sealBytes(Buffer.from("y"), aad);
    const keyring = createKeyring(randomBytes(32), [old]);
    expect(keyring.openText(text, aad)).toBe("x");
    expect(keyring.openBytes(bytes, aad).toString()).toBe("y");
    expect(sealedKeyId(keyring.sealText("z", aad))).toBe(keyring.keyId);
  });
});

describe("nonces", () => {
  it("are never handed out twice, across many draws of the random source", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) seen.add(nextNonce().toString("hex"));
    expect(seen.size).toBe(5000);
    expect([...seen].every((hex) => hex.length === 24)).toBe(true);
  });

  it("are copies: changing one returned does not change the next", () => {
    const first = nextNonce();
    const second = nextNonce();
    first.fill(0);
    expect(second.equals(Buffer.alloc(12))).toBe(false);
  });
});
