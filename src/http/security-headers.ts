// Headers on every answer (helmet), and the Content-Security-Policy of our
// own HTML pages (pagePolicies). The default policy allows nothing, so a JSON answer or a
// PDF opened in a browser runs no script and is never framed; a page lists
// the exact inline <script> and <style> blocks it ships, by hash, so an
// injected one (say, through a clinic name that escaping missed) does not run.
import { createHash } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import helmet from "helmet";

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
    },
    referrerPolicy: { policy: "no-referrer" },
    xFrameOptions: { action: "deny" },
    // Browsers only keep it from an https answer; subdomains are the operator's business.
    strictTransportSecurity: { maxAge: 180 * 24 * 60 * 60, includeSubDomains: false },
  });
}

/** "<script>a()</script>" -> "'sha256-...'" for each inline block of that tag without attributes. */
function inlineHashes(html: string, tag: "script" | "style"): string[] {
  const blocks = html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"));
  return [...blocks].map(([, body]) => `'sha256-${createHash("sha256").update(body ?? "").digest("base64")}'`);
}

export function pagePolicy(html: string): string {
  const scripts = inlineHashes(html, "script");
  const styles = inlineHashes(html, "style");
  return [
    "default-src 'none'",
    `script-src ${scripts.length > 0 ? scripts.join(" ") : "'none'"}`,
    `style-src ${styles.length > 0 ? styles.join(" ") : "'none'"}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Every HTML page sent as a string (the simulator, the verification pages)
 * gets the policy of its own inline blocks when it is sent, so a page needs
 * no list of hashes kept by hand and a new page cannot forget one.
 */
export function pagePolicies(): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      const type = res.get("Content-Type");
      // Express itself sends a string without a type as text/html.
      if (typeof body === "string" && (type === undefined || /^text\/html\b/i.test(type))) {
        res.setHeader("Content-Security-Policy", pagePolicy(body));
      }
      return send(body);
    };
    next();
  };
}
