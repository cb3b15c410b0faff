// What the records and documents use cases need besides the transaction:
// sealing (AES-256-GCM at rest), the job queue, a few settings, the chat
// events they raise, and a way to have those handled once they are committed.
import type { ChatEvents } from "../chat-events/raise.js";
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
  /** A transcriber is there: patients' voice notes are read (src/records/voice-notes.ts). */
  transcriptionConfigured: boolean;
  maxSeconds: number;
  maxBytes: number;
  audioRetentionDays: number;
  /** Base of the verification links printed on documents. */
  verifyBaseUrl: string;
}

export interface RecordsDeps {
  sealer: Sealer;
  /** Seals the media the records write (per row, src/crypto/sealed-columns.ts). */
  cipher: Cipher;
  /** What the doctor and the patient are told, as chat events their flows answer. */
  events: ChatEvents;
  settings: RecordsSettings;
  enqueue(sql: Sql, name: string, data: object): Promise<unknown>;
  /** Handles the chat events committed outside a turn (a job's), and sends what they queued. */
  wakeChats(): Promise<void>;
}

/** A stored voice note handed to dictation. */
export interface AudioRef {
  mediaId: string;
  durationSeconds: number;
}
