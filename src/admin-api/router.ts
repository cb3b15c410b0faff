// The admin REST API under /api/v1, behind bearer API keys.
import { Router } from "express";
import type { Clock } from "../clock.js";
import type { Database } from "../db/database.js";
import { requireApiKey } from "./auth.js";
import { ApiDefinition } from "./registry.js";
import { appointmentRoutes } from "./routes/appointments.js";
import { clinicRoutes } from "./routes/clinics.js";
import { procedureRoutes } from "./routes/procedures.js";
import { conversationRoutes } from "./routes/conversations.js";
import { professionalRoutes } from "./routes/professionals.js";
import { whatsappRoutes } from "./routes/whatsapp.js";

export interface AdminApiDeps {
  db: Database;
  clock: Clock;
  /** WHATSAPP_CHANNEL, for the WhatsApp session routes. */
  whatsappChannel?: string;
}

export function buildAdminApi(deps: AdminApiDeps): { router: Router; api: ApiDefinition } {
  const api = new ApiDefinition();
  const router = Router();
  router.use(requireApiKey(deps.db));
  clinicRoutes(api, router, deps.db);
  professionalRoutes(api, router, deps.db);
  conversationRoutes(api, router, deps.db, deps.clock);
  procedureRoutes(api, router, deps.db);
  appointmentRoutes(api, router, deps.db, deps.clock);
  whatsappRoutes(api, router, { db: deps.db, clock: deps.clock, channel: deps.whatsappChannel });
  return { router, api };
}
