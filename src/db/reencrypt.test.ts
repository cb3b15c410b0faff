// Rotation end to end on a real database: values sealed under the old key
// are re-sealed under the new one, in batches, once; values no key opens are
// reported and left alone; every encrypted column of the schema is covered.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/db.js";
import { createCipher, createKeyring, keyIdOf, rowAad, sealedBytesKeyId, sealedKeyId } from "../crypto/encryption.js";
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
    // Sealed columns are named "*Sealed" / "*Encrypted", or (chat columns that keep their names) commented 'sealed' in a migration.
    const rows = await testDb.db.sql.query<{ table_name: string; column_name: string; marked: boolean }>(
      `SELECT table_name, column_name,
         col_description(format('%I.%I', table_schema, table_name)::regclass, ordinal_position) = 'sealed' AS marked
       FROM information_schema.columns
       WHERE table_schema = current_schema() AND (column_name LIKE '%Sealed' OR column_name LIKE '%Encrypted'
         OR col_description(format('%I.%I', table_schema, table_name)::regclass, ordinal_position) = 'sealed')`);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.filter((row) => row.marked).map((row) => `${row.table_name}.${row.column_name}`).sort()).toEqual([
      "Conversation.state", "InboxMessage.payload", "InboxMessage.text", "Media.data", "OutboxMessage.caption", "OutboxMessage.choices", "OutboxMessage.text",
      "Patient.cpf", "PatientProfile.address",
      "PatientVoiceNote.transcriptSealed",
    ]);
    for (const row of rows) {
      const format = row.marked ? (row.column_name === "data" ? "rowBytes" : "row") : undefined;
      expect(ENCRYPTED_COLUMNS, `${row.table_name}.${row.column_name}`).toContainEqual(
        expect.objectContaining({ table: row.table_name, column: row.column_name, ...(format ? { format } : {}) }));
    }
  });

  it("re-seals chat texts and media bound to their rows, and seals values stored in clear before sealing", async () => {
    const old = createCipher(OLD);
    const clinic = await testDb.db.prisma.clinic.create({ data: { name: "Clínica Linhas", slug: "linhas" } });
    const ids = { legacy: randomUUID(), oldKey: randomUUID(), legacyMedia: randomUUID(), oldMedia: randomUUID() };
    const inbox = (id: string, text: string) => testDb.db.sql.query(
      `INSERT INTO "InboxMessage" (id, "clinicId", "chatKey", "senderPhone", "providerMessageId", kind, text) VALUES ($1, $2, 'c', 'c', $1, 'text', $3)`,
      [id, clinic.id, text]);
    await inbox(ids.legacy, "Losartana 50 mg");
    await inbox(ids.oldKey, old.sealText("Metformina 850 mg", rowAad("InboxMessage", "text", ids.oldKey)));
    const media = (id: string, data: Buffer) => testDb.db.sql.query(
      `INSERT INTO "Media" (id, "clinicId", mimetype, sha256, "sizeBytes", data) VALUES ($1, $2, 'application/pdf', 'x', 1, decode($3, 'base64'))`,
      [id, clinic.id, data.toString("base64")]);
    await media(ids.legacyMedia, Buffer.from("%PDF-1.7 receita"));
    await media(ids.oldMedia, old.sealBytes(Buffer.from("%PDF-1.7 atestado"), rowAad("Media", "data", ids.oldMedia)));

    const keyring = createKeyring(NEW, [OLD]);
    const first = await reencryptAll(testDb.db, keyring, { batchSize: 1 });
    expect(first.find((r) => r.table === "InboxMessage" && r.column === "text")).toMatchObject({ reencrypted: 2, unreadable: 0 });
    expect(first.find((r) => r.table === "Media")).toMatchObject({ reencrypted: 2, unreadable: 0 });

    const onlyNew = createCipher(NEW);
    const texts = await testDb.db.sql.query<{ id: string; text: string }>(`SELECT id, text FROM "InboxMessage" WHERE "clinicId" = $1`, [clinic.id]);
    const textOf = (id: string) => texts.find((row) => row.id === id)!.text;
    expect(sealedKeyId(textOf(ids.legacy))).toBe(keyIdOf(NEW));
    expect(onlyNew.openText(textOf(ids.legacy), rowAad("InboxMessage", "text", ids.legacy))).toBe("Losartana 50 mg");
    expect(onlyNew.openText(textOf(ids.oldKey), rowAad("InboxMessage", "text", ids.oldKey))).toBe("Metformina 850 mg");
    const files = await testDb.db.sql.query<{ id: string; data: string }>(`SELECT id, encode(data, 'base64') AS data FROM "Media" WHERE "clinicId" = $1`, [clinic.id]);
    const fileOf = (id: string) => Buffer.from(files.find((row) => row.id === id)!.data.replace(/\s/g, ""), "base64");
    expect(sealedBytesKeyId(fileOf(ids.legacyMedia))).toBe(keyIdOf(NEW));
    expect(onlyNew.openBytes(fileOf(ids.legacyMedia), rowAad("Media", "data", ids.legacyMedia)).toString()).toBe("%PDF-1.7 receita");
    expect(onlyNew.openBytes(fileOf(ids.oldMedia), rowAad("Media", "data", ids.oldMedia)).toString()).toBe("%PDF-1.7 atestado");

    const second = await reencryptAll(testDb.db, keyring);
    const chatColumns = second.filter((r) => ["InboxMessage", "OutboxMessage", "Conversation", "Media"].includes(r.table));
    expect(chatColumns.map((r) => `${r.table}.${r.column}`).sort()).toEqual([
      "Conversation.state", "InboxMessage.payload", "InboxMessage.text", "Media.data",
      "OutboxMessage.caption", "OutboxMessage.choices", "OutboxMessage.templateParams", "OutboxMessage.text",
    ]);
    expect(chatColumns.every((r) => r.reencrypted === 0 && r.unreadable === 0)).toBe(true);
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
