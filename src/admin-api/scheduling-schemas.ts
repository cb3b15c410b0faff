// Shapes of the scheduling part of the admin API.
import { z } from "zod";
import "./registry.js";
import { localDate } from "./schemas.js";

const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "HH:MM, e.g. 08:00");
const interval = z.object({ start: wallTime, end: wallTime }).refine((i) => i.start < i.end, { message: "start must be before end", path: ["end"] });

export const procedureInput = z
  .object({
    name: z.string().trim().min(2).max(120),
    durationMinutes: z.number().int().min(5).max(600),
    priceCents: z.number().int().min(0).max(10_000_000).default(0),
    prepaymentRequired: z.boolean().default(false),
    paymentHoldMinutes: z.number().int().min(5).max(1440).default(30),
    professionalIds: z.array(z.string().min(1)).min(1),
    active: z.boolean().optional(),
    cancellationNoticeHours: z.number().int().min(0).max(720).nullable().optional()
      .openapi({ description: "How late a patient may cancel or reschedule this procedure in the chat, in hours; null: the clinic's rule" }),
    requiresPreviousWithinDays: z.number().int().min(1).max(3650).nullable().optional()
      .openapi({ description: "Only patients with a completed appointment within this many days may book it in the chat (a Retorno); null: anyone" }),
    minAgeYears: z.number().int().min(0).max(130).nullable().optional()
      .openapi({ description: "Only patients of at least this age in whole years may book it in the chat (the chat asks a birth date it does not know); null: no minimum" }),
    maxAgeYears: z.number().int().min(0).max(130).nullable().optional()
      .openapi({ description: "Only patients of at most this age in whole years (12: until the day before the 13th birthday); null: no maximum" }),
    requiresReferral: z.boolean().optional()
      .openapi({ description: "The patient needs a medical referral: the chat says to bring it (or to talk to the reception)" }),
    preparation: z.string().trim().min(1).max(1000).nullable().optional()
      .openapi({ description: "Preparation instructions the chat gives when asked, e.g. \"Jejum de 8 horas\"" }),
  })
  .openapi("ProcedureInput");

// Without the defaults: zod 4's partial() keeps them, so `{"prepaymentRequired": true}` reset the price to 0.
export const procedurePatch = procedureInput
  .extend({ priceCents: z.number().int().min(0).max(10_000_000), prepaymentRequired: z.boolean(), paymentHoldMinutes: z.number().int().min(5).max(1440) })
  .partial()
  .openapi("ProcedurePatch");

export const procedureSchema = z
  .object({
    id: z.string(), clinicId: z.string(), name: z.string(), durationMinutes: z.number(), priceCents: z.number(),
    prepaymentRequired: z.boolean(), paymentHoldMinutes: z.number(), professionalIds: z.array(z.string()), active: z.boolean(),
    cancellationNoticeHours: z.number().nullable(), requiresPreviousWithinDays: z.number().nullable(),
    minAgeYears: z.number().nullable(), maxAgeYears: z.number().nullable(), requiresReferral: z.boolean(), preparation: z.string().nullable(),
  })
  .openapi("Procedure");

export const weeklyHoursSchema = z
  .object({
    hours: z.array(z.object({ weekday: z.number().int().min(0).max(6), start: wallTime, end: wallTime })
      .refine((h) => h.start < h.end, { message: "start must be before end", path: ["end"] })),
  })
  .openapi("WeeklyHours");

/** What to do with booked appointments a schedule change runs over; without it such a change is refused (409 conflicts_with_bookings). */
export const onConflictInput = z.enum(["cancelAndNotify", "keep"]).openapi({
  description: "cancelAndNotify: cancel each booking in the way, tell the patient in the chat (with the reason) and offer the time to the waitlist; keep: leave them booked",
});
export const affectedBookingSchema = z
  .object({ appointmentId: z.string(), patientName: z.string().nullable(), phone: z.string(), startsAt: z.string(), endsAt: z.string() })
  .openapi("AffectedBooking");

export const overrideInput = z.object({ intervals: z.array(interval), reason: z.string().max(200).optional(), onConflict: onConflictInput.optional() }).openapi("DateOverrideInput");
export const overridePatch = z.object({ intervals: z.array(interval).optional(), reason: z.string().max(200).nullable().optional(), onConflict: onConflictInput.optional() }).openapi("DateOverridePatch");
export const overrideSchema = z.object({
  date: localDate, intervals: z.array(z.object({ start: z.string(), end: z.string() })), reason: z.string().nullable(),
  affected: z.array(affectedBookingSchema).openapi({ description: "Bookings the new hours leave out (cancelled or kept, as onConflict said)" }),
}).openapi("DateOverride");

export const timeOffInput = z
  .object({ startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }), reason: z.string().max(200).optional(), onConflict: onConflictInput.optional() })
  .refine((t) => Date.parse(t.startsAt) < Date.parse(t.endsAt), { message: "startsAt must be before endsAt", path: ["endsAt"] })
  .openapi("TimeOffInput");
/** Only what is given changes; the new range is checked against bookings as a new time off is. */
export const timeOffPatch = z
  .object({ startsAt: z.iso.datetime({ offset: true }).optional(), endsAt: z.iso.datetime({ offset: true }).optional(), reason: z.string().max(200).nullable().optional(), onConflict: onConflictInput.optional() })
  .openapi("TimeOffPatch");
export const timeOffSchema = z.object({
  id: z.string(), startsAt: z.string(), endsAt: z.string(), reason: z.string().nullable(),
  affected: z.array(affectedBookingSchema).openapi({ description: "Bookings inside the time off (cancelled or kept, as onConflict said)" }),
}).openapi("TimeOff");

export const appointmentStatus = z.enum(["held", "booked", "confirmed", "cancelled", "completed", "no_show", "expired"]);

// One rule for every route: dates are YYYY-MM-DD (the clinic's local day), instants ISO 8601 with an offset.
// A range bound may be either: `from=2026-11-29` is the start of that day in the clinic's zone, `to=2026-11-29` its end.
const dateOrInstant = z.union([localDate, z.iso.datetime({ offset: true })]);

export const appointmentQuery = z.object({
  from: dateOrInstant.optional().openapi({ description: "YYYY-MM-DD (from the start of that local day) or an ISO 8601 instant with offset" }),
  to: dateOrInstant.optional().openapi({ description: "YYYY-MM-DD (to the end of that local day, inclusive) or an ISO 8601 instant with offset (exclusive)" }),
  professionalId: z.string().optional(),
  patientId: z.string().optional(),
  status: appointmentStatus.optional(),
  unconfirmed: z.enum(["true", "false"]).optional().openapi({ description: "true: reminder sent, no answer yet" }),
});

export const appointmentSchema = z
  .object({
    id: z.string(), professionalId: z.string(), patientId: z.string(), procedureId: z.string(),
    startsAt: z.string(), endsAt: z.string(), status: z.string(), source: z.string(),
    reminderSentAt: z.string().nullable(), confirmedAt: z.string().nullable(),
    confirmedBy: z.string().nullable().optional().openapi({ description: "In lists: who confirmed it, \"patient\" (in the chat) or \"api_key\" (the reception)" }),
  })
  .openapi("Appointment");

export const appointmentInput = z
  .object({ patientId: z.string(), procedureId: z.string(), professionalId: z.string(), startsAt: z.iso.datetime({ offset: true }) })
  .openapi("AppointmentInput");

export const rescheduleInput = z
  .object({ startsAt: z.iso.datetime({ offset: true }), professionalId: z.string().optional().openapi({ description: "Default: the same professional" }) })
  .openapi("RescheduleInput");

export const slotQuery = z.object({
  procedureId: z.string(),
  professionalId: z.string().optional(),
  from: localDate.optional(),
  to: localDate.optional(),
});
