// Chat and media columns sealed with their row (v2, see encryption.ts): the
// associated data is "<table>.<column>:<row id>", so a sealed chat text
// copied into another message does not open. Rows written before sealing
// hold clear values; they are read as they are until
// `npm run secrets:reencrypt` seals them (a v1/v2 prefix or the binary magic
// tells the two apart; a patient's text that looks like "v2:..." is sealed
// like any other, so it never reaches the database in that form).
import { isSealedText, rowAad, sealedBytesKeyId, type Cipher } from "./encryption.js";

/** Every text column sealed per row. A new one is a line here and in ENCRYPTED_COLUMNS (encrypted-columns.ts). */
export type SealedTextColumn =
  | "InboxMessage.text"
  | "InboxMessage.payload"
  | "OutboxMessage.text"
  | "OutboxMessage.caption"
  | "OutboxMessage.templateParams"
  | "OutboxMessage.choices"
  | "Conversation.state"
  | "Handoff.reason"
  // The patient's identity for prescriptions (src/records/patient-identity.ts); PatientProfile's row id is its patientId.
  | "Patient.cpf"
  | "PatientProfile.address"
  | "PatientVoiceNote.transcriptSealed";

const aadOf = (column: string, rowId: string) => {
  const [table, name] = column.split(".") as [string, string];
  return rowAad(table, name, rowId);
};

export function sealColumn(cipher: Cipher, column: SealedTextColumn, rowId: string, value: string): string;
export function sealColumn(cipher: Cipher, column: SealedTextColumn, rowId: string, value: string | null | undefined): string | null;
export function sealColumn(cipher: Cipher, column: SealedTextColumn, rowId: string, value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : cipher.sealText(value, aadOf(column, rowId));
}

export function openColumn(cipher: Cipher, column: SealedTextColumn, rowId: string, stored: string | null): string | null {
  if (stored === null) return null;
  return isSealedText(stored) ? cipher.openText(stored, aadOf(column, rowId)) : stored;
}

/** A conversation's state as stored (sealed JSON); null means "not started". */
export function sealState(cipher: Cipher, conversationId: string, state: unknown): string {
  return sealColumn(cipher, "Conversation.state", conversationId, JSON.stringify(state));
}

export function openState(cipher: Cipher, conversationId: string, stored: string | null): unknown {
  const text = openColumn(cipher, "Conversation.state", conversationId, stored);
  return text === null ? null : JSON.parse(text);
}

export function sealMedia(cipher: Cipher, mediaId: string, data: Buffer): Buffer {
  return cipher.sealBytes(data, rowAad("Media", "data", mediaId));
}

export function openMedia(cipher: Cipher, mediaId: string, stored: Buffer): Buffer {
  return sealedBytesKeyId(stored) ? cipher.openBytes(stored, rowAad("Media", "data", mediaId)) : stored;
}
