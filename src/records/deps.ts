// What the records and documents use cases need besides the transaction:
// sealing (AES-256-GCM at rest), the job queue, a few settings, and a way to
// wake the outbox after writing rows for it.
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";

export interface Sealer {
  seal(plaintext: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/** The records' v1 sealing (no associated data) over the service's cipher. */
export function sealerOf(cipher: Cipher): Sealer {
  return {
    seal: async (plaintext) => cipher.encrypt(plaintext),
    open: async (sealed) => cipher.decrypt(sealed),
  };
}

export interface RecordsSettings {
  production: boolean;
  dictationConfigured: boolean;
  maxSeconds: number;
  maxBytes: number;
  audioRetentionDays: number;
  /** Base of the verification links printed on documents. */
  verifyBaseUrl: string;
}

export interface RecordsDeps {
  sealer: Sealer;
  /** Seals the chat texts and media the records write (per row, src/crypto/sealed-columns.ts). */
  cipher: Cipher;
  settings: RecordsSettings;
  enqueue(sql: Sql, name: string, data: object): Promise<unknown>;
  wakeOutbox(): void;
}
