// Each admin route is declared once: the same zod schemas validate the
// request and describe it in /openapi.json, and the declaration says who may
// call it (`roles`, admin only unless said) and whether it touches health
// data (`healthData`: every call is audited). Both are enforced here, so a new
// route cannot forget them, and a key bound to one clinic never passes a
// `:clinicId` of another.
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import type { NextFunction, Request, Response, Router } from "express";
import { z, type ZodType } from "zod";
import type { Clock } from "../clock.js";
import type { Database } from "../db/database.js";
import { AppError } from "../errors.js";
import { defaultAudit, recordAudit, type AuditSpec } from "./audit.js";
import { jsonBody } from "../http/json-body.js";
import { assertClinicAccess, type ApiPrincipal, type ApiRole } from "./auth.js";

extendZodWithOpenApi(z);

export const errorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

export interface RouteSpec<P extends ZodType, Q extends ZodType, B extends ZodType, R extends ZodType> {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: number;
  /** Who may call it. Not said: admin only, so a new route is closed until its author opens it. */
  roles?: readonly ApiRole[];
  /** Reads or changes health data (patients, notes, documents, a patient's appointments): every call is audited. */
  healthData?: boolean;
  /** Audit every call with this action (also routes without health data, e.g. key management). */
  audit?: AuditSpec;
  /** Only keys of no clinic (operators) may call it, whatever their role. */
  operatorOnly?: boolean;
  /** A larger JSON body than the API's default, for the one route that needs it. */
  bodyLimitBytes?: number;
}

export const ALL_ROLES: readonly ApiRole[] = ["admin", "reception", "professional"];

/** HTTP_BODY_MAX_BYTES's default. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export interface ApiDefinitionOptions {
  /** Where audit events go; required as soon as one route is audited. */
  db?: Database;
  clock?: Clock;
  /** The largest JSON body of a route (HTTP_BODY_MAX_BYTES). */
  bodyLimitBytes?: number;
}

export interface Handled<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: ApiPrincipal;
  req: Request;
}

export class ApiDefinition {
  readonly registry = new OpenAPIRegistry();

  constructor(private readonly options: ApiDefinitionOptions = {}) {
    this.registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  }

  route<P extends ZodType, Q extends ZodType, B extends ZodType, R extends ZodType>(
    router: Router,
    spec: RouteSpec<P, Q, B, R>,
    handler: (input: Handled<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.infer<R>>,
  ): void {
    this.document(spec);
    const audit = this.auditFor(spec);
    // The body is read here, per route, so the key was checked before (router.ts) and
    // only a route that takes a body reads one, up to its own limit.
    const readBody = spec.body
      ? [jsonBody(spec.bodyLimitBytes ?? this.options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES)]
      : [];
    router[spec.method](spec.path, ...readBody, async (req: Request, res: Response, _next: NextFunction) => {
      const principal = res.locals.principal as ApiPrincipal;
      authorize(spec, principal, req.params as Record<string, string>);
      const input = {
        params: (spec.params ? spec.params.parse(req.params) : req.params) as z.infer<P>,
        query: (spec.query ? spec.query.parse(req.query) : {}) as z.infer<Q>,
        body: (spec.body ? spec.body.parse(req.body ?? {}) : undefined) as z.infer<B>,
        principal,
        req,
      };
      const body = spec.response.parse(await handler(input));
      // Before the answer leaves: health data is not shown unless its reading was recorded.
      await audit?.(req, principal, body, spec.status ?? 200);
      res.status(spec.status ?? 200).json(body);
    });
  }

  private auditFor(spec: RouteSpec<ZodType, ZodType, ZodType, ZodType>) {
    if (!spec.audit && !spec.healthData) return undefined;
    const { db, clock } = this.options;
    if (!db || !clock) throw new Error(`${spec.method.toUpperCase()} ${spec.path} is audited: build ApiDefinition with { db, clock }`);
    const derived = defaultAudit(spec.method, spec.path);
    const { action, entityType } = spec.audit ?? derived;
    return async (req: Request, principal: ApiPrincipal, body: unknown, status: number) => {
      const params = req.params as Record<string, string>;
      const createdId = spec.method === "post" && !derived.idParam && isRecord(body) && typeof body.id === "string" ? body.id : undefined;
      const { clinicId: _clinic, ...otherParams } = params;
      await recordAudit(db.sql, {
        principal, action, entityType, at: clock.now(), ip: req.ip ?? null,
        clinicId: params.clinicId ?? principal.clinicId,
        entityId: (derived.idParam ? params[derived.idParam] : undefined) ?? createdId ?? null,
        detail: { method: spec.method.toUpperCase(), route: spec.path, status, params: otherParams, query: Object.keys(req.query ?? {}) },
      });
    };
  }

  private document(spec: RouteSpec<ZodType, ZodType, ZodType, ZodType>): void {
    const status = String(spec.status ?? 200);
    const roles = spec.roles ?? ["admin"];
    this.registry.registerPath({
      method: spec.method,
      path: `/api/v1${spec.path.replace(/:(\w+)/g, "{$1}")}`,
      summary: spec.summary,
      description: `Roles: ${roles.join(", ")}${spec.operatorOnly ? " (operator keys only: keys of no clinic)" : ""}.${spec.healthData || spec.audit ? " Every call leaves an audit event." : ""}`,
      tags: [spec.tag],
      security: [{ bearer: [] }],
      request: {
        params: spec.params as never,
        query: spec.query as never,
        body: spec.body ? { content: { "application/json": { schema: spec.body } } } : undefined,
      },
      responses: {
        [status]: { description: "OK", content: { "application/json": { schema: spec.response } } },
        400: { description: "Invalid request", content: { "application/json": { schema: errorBodySchema } } },
        401: { description: "Missing or invalid API key", content: { "application/json": { schema: errorBodySchema } } },
        403: { description: "The key's role may not do this", content: { "application/json": { schema: errorBodySchema } } },
        404: { description: "Not found (also another clinic's data)", content: { "application/json": { schema: errorBodySchema } } },
        ...(spec.body ? { 413: { description: "The body is larger than the limit (payload_too_large)", content: { "application/json": { schema: errorBodySchema } } } } : {}),
        429: { description: "Too many requests for this key (see Retry-After)", content: { "application/json": { schema: errorBodySchema } } },
      },
    });
  }

  openApiDocument(): object {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: "3.1.0",
      info: { title: "Zelo admin API", version: "1.0.0", description: "Clinic administration for the Zelo WhatsApp assistant." },
      servers: [{ url: "/" }],
    });
  }
}

function authorize(spec: { roles?: readonly ApiRole[]; operatorOnly?: boolean }, principal: ApiPrincipal, params: Record<string, string>): void {
  if (!(spec.roles ?? ["admin"]).includes(principal.role)) throw new AppError("forbidden", `a ${principal.role} key may not do this`);
  if (spec.operatorOnly && principal.clinicId !== null) throw new AppError("forbidden", "only an operator key (of no clinic) may do this");
  if (typeof params.clinicId === "string") assertClinicAccess(principal, params.clinicId);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
