// The audit trail of the admin API (LGPD: every access to health data leaves
// who, what, when and from where). The registry records routes declared with
// `audit` or `healthData` after they answered; handlers with more to say call
// recordAudit themselves, inside their own transaction.
import { writeAuditEvent } from "../db/audit.js";
import type { Sql } from "../db/database.js";
import type { ApiPrincipal } from "./auth.js";

export interface AuditEntry {
  principal: ApiPrincipal;
  /** The clinic the data belongs to (null for operator-wide actions such as listing every clinic). */
  clinicId: string | null;
  /** Dotted verb, e.g. "patient.read", "note.read", "api_key.create". */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The client's address (req.ip, behind the trusted proxy). */
  ip?: string | null;
  /** Never personal data: route, status, which filters were used. */
  detail?: Record<string, unknown>;
  at: Date;
}

export async function recordAudit(sql: Sql, entry: AuditEntry): Promise<void> {
  const { principal, at, ...event } = entry;
  await writeAuditEvent(sql, { ...event, actorType: "api_key", actorId: principal.keyId }, at);
}

export interface AuditSpec {
  action: string;
  entityType: string;
}

/**
 * What a route that only says `healthData: true` records, from its method and
 * path: GET ".../patients/:patientId" -> patient.read (entity id from
 * :patientId); GET ".../patients/:patientId/notes" -> note.read; POST
 * ".../appointments/:appointmentId/cancel" -> appointment.cancel.
 */
export function defaultAudit(method: string, path: string): AuditSpec & { idParam?: string } {
  const parts = path.split("/").filter(Boolean);
  const last = parts.at(-1) ?? "";
  const beforeLast = parts.at(-2) ?? "";
  if (method !== "get" && !last.startsWith(":") && beforeLast.startsWith(":") && parts.length >= 3) {
    const entityType = singular(parts.at(-3)!);
    return { entityType, action: `${entityType}.${last.replaceAll("-", "_")}`, idParam: beforeLast.slice(1) };
  }
  const named = last.startsWith(":") ? beforeLast : last;
  const entityType = singular(named || "api");
  const verb = method === "get" ? "read" : method === "delete" ? "delete" : method === "post" ? "create" : "update";
  return { entityType, action: `${entityType}.${verb}`, idParam: last.startsWith(":") ? last.slice(1) : undefined };
}

function singular(word: string): string {
  const snake = word.replaceAll("-", "_");
  if (snake.endsWith("ies")) return `${snake.slice(0, -3)}y`;
  return snake.endsWith("s") ? snake.slice(0, -1) : snake;
}
