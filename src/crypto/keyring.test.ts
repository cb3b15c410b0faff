import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config.js";
import { createCipher, createKeyring, keyIdOf, loadCipher, parseKey, sealedKeyId } from "./encryption.js";
import { weakKeyReason } from "./key-strength.js";

const OLD = randomBytes(32);
const NEW = randomBytes(32);

describe("key rotation", () => {
  it("seals under the current key and still opens values sealed under a previous one", () => {
    const before = createCipher(OLD).encrypt("nota clínica");
    const keyring = createKeyring(NEW, [OLD]);
    expect(keyring.decrypt(before)).toBe("nota clínica");
    const after = keyring.encrypt("nota clínica");
    expect(sealedKeyId(after)).toBe(keyIdOf(NEW));
    expect(keyring.keyId).toBe(keyIdOf(NEW));
    expect(createCipher(NEW).decrypt(after)).toBe("nota clínica");
  });

  it("names the missing key when a value was sealed under a key it does not hold", () => {
    const stranger = createCipher(randomBytes(32)).encrypt("x");
    expect(() => createKeyring(NEW, [OLD]).decrypt(stranger)).toThrow(/ENCRYPTION_KEY_PREVIOUS/);
    expect(() => createKeyring(NEW).decrypt("plain text")).toThrow(/not a sealed value/);
  });

  it("loads ENCRYPTION_KEY with the comma list in ENCRYPTION_KEY_PREVIOUS", async () => {
    const other = randomBytes(32);
    const sealedOld = createCipher(OLD).encrypt("a");
    const sealedOther = createCipher(other).encrypt("b");
    const cipher = await loadCipher({
      ENCRYPTION_KEY: NEW.toString("hex"), ENCRYPTION_KEY_PREVIOUS: `${OLD.toString("hex")}, ${other.toString("base64")}`,
      DATA_DIR: "/nonexistent", NODE_ENV: "production",
    });
    expect([cipher.decrypt(sealedOld), cipher.decrypt(sealedOther)]).toEqual(["a", "b"]);
    expect(sealedKeyId(cipher.encrypt("c"))).toBe(keyIdOf(NEW));
  });
});

describe("key strength", () => {
  it.each([
    ["a published example", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", /example/],
    ["one repeated byte", "00".repeat(32), /repeats one byte/],
    ["few byte values", "0102".repeat(16), /only 2 different/],
    ["a counting sequence", Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 3 + 5) % 256)).toString("hex"), /counting/],
    ["a password in base64", Buffer.from("minha senha super secreta 123456").toString("base64"), /printable/],
    ["a short pattern repeated", "f3a1c7e9052b4d6f8190a2b3c4d5e6f7".repeat(2), /pattern/],
  ])("refuses %s", (_name, key, reason) => {
    expect(weakKeyReason(key)).toMatch(reason);
  });

  it("accepts random keys, as hex or base64", () => {
    for (let i = 0; i < 50; i++) {
      const key = randomBytes(32);
      expect(weakKeyReason(key.toString("hex"))).toBeUndefined();
      expect(weakKeyReason(key.toString("base64"))).toBeUndefined();
      expect(parseKey(key.toString("base64")).equals(key)).toBe(true);
    }
  });

  it("keeps production from starting with a missing or weak key, and lets development use any well-formed one", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/ENCRYPTION_KEY: required in production/);
    expect(() => loadConfig({ NODE_ENV: "production", ENCRYPTION_KEY: "ab".repeat(32) })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "production", ENCRYPTION_KEY: "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff" }))
      .toThrow(/ENCRYPTION_KEY: is a published example/);
    // A production configuration that passes every other check, so only the key is judged.
    const otherwiseReady = { NODE_ENV: "production", WHATSAPP_CHANNEL: "baileys" };
    expect(loadConfig({ ...otherwiseReady, ENCRYPTION_KEY: NEW.toString("hex") }).ENCRYPTION_KEY).toBe(NEW.toString("hex"));
    expect(loadConfig({ NODE_ENV: "development", ENCRYPTION_KEY: "ab".repeat(32) }).ENCRYPTION_KEY).toBe("ab".repeat(32));
    expect(() => loadConfig({ ENCRYPTION_KEY_PREVIOUS: "not-a-key" })).toThrow(/ENCRYPTION_KEY_PREVIOUS:/);
  });
});
