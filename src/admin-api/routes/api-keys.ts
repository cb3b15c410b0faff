// Key management and the audit log, admin only. A key is shown once, in the
// answer that creates it; lists show its prefix, never the key or its hash.
// Operator keys (of no clinic) are managed under /api-keys by operators only;
// the last active one cannot be revoked, so the API is never left without a
// way in short of a restart with a new ADMIN_API_KEY.
import { randomUUID } from "node:crypto";
import type { Router } from "express";
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { API_ROLES, hashApiKey, newApiKey } from "../auth.js";
import type { ApiDefinition } from "../registry.js";
import type { ApiKeyRow } from "../../db/rows.js";
import { insertOperatorKey, listOperatorKeys, lockOperatorKeys, revokeApiKey } from "../admin-statements.js";
import { idParams } from "../schemas.js";
import { findClinic } from "./clinics.js";

const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ description: "The first characters of the key, to tell keys apart" }),
    role: z.enum(API_ROLES),
    clinicId: z.string().nullable(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    bootstrap: z.boolean().openapi({ description: "Created from ADMIN_API_KEY; a start with another ADMIN_API_KEY revokes it" }),
  })
  .openapi("ApiKey");

const auditEventSchema = z
  .object({
    id: z.string(), clinicId: z.string().nullable(), actorType: z.string(), actorId: z.string().nullable(),
    action: z.string(), entityType: z.string(), entityId: z.string().nullable(), ip: z.string().nullable(),
    detail: z.unknown().nullable(), at: z.string(),
  })
  .openapi("AuditEvent");

type KeyRow = Omit<ApiKeyRow, "bootstrap"> & { bootstrap?: boolean };

// Raw rows may carry timestamps as strings (PGlite); Prisma's as Dates.
const iso = (date: Date | string | null) => (date === null ? null : new Date(date).toISOString());
const view = (key: KeyRow) => ({
  id: key.id, name: key.name, prefix: key.prefix, role: key.role as (typeof API_ROLES)[number], clinicId: key.clinicId,
  createdAt: iso(key.createdAt)!, lastUsedAt: iso(key.lastUsedAt), revokedAt: iso(key.revokedAt), bootstrap: key.bootstrap ?? false,
});


export function apiKeyRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock): void {
  operatorKeyRoutes(api, router, db, clock);
  api.route(router, {
    method: "post", path: "/clinics/:clinicId/api-keys", summary: "Create an API key (the key is shown only in this answer)", tag: "Access",
    params: idParams, body: z.object({ name: z.string().trim().min(2).max(120), role: z.enum(API_ROLES) }),
    response: apiKeySchema.extend({ key: z.string() }), status: 201,
    audit: { action: "api_key.create", entityType: "api_key" },
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const key = newApiKey();
    const row = await db.prisma.apiKey.create({
      data: { name: body.name, role: body.role, clinicId: params.clinicId, keyHash: hashApiKey(key), prefix: key.slice(0, 9), createdAt: clock.now() },
    });
    return { ...view(row), key };
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/api-keys", summary: "List the clinic's API keys (never the keys themselves)", tag: "Access",
    params: idParams, response: z.object({ apiKeys: z.array(apiKeySchema) }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const rows = await db.prisma.apiKey.findMany({ where: { clinicId: params.clinicId }, orderBy: { createdAt: "asc" } });
    return { apiKeys: rows.map(view) };
  });

  api.route(router, {
    method: "delete", path: "/clinics/:clinicId/api-keys/:keyId", summary: "Revoke an API key (refused from the next request on)", tag: "Access",
    params: z.object({ clinicId: z.string(), keyId: z.string() }), response: apiKeySchema,
    audit: { action: "api_key.revoke", entityType: "api_key" },
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const existing = await db.prisma.apiKey.findFirst({ where: { id: params.keyId, clinicId: params.clinicId } });
    if (!existing) throw new AppError("not_found", "API key not found", { field: "keyId" });
    const row = existing.revokedAt ? existing : await db.prisma.apiKey.update({ where: { id: existing.id }, data: { revokedAt: clock.now() } });
    return view(row);
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/audit-events", summary: "The clinic's audit log, newest first", tag: "Access",
    params: idParams,
    query: z.object({
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      action: z.string().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(200),
    }),
    response: z.object({ auditEvents: z.array(auditEventSchema) }),
  }, async ({ params, query, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const rows = await db.prisma.auditEvent.findMany({
      where: {
        clinicId: params.clinicId,
        ...(query.action ? { action: query.action } : {}),
        ...(query.from || query.to ? { at: { ...(query.from ? { gte: new Date(query.from) } : {}), ...(query.to ? { lt: new Date(query.to) } : {}) } } : {}),
      },
      orderBy: { at: "desc" },
      take: query.limit,
    });
    return { auditEvents: rows.map((row) => ({ ...row, detail: row.detail ?? null, at: row.at.toISOString() })) };
  });
}

function operatorKeyRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock): void {
  api.route(router, {
    method: "post", path: "/api-keys", summary: "Create an operator key, of no clinic (the key is shown only in this answer)", tag: "Access",
    operatorOnly: true, body: z.object({ name: z.string().trim().min(2).max(120) }),
    response: apiKeySchema.extend({ key: z.string() }), status: 201,
    audit: { action: "api_key.create", entityType: "api_key" },
  }, async ({ body }) => {
    const key = newApiKey();
    const row = await insertOperatorKey(db.sql, { id: randomUUID(), name: body.name, keyHash: hashApiKey(key), prefix: key.slice(0, 9), now: clock.now() });
    return { ...view(row), key };
  });

  api.route(router, {
    method: "get", path: "/api-keys", summary: "List the operator keys (never the keys themselves)", tag: "Access",
    operatorOnly: true, response: z.object({ apiKeys: z.array(apiKeySchema) }),
  }, async () => {
    const rows = await listOperatorKeys(db.sql);
    return { apiKeys: rows.map(view) };
  });

  api.route(router, {
    method: "delete", path: "/api-keys/:keyId", summary: "Revoke an operator key (refused for the last active one: 409 last_operator_key)", tag: "Access",
    operatorOnly: true, params: z.object({ keyId: z.string() }), response: apiKeySchema,
    audit: { action: "api_key.revoke", entityType: "api_key" },
  }, async ({ params }) => db.transaction(async (sql) => {
    // Every operator key locked: two operators revoking each other's key at once cannot both succeed.
    const keys = await lockOperatorKeys(sql);
    const target = keys.find((key) => key.id === params.keyId);
    if (!target) throw new AppError("not_found", "operator key not found", { field: "keyId" });
    if (target.revokedAt) return view(target);
    if (!keys.some((key) => key.id !== target.id && !key.revokedAt)) {
      throw new AppError("last_operator_key", "this is the last active operator key; create another one before revoking it", { field: "keyId" });
    }
    return view(await revokeApiKey(sql, target.id, clock.now()));
  }));
}
