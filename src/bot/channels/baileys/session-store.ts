// The WhatsAppSession row of each clinic: the lease that makes one instance
// the owner of a number, the status the admin API shows, and the commands
// (pairing phone, logout) the admin API leaves for the owner to carry out.
import type { Clock } from "../../../clock.js";
import type { Database } from "../../../db/database.js";
import { acquireLease, ensureSessionRows, listClaimableSessions, releaseLease, renewLeases } from "./baileys-statements.js";

export type SessionStatus = "disconnected" | "connecting" | "qr" | "connected" | "logged_out";

export interface SessionPatch {
  status?: SessionStatus;
  lastError?: string | null;
  qr?: string | null;
  phone?: string | null;
  attempts?: number;
  nextAttemptAt?: Date | null;
  lastConnectedAt?: Date;
  pairingCode?: string | null;
  pairingPhone?: string | null;
  logoutRequested?: boolean;
  enabled?: boolean;
}

export interface SessionCommand {
  clinicId: string;
  enabled: boolean;
  pairingPhone: string | null;
  pairingCode: string | null;
  logoutRequested: boolean;
}

export class SessionStore {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    readonly instanceId: string,
    readonly leaseMs: number,
  ) {}

  /** Every clinic gets a session row (enabled) the first time an instance sees it. */
  async ensureRows(): Promise<void> {
    await ensureSessionRows(this.db.sql, this.clock.now());
  }

  /** Enabled sessions nobody holds (no owner, or a lease that ran out). */
  async claimable(): Promise<string[]> {
    return listClaimableSessions(this.db.sql, this.clock.now(), this.instanceId);
  }

  /** Takes the lease if it is free; one UPDATE, so two instances never both win. */
  async acquire(clinicId: string): Promise<boolean> {
    const now = this.clock.now();
    return acquireLease(this.db.sql, clinicId, this.instanceId, new Date(now.getTime() + this.leaseMs), now);
  }

  /** Renews the given leases; answers the ones this instance no longer holds. */
  async renew(clinicIds: string[]): Promise<string[]> {
    if (clinicIds.length === 0) return [];
    const now = this.clock.now();
    const kept = new Set(await renewLeases(this.db.sql, clinicIds, this.instanceId, new Date(now.getTime() + this.leaseMs), now));
    return clinicIds.filter((id) => !kept.has(id));
  }

  async release(clinicId: string): Promise<void> {
    await releaseLease(this.db.sql, clinicId, this.instanceId);
  }

  /** Only the owner writes a session's status. */
  async update(clinicId: string, patch: SessionPatch): Promise<void> {
    const now = this.clock.now();
    await this.db.prisma.whatsAppSession.updateMany({
      where: { clinicId, ownerInstanceId: this.instanceId },
      data: { ...patch, ...(patch.status ? { statusChangedAt: now } : {}), updatedAt: now },
    });
  }

  async commands(clinicIds: string[]): Promise<SessionCommand[]> {
    if (clinicIds.length === 0) return [];
    return this.db.prisma.whatsAppSession.findMany({
      where: { clinicId: { in: clinicIds }, ownerInstanceId: this.instanceId },
      select: { clinicId: true, enabled: true, pairingPhone: true, pairingCode: true, logoutRequested: true },
    });
  }
}
