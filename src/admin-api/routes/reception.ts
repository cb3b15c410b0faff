// The reception's day at a glance: each professional's appointments of one
// local day with their confirmations, and the waitlist. Read-only; names and
// phones are personal data, so every call is audited.
import type { Router } from "express";
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { DAY_MS, formatLocalDate, parseLocalDate } from "../../scheduling/local-date.js";
import { makeZone } from "../../scheduling/zoned-time.js";
import type { ApiDefinition } from "../registry.js";
import { findKeyOwner, listAgenda, listOpenWaitlist } from "../admin-statements.js";
import { idParams, localDate } from "../schemas.js";
import { findClinic } from "./clinics.js";

const agendaItem = z.object({
  id: z.string(), startsAt: z.string(), endsAt: z.string(), status: z.string(), confirmedAt: z.string().nullable(),
  patientName: z.string().nullable(), phone: z.string(), procedure: z.string(),
}).openapi("AgendaItem");

const waitlistItem = z.object({
  id: z.string(), status: z.string(), patientName: z.string().nullable(), phone: z.string(), procedure: z.string(),
  professional: z.string().nullable(), fromDate: z.string().nullable(), toDate: z.string().nullable(), period: z.string().nullable(),
  weekdays: z.array(z.number()).openapi({ description: "0 = Sunday; empty: any weekday" }),
  periods: z.array(z.string()).openapi({ description: "manha | tarde | noite; empty: any time of day" }),
  offerExpiresAt: z.string().nullable(), createdAt: z.string(),
}).openapi("WaitlistItem");

export function receptionRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock): void {
  // The console signs in with a key alone: this says whose key it is and which clinic it opens.
  api.route(router, {
    method: "get", path: "/me", summary: "The calling key: its name, role and clinic", tag: "Access", roles: ["admin", "reception", "professional"],
    response: z.object({ name: z.string(), role: z.string(), clinicId: z.string().nullable(), clinicName: z.string().nullable(), timeZone: z.string().nullable() }),
  }, async ({ principal }) => {
    const key = await findKeyOwner(db.sql, principal.keyId);
    return { name: key?.name ?? "", role: principal.role, clinicId: principal.clinicId, clinicName: key?.clinicName ?? null, timeZone: key?.timeZone ?? null };
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/agenda", summary: "One day's appointments per professional (default: today in the clinic's zone)", tag: "Reception",
    roles: ["admin", "reception"], healthData: true,
    params: idParams, query: z.object({ date: localDate.optional() }),
    response: z.object({
      date: z.string(),
      professionals: z.array(z.object({ id: z.string(), name: z.string(), appointments: z.array(agendaItem) })),
    }),
  }, async ({ params, query, principal }) => {
    const clinic = await findClinic(db, principal, params.clinicId);
    const zone = makeZone(clinic.timeZone);
    const day = query.date ? parseLocalDate(query.date) : zone.localPartsOf(clock.now().getTime()).dayNumber;
    if (day === null) throw new AppError("validation_failed", "not a calendar date", { field: "date" });
    const from = new Date(zone.instantOfWall(day * DAY_MS).ms);
    const to = new Date(zone.instantOfWall((day + 1) * DAY_MS).ms);
    const rows = await listAgenda(db.sql, params.clinicId, from, to);
    const professionals = new Map<string, { id: string; name: string; appointments: z.infer<typeof agendaItem>[] }>();
    for (const row of rows) {
      const entry = professionals.get(row.professionalId) ?? { id: row.professionalId, name: row.professionalName, appointments: [] };
      entry.appointments.push({
        id: row.id, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString(), status: row.status,
        confirmedAt: row.confirmedAt?.toISOString() ?? null, patientName: row.patientName, phone: row.phone, procedure: row.procedure,
      });
      professionals.set(row.professionalId, entry);
    }
    return { date: formatLocalDate(day), professionals: [...professionals.values()] };
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/waitlist", summary: "Patients waiting for a free time (waiting or with an open offer)", tag: "Reception",
    roles: ["admin", "reception"], healthData: true,
    params: idParams, response: z.object({ entries: z.array(waitlistItem) }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const rows = await listOpenWaitlist(db.sql, params.clinicId);
    return { entries: rows.map((row) => ({ ...row, offerExpiresAt: row.offerExpiresAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() })) };
  });
}
