// The one writer of the audit trail (who, what, when, from where), used by
// the admin API, the chat's use cases and the scheduling and privacy code alike.
import { randomUUID } from "node:crypto";
import type { Sql } from "./database.js";
import { insertAuditEvent } from "./db-statements.js";

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
  await insertAuditEvent(sql, {
    id: randomUUID(), clinicId: event.clinicId, actorType: event.actorType, actorId: event.actorId ?? null, action: event.action, entityType: event.entityType,
    entityId: event.entityId ?? null, detail: event.detail ? JSON.stringify(event.detail) : null, ip: event.ip ?? null, at,
  });
}
