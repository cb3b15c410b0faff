// Request and response shapes of the admin API (also its OpenAPI description).
import { z } from "zod";
import { parseLocalDate } from "../scheduling/local-date.js";
import "./registry.js";

/**
 * The API's one rule for dates: a calendar day is "YYYY-MM-DD" (the clinic's
 * local day) and must exist ("2026-02-31" is refused); an instant is ISO 8601
 * with its offset ("2026-11-30T09:00:00-03:00").
 */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine((day) => parseLocalDate(day) !== null, "must be a calendar date (YYYY-MM-DD)")
  .openapi({ description: "YYYY-MM-DD", example: "2026-12-01" });
export const instant = z.iso.datetime({ offset: true }).openapi({ description: "ISO 8601 with offset", example: "2026-12-01T09:00:00-03:00" });

const ianaZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as America/Sao_Paulo");

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const e164 = z.string().regex(/^\+[1-9]\d{7,14}$/, "must be a phone in E.164 form, e.g. +5511987654321");
const UF = ["AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO"] as const;

export const idParams = z.object({ clinicId: z.string().min(1) });
export const professionalParams = z.object({ clinicId: z.string().min(1), professionalId: z.string().min(1) });

export const PAYMENT_METHODS = ["pix", "card", "cash", "installments", "boleto"] as const;

export const faqEntry = z.object({
  question: z.string().trim().min(3).max(200),
  answer: z.string().trim().min(1).max(1000),
}).openapi("FaqEntry");

// What the chat answers about the clinic (docs/clinic-info.md); opening hours come from the professionals' working hours.
const clinicInfoFields = {
  mapsUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().optional()
    .openapi({ description: "Link sent with the address; without it, a Google Maps search link for the address and city" }),
  insurancePlans: z.array(z.string().trim().min(2).max(80)).max(60).optional()
    .openapi({ description: "Health plans (convênios) accepted, as the clinic names them, e.g. [\"Unimed\", \"Amil\"]; empty: private only" }),
  paymentMethods: z.array(z.enum(PAYMENT_METHODS)).max(5).optional()
    .openapi({ description: "How patients may pay at the clinic" }),
  parking: z.string().trim().min(1).max(500).nullable().optional()
    .openapi({ description: "The answer to \"tem estacionamento?\", e.g. \"Sim, estacionamento conveniado no subsolo (R$ 10)\"" }),
  faq: z.array(faqEntry).max(50).optional()
    .openapi({ description: "The clinic's own questions and answers; the chat sends the answer as written" }),
  closedOnCarnival: z.boolean().optional().openapi({ description: "Closed on Carnaval Monday and Tuesday (not a national holiday)" }),
  closedOnCorpusChristi: z.boolean().optional().openapi({ description: "Closed on Corpus Christi (ponto facultativo)" }),
};

export const clinicInput = z
  .object({
    name: z.string().trim().min(2).max(120),
    slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "lowercase letters, digits and dashes")
      // Clinics are looked up by "id or slug" (simulator, WHATSAPP_CLOUD_PHONE_NUMBERS): a slug equal to
      // another clinic's id would make that lookup ambiguous.
      .refine((slug) => !UUID_SHAPE.test(slug), "must not look like a clinic id (a UUID)"),
    timeZone: ianaZone.default("America/Sao_Paulo"),
    address: z.string().trim().max(300).optional(),
    city: z.string().trim().max(120).optional(),
    phone: e164.optional(),
    email: z.email().optional(),
    cancellationNoticeHours: z.number().int().min(0).max(720).optional(),
    cancellationGraceMinutes: z.number().int().min(0).max(1440).optional()
      .openapi({ description: "Minutes right after booking in which a patient may always cancel or reschedule in the chat (default 15)" }),
    reminder24h: z.boolean().optional(),
    reminder2h: z.boolean().optional(),
    waitlistOfferMinutes: z.number().int().min(1).max(1440).optional(),
    ...clinicInfoFields,
  })
  .openapi("ClinicInput");

export const clinicPatch = clinicInput.partial().openapi("ClinicPatch");

export const clinicSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    timeZone: z.string(),
    address: z.string().nullable(),
    city: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    cancellationNoticeHours: z.number(),
    cancellationGraceMinutes: z.number(),
    reminder24h: z.boolean(),
    reminder2h: z.boolean(),
    waitlistOfferMinutes: z.number(),
    mapsUrl: z.string().nullable(),
    insurancePlans: z.array(z.string()),
    paymentMethods: z.array(z.string()),
    parking: z.string().nullable(),
    faq: z.array(faqEntry),
    closedOnCarnival: z.boolean(),
    closedOnCorpusChristi: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("Clinic");

export const professionalInput = z
  .object({
    name: z.string().trim().min(2).max(120),
    crm: z.string().regex(/^\d{1,8}$/, "digits only"),
    crmUf: z.enum(UF),
    rqe: z.string().regex(/^\d{1,8}$/, "digits only").optional(),
    specialty: z.string().trim().max(120).optional(),
    phone: e164.optional(),
    email: z.email().optional(),
    active: z.boolean().optional(),
    slotIntervalMinutes: z.number().int().min(5).max(480).optional(),
    bufferBeforeMinutes: z.number().int().min(0).max(240).optional(),
    bufferAfterMinutes: z.number().int().min(0).max(240).optional(),
    minimumNoticeMinutes: z.number().int().min(0).max(43_200).optional(),
    bookingHorizonDays: z.number().int().min(1).max(365).optional(),
  })
  .openapi("ProfessionalInput");

export const professionalPatch = professionalInput.partial().openapi("ProfessionalPatch");

export const professionalSchema = z
  .object({
    id: z.string(),
    clinicId: z.string(),
    name: z.string(),
    crm: z.string(),
    crmUf: z.string(),
    rqe: z.string().nullable(),
    specialty: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    active: z.boolean(),
    slotIntervalMinutes: z.number(),
    bufferBeforeMinutes: z.number(),
    bufferAfterMinutes: z.number(),
    minimumNoticeMinutes: z.number(),
    bookingHorizonDays: z.number(),
  })
  .openapi("Professional");
