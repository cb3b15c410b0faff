// The SQL of the public pages (document verification), named (src/db/statements.ts).
import type { Sql } from "../db/database.js";
import type { VerifiedDocumentRow } from "../db/rows.js";
import { firstRow, statement } from "../db/statements.js";
import type { DocumentKind } from "../documents/document-types.js";

export type VerifiedDocument = Omit<VerifiedDocumentRow, "kind"> & { kind: DocumentKind };

const signedByCode = statement<VerifiedDocument>("http.findSignedDocument",
  `SELECT d.kind, d."verificationCode", d."secretCode", d."pdfMediaId", d.sha256, d."signedAt", d."revokedAt", d."revokeReason", d."isTest",
     pr.name AS "professionalName", pr.crm, pr."crmUf", pa.name AS "patientName", c.name AS "clinicName", c."timeZone"
   FROM "Document" d JOIN "Professional" pr ON pr.id = d."professionalId" JOIN "Patient" pa ON pa.id = d."patientId"
     JOIN "Clinic" c ON c.id = d."clinicId"
   WHERE d."verificationCode" = $1 AND d.status = 'signed' AND d."pdfMediaId" IS NOT NULL`);
/** A signed document with its PDF, by its printed code (any case). */
export const findSignedDocument = (sql: Sql, verificationCode: string) => firstRow(sql, signedByCode, [verificationCode.toUpperCase()]);
