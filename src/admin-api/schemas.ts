// Request and response shapes of the admin API (also its OpenAPI description).
import { z } from "zod";
import "./registry.js";

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
