// Bearer API keys. Only a SHA-256 of each key is stored; a key is shown once,
// when it is created.
import { createHash, randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";

export type ApiRole = "admin" | "reception" | "professional";

export interface ApiPrincipal {
  keyId: string;
  role: ApiRole;
  /** Null for a key that may act on every clinic (the bootstrap admin key). */
  clinicId: string | null;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function newApiKey(): string {
  return `zelo_${randomBytes(24).toString("base64url")}`;
}

/** Creates (or keeps) the key given in ADMIN_API_KEY as an all-clinics admin key. */
export async function ensureBootstrapKey(db: Database, key: string): Promise<void> {
  const keyHash = hashApiKey(key);
  await db.prisma.apiKey.upsert({
    where: { keyHash },
    create: { name: "bootstrap (ADMIN_API_KEY)", keyHash, prefix: key.slice(0, 9), role: "admin", clinicId: null },
    update: { revokedAt: null },
  });
}

export function requireApiKey(db: Database) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.header("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AppError("unauthorized", "missing bearer API key");
    const key = await db.prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(match[1]) } });
    if (!key || key.revokedAt) throw new AppError("unauthorized", "invalid or revoked API key");
    res.locals.principal = { keyId: key.id, role: key.role as ApiRole, clinicId: key.clinicId } satisfies ApiPrincipal;
    next();
  };
}

/** A key bound to a clinic never reaches another clinic's data. */
export function assertClinicAccess(principal: ApiPrincipal, clinicId: string): void {
  if (principal.clinicId !== null && principal.clinicId !== clinicId) {
    throw new AppError("not_found", "clinic not found");
  }
}
