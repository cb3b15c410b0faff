// One error answer for every HTTP route: `{"error": {"code", "message", "field"?}}`
// with the status of the error's code. Unknown errors are logged and answer
// 500 without details. An unread request body is not read to its end.
import type { NextFunction, Request, Response } from "express";
import { ZodError } from "zod";
import { AppError } from "../errors.js";
import type { Logger } from "../logger.js";
import { requestLogger } from "./request-context.js";

export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const log = requestLogger(res, logger);
    if (!req.complete) hangUpAfterAnswer(req, res);
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      const field = issue?.path.join(".") || undefined;
      res.status(400).json({ error: { code: "validation_failed", message: issue ? `${field ?? "body"}: ${issue.message}` : "invalid request", field } });
      return;
    }
    if (error instanceof AppError) {
      const field = typeof error.details?.field === "string" ? error.details.field : undefined;
      if (error.status >= 500) log.error({ code: error.code, route: req.route?.path }, error.message);
      if (typeof error.details?.retryAfterSeconds === "number") res.setHeader("Retry-After", String(error.details.retryAfterSeconds));
      // A refused schedule change lists the bookings in its way (src/admin-api/routes/schedule-changes.ts).
      const conflicts = Array.isArray(error.details?.conflicts) ? { conflicts: error.details.conflicts } : {};
      res.status(error.status).json({ error: { code: error.code, message: error.message, ...(field ? { field } : {}), ...conflicts } });
      return;
    }
    if (isBodyParserError(error)) {
      res.status(error.status).json({ error: { code: error.status === 413 ? "payload_too_large" : "invalid_json", message: "the request body could not be read as JSON" } });
      return;
    }
    log.error({ err: error, route: req.route?.path }, "unhandled error");
    res.status(500).json({ error: { code: "internal", message: "internal error" } });
  };
}

function isBodyParserError(error: unknown): error is { status: number; type: string } {
  return typeof error === "object" && error !== null && "type" in error && "status" in error && typeof (error as { status: unknown }).status === "number";
}

// Refused before its body was read (a missing key, a body over the limit):
// Node would read the rest of a 30 MB upload to keep the connection. Closing
// at once instead makes the client's kernel reset the connection, and the
// client may lose the answer before reading it; so the rest is dropped for a
// moment (at most LINGER_BYTES), then the connection is closed.
const LINGER_MS = 2000;
const LINGER_BYTES = 4 * 1024 * 1024;

function hangUpAfterAnswer(req: Request, res: Response): void {
  res.once("finish", () => {
    let dropped = 0;
    const hangUp = () => {
      clearTimeout(timer);
      req.socket.destroy();
    };
    const timer = setTimeout(hangUp, LINGER_MS);
    req.on("data", (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > LINGER_BYTES) hangUp();
    });
    req.once("end", () => clearTimeout(timer));
    req.resume();
  });
}

export function notFoundHandler(_req: Request, res: Response): void {
  res.status(404).json({ error: { code: "not_found", message: "no such route" } });
}
