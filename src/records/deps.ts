// What the records and documents use cases need besides the transaction:
// sealing (AES-256-GCM at rest), the job queue, a few settings, and a way to
// wake the outbox after writing rows for it.
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";

export interface Sealer {
  seal(plaintext: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/** Loads the key on first use, so a service that never seals anything never needs one. */
export function lazySealer(load: () => Promise<Cipher>): Sealer {
  let cipher: Promise<Cipher> | undefined;
  const get = () => (cipher ??= load());
  return {
    seal: async (plaintext) => (await get()).encrypt(plaintext),
    open: async (sealed) => (await get()).decrypt(sealed),
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
  settings: RecordsSettings;
  enqueue(sql: Sql, name: string, data: object): Promise<unknown>;
  wakeOutbox(): void;
}
