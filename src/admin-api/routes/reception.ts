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
import { idParams } from "../schemas.js";
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

interface AgendaRow {
  id: string; professionalId: string; professionalName: string; startsAt: Date; endsAt: Date; status: string;
  confirmedAt: Date | null; patientName: string | null; phone: string; procedure: string;
}

export function receptionRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock): void {
  // The console signs in with a key alone: this says whose key it is and which clinic it opens.
  api.route(router, {
    method: "get", path: "/me", summary: "The calling key: its name, role and clinic", tag: "Access", roles: ["admin", "reception", "professional"],
    response: z.object({ name: z.string(), role: z.string(), clinicId: z.string().nullable(), clinicName: z.string().nullable(), timeZone: z.string().nullable() }),
  }, async ({ principal }) => {
    const [key] = await db.sql.query<{ name: string; clinicName: string | null; timeZone: string | null }>(
      `SELECT k.name, c.name AS "clinicName", c."timeZone" FROM "ApiKey" k LEFT JOIN "Clinic" c ON c.id = k."clinicId" WHERE k.id = $1`, [principal.keyId]);
    return { name: key?.name ?? "", role: principal.role, clinicId: principal.clinicId, clinicName: key?.clinicName ?? null, timeZone: key?.timeZone ?? null };
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/agenda", summary: "One day's appointments per professional (default: today in the clinic's zone)", tag: "Reception",
    roles: ["admin", "reception"], healthData: true,
    params: idParams, query: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD").optional() }),
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
    const rows = await db.sql.query<AgendaRow>(
      `SELECT a.id, a."professionalId", pr.name AS "professionalName", a."startsAt", a."endsAt", a.status, a."confirmedAt",
         pt.name AS "patientName", pt.phone, pc.name AS procedure
       FROM "Appointment" a JOIN "Professional" pr ON pr.id = a."professionalId" JOIN "Patient" pt ON pt.id = a."patientId"
       JOIN "Procedure" pc ON pc.id = a."procedureId"
       WHERE a."clinicId" = $1 AND a."startsAt" >= $2 AND a."startsAt" < $3 AND a.status <> 'held'
       ORDER BY pr.name, a."startsAt"`,
      [params.clinicId, from, to],
    );
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
    const rows = await db.sql.query<{
      id: string; status: string; patientName: string | null; phone: string; procedure: string; professional: string | null;
      fromDate: string | null; toDate: string | null; period: string | null; weekdays: number[]; periods: string[]; offerExpiresAt: Date | null; createdAt: Date;
    }>(
      `SELECT w.id, w.status, pt.name AS "patientName", pt.phone, pc.name AS procedure, pr.name AS professional,
         w."fromDate", w."toDate", w.period, w.weekdays, w.periods, w."offerExpiresAt", w."createdAt"
       FROM "WaitlistEntry" w JOIN "Patient" pt ON pt.id = w."patientId" JOIN "Procedure" pc ON pc.id = w."procedureId"
       LEFT JOIN "Professional" pr ON pr.id = w."professionalId"
       WHERE w."clinicId" = $1 AND w.status IN ('waiting', 'offered') ORDER BY w."createdAt" LIMIT 500`,
      [params.clinicId],
    );
    return { entries: rows.map((row) => ({ ...row, offerExpiresAt: row.offerExpiresAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() })) };
  });
}
