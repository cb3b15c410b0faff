// The one writer of the audit trail (who, what, when, from where), used by
// the admin API, the chat's use cases and the scheduling and privacy code alike.
import { randomUUID } from "node:crypto";
import type { Sql } from "./database.js";

export interface AuditEvent {
  clinicId: string | null;
  /** "api_key", "patient", "system", ... */
  actorType: string;
  actorId?: string | null;
  /** Dotted verb, e.g. "appointment.booked", "note.read". */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Never personal data: ids, route, which filters were used. */
  detail?: object;
  ip?: string | null;
}

export async function writeAuditEvent(sql: Sql, event: AuditEvent, at: Date): Promise<void> {
  await sql.query(
    `INSERT INTO "AuditEvent" (id, "clinicId", "actorType", "actorId", action, "entityType", "entityId", detail, ip, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10)`,
    [randomUUID(), event.clinicId, event.actorType, event.actorId ?? null, event.action, event.entityType,
      event.entityId ?? null, event.detail ? JSON.stringify(event.detail) : null, event.ip ?? null, at],
  );
}
