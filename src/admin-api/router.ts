// The admin REST API under /api/v1, behind bearer API keys.
import { Router } from "express";
import type { Clock } from "../clock.js";
import type { Database } from "../db/database.js";
import { requireApiKey } from "./auth.js";
import { ApiDefinition } from "./registry.js";
import { clinicRoutes } from "./routes/clinics.js";
import { conversationRoutes } from "./routes/conversations.js";
import { professionalRoutes } from "./routes/professionals.js";

export interface AdminApiDeps {
  db: Database;
  clock: Clock;
}

export function buildAdminApi(deps: AdminApiDeps): { router: Router; api: ApiDefinition } {
  const api = new ApiDefinition();
  const router = Router();
  router.use(requireApiKey(deps.db));
  clinicRoutes(api, router, deps.db);
  professionalRoutes(api, router, deps.db);
  conversationRoutes(api, router, deps.db, deps.clock);
  return { router, api };
}
