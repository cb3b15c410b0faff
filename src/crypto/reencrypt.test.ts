// Rotation end to end on a real database: values sealed under the old key
// are re-sealed under the new one, in batches, once; values no key opens are
// reported and left alone; every encrypted column of the schema is covered.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/db.js";
import { createCipher, createKeyring, keyIdOf, sealedKeyId } from "./encryption.js";
import { ENCRYPTED_COLUMNS, reencryptAll } from "./reencrypt.js";

let testDb: TestDatabase;
const OLD = randomBytes(32);
const NEW = randomBytes(32);

beforeAll(async () => {
  testDb = await createTestDatabase("reencrypt");
});

afterAll(async () => {
  await testDb?.close();
});

async function authValues(): Promise<Map<string, string>> {
  const rows = await testDb.db.prisma.whatsAppAuthKey.findMany();
  return new Map(rows.map((row) => [row.keyId, row.value]));
}

describe("secrets:reencrypt", () => {
  it("lists every sealed column of the schema", async () => {
    const rows = await testDb.db.sql.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() AND (column_name LIKE '%Sealed' OR column_name LIKE '%Encrypted')`);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      expect(ENCRYPTED_COLUMNS, `${row.table_name}.${row.column_name}`).toContainEqual(expect.objectContaining({ table: row.table_name, column: row.column_name }));
    }
  });

  it("re-seals old values under the current key, in batches, and does nothing the second time", async () => {
    const old = createCipher(OLD);
    const clinic = await testDb.db.prisma.clinic.create({ data: { name: "Clínica Chave", slug: "chave" } });
    const plain = ["creds", "pre-key-1", "pre-key-2", "session-1", "lid-mapping"];
    for (const [i, text] of plain.entries()) {
      await testDb.db.prisma.whatsAppAuthKey.create({ data: { clinicId: clinic.id, type: "t", keyId: `k${i}`, value: old.encrypt(text) } });
    }
    const stranger = createCipher(randomBytes(32)).encrypt("perdido");
    await testDb.db.prisma.whatsAppAuthKey.create({ data: { clinicId: clinic.id, type: "t", keyId: "z-stranger", value: stranger } });

    const keyring = createKeyring(NEW, [OLD]);
    const first = await reencryptAll(testDb.db, keyring, { batchSize: 2 });
    const auth = first.find((r) => r.table === "WhatsAppAuthKey")!;
    expect(auth).toMatchObject({ reencrypted: 5, unreadable: 1 });
    expect(auth.errors[0]).toMatch(/ENCRYPTION_KEY_PREVIOUS/);
    expect(first.filter((r) => r.table !== "WhatsAppAuthKey").every((r) => r.reencrypted === 0 && r.unreadable === 0)).toBe(true);

    const values = await authValues();
    const onlyNew = createCipher(NEW);
    for (const [i, text] of plain.entries()) {
      expect(sealedKeyId(values.get(`k${i}`)!)).toBe(keyIdOf(NEW));
      expect(onlyNew.decrypt(values.get(`k${i}`)!)).toBe(text);
    }
    expect(values.get("z-stranger")).toBe(stranger);

    const second = await reencryptAll(testDb.db, keyring, { batchSize: 2 });
    expect(second.find((r) => r.table === "WhatsAppAuthKey")).toMatchObject({ reencrypted: 0, unreadable: 1 });
    expect(await authValues()).toEqual(values);
  });
});
