// Every column that holds sealed values, with how it is sealed: what
// `npm run secrets:reencrypt` walks (reencrypt.ts), one set of named
// statements per column (src/db/reencrypt-statements.ts).
export interface EncryptedColumn {
  table: string;
  column: string;
  /** The primary key columns, for paging and for the update. */
  key: readonly string[];
  /**
   * "v1" (default): text with no associated data. "row": v2 text bound to
   * table, column and the row's (single) key. "rowBytes": the v2 binary envelope in a bytea, bound the same way.
   */
  format?: "v1" | "row" | "rowBytes";
}

/**
 * Every column that holds sealed values. A new encrypted column is one line
 * here; reencrypt.test.ts fails while a "*Sealed" or "*Encrypted" column of
 * the schema is missing from this list.
 */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: "WhatsAppAuthKey", column: "value", key: ["clinicId", "type", "keyId"] },
  { table: "Dictation", column: "draftSealed", key: ["id"] },
  { table: "DictationSegment", column: "transcriptSealed", key: ["id"] },
  { table: "ClinicalNoteVersion", column: "contentSealed", key: ["id"] },
  { table: "ClinicalNoteVersion", column: "transcriptSealed", key: ["id"] },
  { table: "ProfessionalCertificate", column: "pkcs12Sealed", key: ["id"] },
  { table: "ProfessionalCertificate", column: "passwordSealed", key: ["id"] },
  { table: "ProfessionalCloudCertificate", column: "clientSecretSealed", key: ["id"] },
  { table: "PscSignatureSession", column: "accessTokenSealed", key: ["id"] },
  { table: "Document", column: "contentSealed", key: ["id"] },
  { table: "CidAuthorizationRequest", column: "requestSealed", key: ["id"] },
  { table: "PatientDataRequest", column: "requestSealed", key: ["id"] },
  { table: "ClinicPaymentSettings", column: "accessTokenEncrypted", key: ["id"] },
  { table: "ClinicPaymentSettings", column: "webhookSecretEncrypted", key: ["id"] },
  { table: "WhatsAppCloudAccount", column: "accessTokenSealed", key: ["clinicId"] },
  { table: "WhatsAppCloudAccount", column: "appSecretSealed", key: ["clinicId"] },
  // Chat content, bound to its row (src/crypto/sealed-columns.ts); marked in the schema by a 'sealed' column comment.
  { table: "InboxMessage", column: "text", key: ["id"], format: "row" },
  { table: "InboxMessage", column: "payload", key: ["id"], format: "row" },
  { table: "OutboxMessage", column: "text", key: ["id"], format: "row" },
  { table: "OutboxMessage", column: "caption", key: ["id"], format: "row" },
  { table: "OutboxMessage", column: "templateParams", key: ["id"], format: "row" },
  { table: "OutboxMessage", column: "choices", key: ["id"], format: "row" },
  { table: "Conversation", column: "state", key: ["id"], format: "row" },
  { table: "Handoff", column: "reason", key: ["id"], format: "row" },
  { table: "Patient", column: "cpf", key: ["id"], format: "row" },
  { table: "PatientProfile", column: "address", key: ["patientId"], format: "row" },
  { table: "PatientVoiceNote", column: "transcriptSealed", key: ["id"], format: "row" },
  { table: "Media", column: "data", key: ["id"], format: "rowBytes" },
];
