// Appointments for the reception: list with filters, free slots, book,
// cancel, mark attendance. Every change leaves an audit event.
import type { Router } from "express";
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { ClinicChats } from "../../chat-events/raise.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { findFreeSlots, loadAgendaProfessionals, loadProcedure } from "../../scheduling/agenda.js";
import { cancelByClinic } from "../../payments/cancel-by-clinic.js";
import { tellBookedForYou } from "../../scheduling/clinic-changes.js";
import { markAttendance } from "../../scheduling/cancel-appointment.js";
import { DAY_MS, parseLocalDate } from "../../scheduling/local-date.js";
import { makeZone } from "../../scheduling/zoned-time.js";
import { confirmHold, holdSlot } from "../../scheduling/hold-and-book.js";
import type { ApiDefinition } from "../registry.js";
import { offerReplacedTime } from "../../scheduling/waitlist.js";
import { appointmentInput, appointmentQuery, appointmentSchema, rescheduleInput, slotQuery } from "../scheduling-schemas.js";
import { idParams } from "../schemas.js";
import { findClinic } from "./clinics.js";
import { listLastConfirmations } from "../admin-records-statements.js";

type Row = { id: string; professionalId: string; patientId: string; procedureId: string; startsAt: Date; endsAt: Date; status: string; source: string; reminder24hSentAt: Date | null; reminder2hSentAt: Date | null; confirmedAt: Date | null };

const view = (a: Row) => ({
  id: a.id, professionalId: a.professionalId, patientId: a.patientId, procedureId: a.procedureId,
  startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString(), status: a.status, source: a.source,
  reminderSentAt: (a.reminder2hSentAt ?? a.reminder24hSentAt)?.toISOString() ?? null,
  confirmedAt: a.confirmedAt?.toISOString() ?? null,
});

/** Who confirmed each appointment ("patient" in the chat, "api_key" at the reception), from the audit trail. */
async function confirmedBy(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await listLastConfirmations(db.sql, ids);
  return new Map(rows.map((r) => [r.entityId, r.actorType]));
}

/** A local date is the start (or the end) of that day in the clinic's zone; an instant is itself. */
function boundOf(value: string, timeZone: string, side: "start" | "end"): Date {
  const day = parseLocalDate(value);
  if (day === null) return new Date(value);
  return new Date(makeZone(timeZone).instantOfWall((side === "start" ? day : day + 1) * DAY_MS).ms);
}

const appointmentParams = z.object({ clinicId: z.string(), appointmentId: z.string() });

export function appointmentRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock, chats: ClinicChats): void {
  api.route(router, {
    method: "get", path: "/clinics/:clinicId/appointments", summary: "List appointments", tag: "Scheduling", roles: ["admin", "reception", "professional"], healthData: true,
    params: idParams, query: appointmentQuery, response: z.object({ appointments: z.array(appointmentSchema) }),
  }, async ({ params, query, principal }) => {
    const clinic = await findClinic(db, principal, params.clinicId);
    const rows = await db.prisma.appointment.findMany({
      where: {
        clinicId: params.clinicId,
        ...(query.from || query.to ? { startsAt: {
          ...(query.from ? { gte: boundOf(query.from, clinic.timeZone, "start") } : {}),
          ...(query.to ? { lt: boundOf(query.to, clinic.timeZone, "end") } : {}),
        } } : {}),
        ...(query.professionalId ? { professionalId: query.professionalId } : {}),
        ...(query.patientId ? { patientId: query.patientId } : {}),
        ...(query.status ? { status: query.status } : {}),
        ...(query.unconfirmed === "true" ? { status: "booked", OR: [{ reminder24hSentAt: { not: null } }, { reminder2hSentAt: { not: null } }] } : {}),
      },
      orderBy: { startsAt: "asc" },
      take: 1000,
    });
    const confirmers = await confirmedBy(db, rows.filter((r) => r.confirmedAt).map((r) => r.id));
    return { appointments: rows.map((r) => ({ ...view(r), confirmedBy: confirmers.get(r.id) ?? null })) };
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/slots", summary: "Free times for a procedure", tag: "Scheduling", roles: ["admin", "reception", "professional"],
    params: idParams, query: slotQuery,
    response: z.object({ slots: z.array(z.object({ professionalId: z.string(), startsAt: z.string(), endsAt: z.string() })) }),
  }, async ({ params, query, principal }) => {
    const clinic = await findClinic(db, principal, params.clinicId);
    const procedure = await loadProcedure(db.sql, clinic.id, query.procedureId);
    if (!procedure) throw new AppError("not_found", "procedure not found", { field: "procedureId" });
    const ids = query.professionalId ? [query.professionalId] : procedure.professionalIds;
    const professionals = await loadAgendaProfessionals(db.sql, clinic.id, ids);
    const slots = await findFreeSlots(db.sql, { timeZone: clinic.timeZone, now: clock.now(), procedure, professionals, from: query.from, to: query.to, limitPerProfessional: 500 });
    return { slots: slots.map((s) => ({ professionalId: s.professionalId, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })) };
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/appointments", summary: "Book an appointment (the patient gets the confirmation in the chat)", tag: "Scheduling", roles: ["admin", "reception", "professional"], healthData: true,
    params: idParams, body: appointmentInput, response: appointmentSchema, status: 201,
  }, async ({ params, body, principal }) => {
    const clinic = await findClinic(db, principal, params.clinicId);
    const procedure = await db.prisma.procedure.findFirst({ where: { id: body.procedureId, clinicId: clinic.id } });
    if (!procedure) throw new AppError("not_found", "procedure not found", { field: "procedureId" });
    if (!procedure.professionalIds.includes(body.professionalId)) throw new AppError("validation_failed", "this professional does not perform this procedure", { field: "professionalId" });
    const patient = await db.prisma.patient.findFirst({ where: { id: body.patientId, clinicId: clinic.id } });
    if (!patient) throw new AppError("not_found", "patient not found", { field: "patientId" });
    const startsAt = new Date(body.startsAt);
    const now = clock.now();
    const id = await db.transaction(async (sql) => {
      const held = await holdSlot(sql, { clinicId: clinic.id, patientId: patient.id, procedureId: procedure.id, professionalId: body.professionalId, startsAt, endsAt: new Date(startsAt.getTime() + procedure.durationMinutes * 60_000), holdMinutes: 1, source: "admin" }, now);
      if (!held) throw new AppError("slot_taken", "the professional already has an appointment at this time", { field: "startsAt" });
      const result = await confirmHold(sql, held.id, clinic, now, { type: "api_key", id: principal.keyId });
      if (!("booked" in result)) throw new AppError("slot_taken", "the time was taken", { field: "startsAt" });
      await tellBookedForYou(sql, chats.events, result.booked.id, now);
      return result.booked.id;
    });
    await chats.wake();
    return view(await db.prisma.appointment.findUniqueOrThrow({ where: { id } }));
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/appointments/:appointmentId/reschedule", summary: "Move an appointment to another time (the patient gets the new time in the chat; the old time goes to the waitlist)", tag: "Scheduling", roles: ["admin", "reception", "professional"], healthData: true,
    params: appointmentParams, body: rescheduleInput, response: appointmentSchema, status: 201,
  }, async ({ params, body, principal }) => {
    const clinic = await findClinic(db, principal, params.clinicId);
    const old = await db.prisma.appointment.findFirst({ where: { id: params.appointmentId, clinicId: clinic.id, status: { in: ["booked", "confirmed"] } } });
    if (!old) throw new AppError("not_found", "no booked appointment with this id", { field: "appointmentId" });
    const procedure = await db.prisma.procedure.findFirstOrThrow({ where: { id: old.procedureId } });
    const professionalId = body.professionalId ?? old.professionalId;
    if (!procedure.professionalIds.includes(professionalId)) throw new AppError("validation_failed", "this professional does not perform this procedure", { field: "professionalId" });
    const startsAt = new Date(body.startsAt);
    const now = clock.now();
    const id = await db.transaction(async (sql) => {
      // The new time is held first and the old one released only once it is booked: a taken time leaves the appointment as it was.
      const held = await holdSlot(sql, { clinicId: clinic.id, patientId: old.patientId, procedureId: old.procedureId, professionalId, startsAt, endsAt: new Date(startsAt.getTime() + procedure.durationMinutes * 60_000), holdMinutes: 1, source: "admin", rescheduleOf: old.id }, now);
      if (!held) throw new AppError("slot_taken", "the professional already has an appointment at this time", { field: "startsAt" });
      const result = await confirmHold(sql, held.id, clinic, now, { type: "api_key", id: principal.keyId });
      if (!("booked" in result)) throw new AppError("slot_taken", "the time was taken", { field: "startsAt" });
      await tellBookedForYou(sql, chats.events, result.booked.id, now);
      await offerReplacedTime(sql, chats.events, result.booked.id, now);
      return result.booked.id;
    });
    await chats.wake();
    return view(await db.prisma.appointment.findUniqueOrThrow({ where: { id } }));
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/appointments/:appointmentId/cancel", summary: "Cancel (tells the patient, with the reason, and offers the time to the waitlist)", tag: "Scheduling", roles: ["admin", "reception", "professional"], healthData: true,
    params: appointmentParams, body: z.object({ reason: z.string().max(300).optional() }), response: appointmentSchema,
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const now = clock.now();
    await db.transaction(async (sql) => {
      const result = await cancelByClinic(sql, chats.events, { appointmentId: params.appointmentId, clinicId: params.clinicId, actor: { type: "api_key", id: principal.keyId }, reason: body.reason }, now);
      if ("notFound" in result) throw new AppError("not_found", "no active appointment with this id", { field: "appointmentId" });
    });
    await chats.wake();
    return view(await db.prisma.appointment.findUniqueOrThrow({ where: { id: params.appointmentId } }));
  });

  for (const [path, status] of [["no-show", "no_show"], ["complete", "completed"]] as const) {
    api.route(router, {
      method: "post", path: `/clinics/:clinicId/appointments/:appointmentId/${path}`, summary: `Mark as ${status}`, tag: "Scheduling", roles: ["admin", "reception", "professional"], healthData: true,
      params: appointmentParams, response: appointmentSchema,
    }, async ({ params, principal }) => {
      await findClinic(db, principal, params.clinicId);
      const changed = await db.transaction((sql) => markAttendance(sql, params.appointmentId, params.clinicId, status, clock.now(), principal.keyId));
      if (!changed) throw new AppError("not_found", "no booked appointment with this id", { field: "appointmentId" });
      return view(await db.prisma.appointment.findUniqueOrThrow({ where: { id: params.appointmentId } }));
    });
  }
}
