// Stored media (voice notes, documents, images, data exports), sealed with
// their row (src/crypto/sealed-columns.ts). Bytes travel as base64 text
// and are converted in SQL: the PGlite driver adapter cannot bind a bytea
// parameter from Prisma 6.19 ("Invalid input for bytea type"), and this way
// both databases take the same path.
import { createHash, randomUUID } from "node:crypto";
import type { Cipher } from "../crypto/encryption.js";
import { openMedia, sealMedia } from "../crypto/sealed-columns.js";
import type { Sql } from "./database.js";
import { findMedia, insertMedia } from "./db-statements.js";

export interface MediaInput {
  clinicId: string;
  data: Buffer;
  mimetype: string;
  filename?: string | null;
}

export interface StoredMedia {
  id: string;
  clinicId: string;
  mimetype: string;
  filename: string | null;
  sha256: string;
  sizeBytes: number;
  data: Buffer;
}

export async function saveMedia(sql: Sql, cipher: Cipher, input: MediaInput, id: string = randomUUID()): Promise<string> {
  const sha256 = createHash("sha256").update(input.data).digest("hex");
  const sealed = sealMedia(cipher, id, input.data);
  await insertMedia(sql, {
    id, clinicId: input.clinicId, mimetype: input.mimetype, filename: input.filename ?? null, sha256, sizeBytes: input.data.length,
    dataBase64: sealed.toString("base64"),
  });
  return id;
}

export async function loadMedia(sql: Sql, cipher: Cipher, id: string): Promise<StoredMedia | null> {
  const row = await findMedia(sql, id);
  return row ? { ...row, data: openMedia(cipher, row.id, Buffer.from(row.data.replace(/\s/g, ""), "base64")) } : null;
}
