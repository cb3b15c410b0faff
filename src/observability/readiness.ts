// GET /readyz: each dependency with its own status, so an operator sees what
// is wrong, and 503 while any of them is not ready. The WhatsApp part is a
// summary, not a gate: a clinic whose phone is logged out must not take the
// whole service out of a load balancer.
import type { Database } from "../db/database.js";
import { pendingMigrations } from "../db/migrate.js";
import { countJobsPending, countSessionsByStatus, pingDatabase } from "./observability-statements.js";

export interface Readiness {
  ready: boolean;
  database: { status: "ok" | "error"; kind: string; error?: string };
  migrations: { status: "ok" | "pending" | "unknown"; pending: string[] };
  jobs: { status: "ok" | "error"; pending?: number; error?: string };
  whatsapp: { channel: string; sessions: Record<string, number> };
}

export async function checkReadiness(db: Database, channel: string): Promise<Readiness> {
  const database = await pingDatabase(db.sql).then(
    () => ({ status: "ok" as const, kind: db.kind }),
    (error: unknown) => ({ status: "error" as const, kind: db.kind, error: messageOf(error) }),
  );
  if (database.status === "error") {
    return { ready: false, database, migrations: { status: "unknown", pending: [] }, jobs: { status: "error", error: "database unavailable" }, whatsapp: { channel, sessions: {} } };
  }
  const pending = await pendingMigrations(db).catch(() => undefined);
  const migrations = pending === undefined
    ? { status: "unknown" as const, pending: [] }
    : { status: pending.length === 0 ? ("ok" as const) : ("pending" as const), pending };
  const jobs = await countJobsPending(db.sql).then(
    (pending) => ({ status: "ok" as const, pending }),
    (error: unknown) => ({ status: "error" as const, error: messageOf(error) }),
  );
  const sessions: Record<string, number> = {};
  if (channel === "baileys") {
    const rows = await countSessionsByStatus(db.sql).catch(() => []);
    for (const row of rows) sessions[row.status] = Number(row.n);
  }
  return { ready: migrations.status === "ok" && jobs.status === "ok", database, migrations, jobs, whatsapp: { channel, sessions } };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 200);
}
