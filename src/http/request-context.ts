// Gives every HTTP request an id (the caller's `x-request-id` when it is a
// plain token, else a new UUID), echoes it in the answer, and hands the
// handlers a child logger that carries it. On finish: one log line and one
// histogram sample, labelled by the route template ("/clinics/:clinicId"),
// never the concrete path, which may hold a phone number.
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../logger.js";
import type { Metrics } from "../observability/metrics.js";

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestContext(logger: Logger, metrics?: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.header("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    // Made when first asked for: most answers log nothing at `info`, and a child logger costs a little on every request.
    let log: Logger | undefined;
    const child = () => (log ??= logger.child({ requestId }));
    res.setHeader("x-request-id", requestId);
    res.locals.requestId = requestId;
    res.locals.requestLogger = child;
    const started = performance.now();
    res.on("finish", () => {
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : "unmatched";
      const seconds = (performance.now() - started) / 1000;
      metrics?.httpRequests.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      const level = res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "info" : "debug";
      if (logger.isLevelEnabled(level)) child()[level]({ method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, "request");
    });
    next();
  };
}

/** The request's logger (with its id), for handlers and the error handler. */
export function requestLogger(res: Response, fallback: Logger): Logger {
  return (res.locals.requestLogger as (() => Logger) | undefined)?.() ?? fallback;
}
