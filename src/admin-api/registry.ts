// Each admin route is declared once: the same zod schemas validate the
// request and describe it in /openapi.json.
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import type { NextFunction, Request, Response, Router } from "express";
import { z, type ZodType } from "zod";
import type { ApiPrincipal } from "./auth.js";

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

  constructor() {
    this.registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  }

  route<P extends ZodType, Q extends ZodType, B extends ZodType, R extends ZodType>(
    router: Router,
    spec: RouteSpec<P, Q, B, R>,
    handler: (input: Handled<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.infer<R>>,
  ): void {
    this.document(spec);
    router[spec.method](spec.path, async (req: Request, res: Response, _next: NextFunction) => {
      const input = {
        params: (spec.params ? spec.params.parse(req.params) : req.params) as z.infer<P>,
        query: (spec.query ? spec.query.parse(req.query) : {}) as z.infer<Q>,
        body: (spec.body ? spec.body.parse(req.body ?? {}) : undefined) as z.infer<B>,
        principal: res.locals.principal as ApiPrincipal,
        req,
      };
      const result = await handler(input);
      res.status(spec.status ?? 200).json(spec.response.parse(result));
    });
  }

  private document(spec: RouteSpec<ZodType, ZodType, ZodType, ZodType>): void {
    const status = String(spec.status ?? 200);
    this.registry.registerPath({
      method: spec.method,
      path: `/api/v1${spec.path.replace(/:(\w+)/g, "{$1}")}`,
      summary: spec.summary,
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
        404: { description: "Not found", content: { "application/json": { schema: errorBodySchema } } },
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
