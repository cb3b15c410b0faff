// Clinical content is never stored in clear: a doctor types a prescription
// for "Hidroclorotiazida 50 mg" and a patient mentions it in the chat; then every
// table and column of the database (and, on PostgreSQL, a pg_dump) is
// searched for the drug name as text, inside bytea, and as base64 or hex.
// The sealed values are opened here with node:crypto directly (not the
// code under test): with the right key and row they give the plaintext, with
// another key or another row they do not open.
import { execFileSync } from "node:child_process";
import { createDecipheriv, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKey } from "../src/crypto/encryption.js";
import { createTestDatabase, testDatabaseKind, testPostgresUrl, type TestDatabase } from "./support/db.js";
import { addPatient, TEST_ENCRYPTION_KEY } from "./support/records.js";
import { DOCTOR, startTestService, texts, type TestService } from "./support/service.js";

// A long name: each base64 form of it is at least 16 characters, so random ciphertext cannot hold one by chance
// (a short name such as "Losartana" has 4-character forms, which a database of sealed text holds now and then).
const DRUG = "Hidroclorotiazida";
const PRESCRIPTION = `${DRUG} 50 mg comprimido; 30 comprimidos; tomar 1 comprimido por dia`;
const PATIENT_TEXT = `Estou tomando ${DRUG} 50 mg, posso marcar um retorno?`;
const MARIA = { name: "Maria Aparecida Silva", phone: "+5511933340001", cpf: "529.982.247-25", address: "Rua das Flores, 10 - São Paulo/SP" };

let testDb: TestDatabase;
let service: TestService;

beforeAll(async () => {
  testDb = await createTestDatabase("sealed_at_rest");
  service = await startTestService(testDb.db);
  await testDb.db.prisma.professional.updateMany({ where: { clinicId: service.clinicId, crm: "123456" }, data: { rqe: "54321" } });
  await addPatient(testDb.db, service.clinicId, MARIA);
});

afterAll(async () => {
  await service?.stop();
  await testDb?.close();
});

/** The needle's forms to look for: the text in three cases, its hex, and its base64 at the three byte alignments. */
function forms(needle: string): string[] {
  const cases = [needle, needle.toLowerCase(), needle.toUpperCase()];
  const hex = cases.map((text) => Buffer.from(text).toString("hex"));
  const base64 = cases.flatMap((text) => [0, 1, 2].map((pad) =>
    // Characters of the groups that hold only needle bytes (the first and last groups also hold neighbours).
    Buffer.concat([Buffer.alloc(pad), Buffer.from(text)]).toString("base64").slice(4, -4)));
  return [...cases, ...hex, ...base64];
}
const FORMS = forms(DRUG);
const leaks = (haystack: string): string[] => FORMS.filter((form) => haystack.toLowerCase().includes(form.toLowerCase()));

interface Column { schema: string; table: string; column: string; type: string }

/** Every row of every table as text, plus every bytea value decoded (as bytes, as utf8, and its text read as base64 and hex). */
async function scanDatabase(): Promise<string[]> {
  const sql = testDb.db.sql;
  const columns = await sql.query<Column>(
    `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column, c.data_type AS type
     FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')`);
  const tables = [...new Set(columns.map((c) => `"${c.schema}"."${c.table}"`))];
  expect(tables.length).toBeGreaterThan(20);
  const found: string[] = [];
  for (const table of tables) {
    const rows = await sql.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`);
    for (const { row } of rows) for (const form of leaks(row)) found.push(`${table} row: ${form}`);
  }
  for (const column of columns.filter((c) => c.type === "bytea")) {
    const values = await sql.query<{ value: string }>(
      `SELECT encode("${column.column}", 'base64') AS value FROM "${column.schema}"."${column.table}" WHERE "${column.column}" IS NOT NULL`);
    for (const { value } of values) {
      const bytes = Buffer.from(value.replace(/\s/g, ""), "base64");
      const asText = bytes.toString("latin1");
      const decoded = [asText, bytes.toString("utf8"), Buffer.from(asText, "base64").toString("latin1"), Buffer.from(asText.replace(/[^0-9a-f]/gi, ""), "hex").toString("latin1")];
      for (const text of decoded) for (const form of leaks(text)) found.push(`${column.table}.${column.column} bytes: ${form}`);
    }
  }
  return found;
}

/** v2 text, opened with node:crypto: "v2:<keyId>:<iv>:<tag>:<ciphertext>", associated data "zelo:v2:<table>.<column>:<id>". */
function openV2(sealed: string, key: Buffer, aad: string): string {
  const [version, , iv, tag, body] = sealed.split(":");
  expect(version).toBe("v2");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv!, "base64"));
  decipher.setAAD(Buffer.from(`zelo:v2:${aad}`));
  decipher.setAuthTag(Buffer.from(tag!, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(body!, "base64")), decipher.final()]).toString("utf8");
}

/** The binary envelope: magic (4) | key id (4) | iv (12) | tag (16) | ciphertext. */
function openEnvelope(sealed: Buffer, key: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.subarray(8, 20));
  decipher.setAAD(Buffer.from(`zelo:v2:${aad}`));
  decipher.setAuthTag(sealed.subarray(20, 36));
  return Buffer.concat([decipher.update(sealed.subarray(36)), decipher.final()]);
}

const KEY = parseKey(TEST_ENCRYPTION_KEY);
const OTHER_KEY = randomBytes(32);

describe("clinical content at rest", () => {
  it("keeps a typed prescription draft out of the database in clear while it waits for confirmation", async () => {
    expect(texts(await service.say(DOCTOR, "paciente Maria Aparecida")).join("\n")).toContain("Paciente escolhido");
    expect(texts(await service.say(DOCTOR, "receita"))[0]).toContain("Digite os medicamentos");
    const draft = texts(await service.say(DOCTOR, PRESCRIPTION));
    expect(draft[0]).toContain(`1. ${DRUG} 50 mg comprimido`);
    // The draft now lives in the doctor's conversation state, the texts in the inbox and outbox.
    expect(await scanDatabase()).toEqual([]);
  });

  it("finds the drug nowhere after the document is signed and delivered and the patient chatted about it", async () => {
    await service.say(DOCTOR, "1");
    await service.jobs.runDue();
    await service.outbox.flush();
    await service.say(MARIA.phone, "oi");
    await service.say(MARIA.phone, PATIENT_TEXT);
    const document = await testDb.db.prisma.document.findFirstOrThrow({ where: { clinicId: service.clinicId } });
    expect(document.status).toBe("signed");
    expect(await scanDatabase()).toEqual([]);
  });

  it("leaves nothing in a pg_dump of the database", async ({ skip }) => {
    if (testDatabaseKind() !== "postgres") skip("pg_dump needs PostgreSQL (ZELO_TEST_DB=postgres)");
    const [{ name }] = await testDb.db.sql.query<{ name: string }>(`SELECT current_database() AS name`) as [{ name: string }];
    const dump = execFileSync("pg_dump", ["--data-only", "--no-owner", testPostgresUrl(name)], { maxBuffer: 512 * 1024 * 1024 }).toString("latin1");
    expect(dump).toContain("COPY public.\"InboxMessage\"");
    expect(leaks(dump)).toEqual([]);
  });

  it("opens the patient's text only with the key and the row it was sealed for, and its stored form decodes to nothing readable", async () => {
    const [message] = await testDb.db.sql.query<{ id: string; text: string }>(
      `SELECT id, text FROM "InboxMessage" WHERE "chatKey" = $1 ORDER BY seq DESC LIMIT 1`, [MARIA.phone]);
    const [other] = await testDb.db.sql.query<{ id: string }>(
      `SELECT id FROM "InboxMessage" WHERE "chatKey" = $1 AND id <> $2 LIMIT 1`, [MARIA.phone, message!.id]);
    expect(openV2(message!.text, KEY, `InboxMessage.text:${message!.id}`)).toBe(PATIENT_TEXT);
    expect(() => openV2(message!.text, OTHER_KEY, `InboxMessage.text:${message!.id}`)).toThrow();
    expect(() => openV2(message!.text, KEY, `InboxMessage.text:${other!.id}`)).toThrow();
    expect(() => openV2(message!.text, KEY, `OutboxMessage.text:${message!.id}`)).toThrow();
    for (const piece of message!.text.split(":")) {
      for (const decoded of [Buffer.from(piece, "base64"), Buffer.from(piece, "hex"), Buffer.from(piece, "utf8")]) {
        expect(decoded.toString("latin1").toLowerCase()).not.toContain(DRUG.toLowerCase());
      }
    }
  });

  it("refuses a chat text moved into another row, where the service reads it back", async () => {
    const rows = await testDb.db.sql.query<{ id: string; text: string }>(
      `SELECT id, text FROM "OutboxMessage" WHERE "chatKey" = $1 AND text IS NOT NULL ORDER BY seq`, [DOCTOR]);
    const draftReply = rows.find((row) => openV2(row.text, KEY, `OutboxMessage.text:${row.id}`).includes(DRUG))!;
    const target = rows.find((row) => row.id !== draftReply.id)!;
    const before = await fetch(`${service.url}/simulator/chats/${encodeURIComponent(DOCTOR)}/messages`);
    expect(before.status).toBe(200);
    await testDb.db.sql.query(`UPDATE "OutboxMessage" SET text = $2 WHERE id = $1`, [target.id, draftReply.text]);
    const after = await fetch(`${service.url}/simulator/chats/${encodeURIComponent(DOCTOR)}/messages`);
    expect(after.status).toBe(500);
    expect(await after.text()).not.toContain(DRUG);
    await testDb.db.sql.query(`UPDATE "OutboxMessage" SET text = $2 WHERE id = $1`, [target.id, target.text]);
  });

  it("stores the signed PDF as an envelope that opens only for its own row and key, never as a PDF", async () => {
    const document = await testDb.db.prisma.document.findFirstOrThrow({ where: { clinicId: service.clinicId } });
    const [media] = await testDb.db.sql.query<{ id: string; data: string }>(
      `SELECT id, encode(data, 'base64') AS data FROM "Media" WHERE id = $1`, [document.pdfMediaId]);
    const stored = Buffer.from(media!.data.replace(/\s/g, ""), "base64");
    expect(stored.includes(Buffer.from("%PDF"))).toBe(false);
    const pdf = openEnvelope(stored, KEY, `Media.data:${media!.id}`);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(() => openEnvelope(stored, OTHER_KEY, `Media.data:${media!.id}`)).toThrow();
    expect(() => openEnvelope(stored, KEY, `Media.data:${document.id}`)).toThrow();
    // The service still serves it to whoever holds the verification secret.
    const served = await fetch(`${service.url}/v/${document.verificationCode}/pdf?_secretCode=${encodeURIComponent(document.secretCode)}`);
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(pdf)).toBe(true);
  });
});
