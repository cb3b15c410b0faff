// GET /metrics in the Prometheus text format. Open by default (bind it to an
// internal network); with METRICS_TOKEN set it asks for that bearer token.
import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";
import type { Metrics } from "./metrics.js";

export function metricsHandler(metrics: Metrics, token?: string) {
  const expected = token ? digest(`Bearer ${token}`) : undefined;
  return async (req: Request, res: Response): Promise<void> => {
    if (expected && !timingSafeEqual(digest(req.header("authorization") ?? ""), expected)) {
      res.status(401).json({ error: { code: "unauthorized", message: "metrics need the METRICS_TOKEN bearer token" } });
      return;
    }
    res.setHeader("Content-Type", metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  };
}

const digest = (text: string) => createHash("sha256").update(text).digest();
