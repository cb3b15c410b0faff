// JSON request bodies, read only up to a limit and refused at once past it.
// express.json() answers an oversized body only after reading all of it (to
// spare the client a broken pipe), so a 30 MB upload at a crawl held a
// handler for its whole length. Here a declared Content-Length over the
// limit is refused before one byte is read, a chunked body as soon as it
// passes the limit, and the error handler closes the connection instead of
// draining what is left (errors.ts).
import type { NextFunction, Request, RequestHandler, Response } from "express";
import getRawBody from "raw-body";
import { AppError } from "../errors.js";

const READ = Symbol("json body read");

export function jsonBody(limitBytes: number): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const marked = req as Request & { [READ]?: true };
    if (marked[READ] || !hasBody(req) || !req.is("json")) return next();
    marked[READ] = true;
    const encoding = (req.header("content-encoding") ?? "identity").toLowerCase();
    if (encoding !== "identity") return next(new AppError("unsupported_media_type", "compressed request bodies are not accepted"));
    const charset = /;\s*charset=("?)([^";]+)\1/i.exec(req.header("content-type") ?? "")?.[2]?.toLowerCase();
    if (charset && charset !== "utf-8" && charset !== "utf8") return next(new AppError("unsupported_media_type", "JSON bodies must be UTF-8"));
    const declared = Number(req.header("content-length"));
    if (declared > limitBytes) return next(tooLarge(limitBytes));
    getRawBody(req, { limit: limitBytes, length: req.header("content-length") ?? null, encoding: "utf-8" }, (error, text) => {
      if (error) return next((error as { type?: string }).type === "entity.too.large" ? tooLarge(limitBytes) : new AppError("invalid_json", "the request body could not be read"));
      try {
        req.body = text === "" ? undefined : JSON.parse(text);
        next();
      } catch {
        next(new AppError("invalid_json", "the request body is not valid JSON"));
      }
    });
  };
}

function hasBody(req: Request): boolean {
  return req.header("transfer-encoding") !== undefined || Number(req.header("content-length")) > 0;
}

function tooLarge(limitBytes: number): AppError {
  return new AppError("payload_too_large", `the request body is larger than ${limitBytes} bytes`);
}
