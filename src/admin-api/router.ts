// The admin REST API under /api/v1, behind bearer API keys. No JSON parser
// runs before the key check: each route reads its own body (registry.ts).
import { Router } from "express";
import type { ClinicChats } from "../chat-events/raise.js";
import type { Clock } from "../clock.js";
import type { Database } from "../db/database.js";
import type { Cipher } from "../crypto/encryption.js";
import type { RecordsDeps } from "../records/deps.js";
import { requireApiKey, type ApiAuthOptions } from "./auth.js";
import { ApiDefinition } from "./registry.js";
import { apiKeyRoutes } from "./routes/api-keys.js";
import { handoffRoutes, type HandoffRouteDeps } from "./routes/handoffs.js";
import { receptionRoutes } from "./routes/reception.js";
import { appointmentRoutes } from "./routes/appointments.js";
import { clinicRoutes } from "./routes/clinics.js";
import { closureRoutes } from "./routes/closures.js";
import { privacyRoutes } from "./routes/privacy.js";
import { procedureRoutes } from "./routes/procedures.js";
import { scheduleChangeRoutes } from "./routes/schedule-changes.js";
import { scheduleListingRoutes } from "./routes/schedule-listing.js";
import { conversationRoutes } from "./routes/conversations.js";
import { professionalRoutes } from "./routes/professionals.js";
import { whatsappRoutes } from "./routes/whatsapp.js";
import { cloudApiRoutes } from "./routes/cloud-api.js";
import { certificateRoutes } from "./routes/certificates.js";
import { documentRoutes } from "./routes/documents.js";
import { formularyRoutes } from "./routes/formulary.js";
import { noteRoutes } from "./routes/notes.js";
import { patientRoutes } from "./routes/patients.js";
import { paymentRoutes } from "./routes/payments.js";
import type { PaymentsDeps } from "../payments/deps.js";

export interface AdminApiDeps {
  db: Database;
  /** Seals and opens chat content (conversations, erasure texts, document PDFs). */
  cipher: Cipher;
  /** What the clinic's changes tell the patients (chat events). */
  chats: ClinicChats;
  clock: Clock;
  /** WHATSAPP_CHANNEL, for the WhatsApp session routes. */
  whatsappChannel?: string;
  /** Records and documents (patients, notes, certificates, documents). */
  records?: RecordsDeps;
  /** Per-key and failed-authentication rate limits (API_RATE_LIMIT_PER_MINUTE, API_AUTH_FAILURES_PER_MINUTE). */
  limits?: ApiAuthOptions["limits"];
  /** Pix payments (credentials, payments, daily totals). */
  payments?: PaymentsDeps;
  /** HTTP_BODY_MAX_BYTES: each route reads its JSON body itself, after the key is checked. */
  bodyLimitBytes?: number;
  /** The reception's handoff inbox (HANDOFF_MINUTES, metrics, the outbox's wake-up). */
  handoffs?: Omit<HandoffRouteDeps, "db" | "clock" | "cipher">;
}

export function buildAdminApi(deps: AdminApiDeps): { router: Router; api: ApiDefinition } {
  const api = new ApiDefinition({ db: deps.db, clock: deps.clock, bodyLimitBytes: deps.bodyLimitBytes });
  const router = Router();
  // First, before any body is read: an unauthenticated upload is refused from its headers.
  router.use(requireApiKey(deps.db, { clock: deps.clock, limits: deps.limits }));
  apiKeyRoutes(api, router, deps.db, deps.clock);
  clinicRoutes(api, router, deps.db);
  professionalRoutes(api, router, deps.db);
  conversationRoutes(api, router, deps.db, deps.clock, deps.cipher);
  handoffRoutes(api, router, { db: deps.db, clock: deps.clock, cipher: deps.cipher, handoffMinutes: 120, ...deps.handoffs });
  receptionRoutes(api, router, deps.db, deps.clock);
  procedureRoutes(api, router, deps.db);
  scheduleChangeRoutes(api, router, deps.db, deps.clock, deps.chats);
  closureRoutes(api, router, deps.db, deps.clock, deps.chats);
  scheduleListingRoutes(api, router, deps.db, () => deps.clock.now());
  privacyRoutes(api, router, deps.db, deps.clock, deps.cipher);
  appointmentRoutes(api, router, deps.db, deps.clock, deps.chats);
  paymentRoutes(api, router, { db: deps.db, clock: deps.clock, payments: deps.payments });
  whatsappRoutes(api, router, { db: deps.db, clock: deps.clock, channel: deps.whatsappChannel });
  cloudApiRoutes(api, router, deps.db, deps.clock, deps.cipher);
  patientRoutes(api, router, deps.db, deps.cipher, deps.clock);
  documentRoutes(api, router, deps.db, deps.clock, deps.cipher, deps.chats);
  formularyRoutes(api, router, deps.db);
  if (deps.records) noteRoutes(api, router, deps.db, deps.records);
  if (deps.records) certificateRoutes(api, router, deps.db, deps.clock, deps.records);
  return { router, api };
}
