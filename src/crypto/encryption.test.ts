import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createCipher, keyIdOf, loadCipher, parseKey } from "./encryption.js";

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
