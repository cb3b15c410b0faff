// Reads a professional's agenda rules and busy time from the database and
// asks the pure slot engine for free slots.
import type { Sql } from "../db/database.js";
import { closedDaysAhead } from "./closures.js";
import type { ClosedDays } from "./holidays.js";
import type { LocalDate } from "./local-date.js";
import { freeSlots } from "./slots.js";
import type { DateOverride, Slot, WorkingHours } from "./types.js";
import type { AgendaProcedureRow, ProfessionalAgendaRulesRow } from "../db/rows.js";
import {
  findActiveProcedure, listAgendaProfessionals, listBusyBetween, listDateOverrides, listTimeOffBetween, listWeeklyHours,
} from "./scheduling-statements.js";

export type ProcedureRow = AgendaProcedureRow;

export type ProfessionalAgendaRow = ProfessionalAgendaRulesRow;

export interface ProfessionalSlot extends Slot {
  professionalId: string;
}

export interface SlotSearch {
  timeZone: string;
  now: Date;
  procedure: ProcedureRow;
  professionals: ProfessionalAgendaRow[];
  from?: LocalDate;
  to?: LocalDate;
  limitPerProfessional?: number;
  /** Holidays and closures with no slots; when not given, the clinic's (closures.ts). */
  closedDays?: ClosedDays;
}

/** Statuses that hold time in the agenda (the exclusion constraint uses the same list). */
export const ACTIVE_STATUSES = ["held", "booked", "confirmed"] as const;

export async function findFreeSlots(sql: Sql, search: SlotSearch): Promise<ProfessionalSlot[]> {
  const all: ProfessionalSlot[] = [];
  const horizon = Math.max(0, ...search.professionals.map((p) => p.bookingHorizonDays));
  const closedDays = search.closedDays ?? await closedDaysAhead(sql, search.procedure.clinicId, search.timeZone, search.now, horizon + 1);
  for (const professional of search.professionals) {
    const rules = await loadRules(sql, professional.id, search.now, professional.bookingHorizonDays);
    const slots = freeSlots({
      timeZone: search.timeZone,
      now: search.now,
      workingHours: rules.workingHours,
      dateOverrides: rules.overrides,
      timeOff: rules.timeOff,
      closedDays,
      busy: rules.busy.map((range) => ({
        ...range,
        bufferBeforeMinutes: professional.bufferBeforeMinutes,
        bufferAfterMinutes: professional.bufferAfterMinutes,
      })),
      durationMinutes: search.procedure.durationMinutes,
      bufferBeforeMinutes: professional.bufferBeforeMinutes,
      bufferAfterMinutes: professional.bufferAfterMinutes,
      slotIntervalMinutes: professional.slotIntervalMinutes,
      minimumNoticeMinutes: professional.minimumNoticeMinutes,
      horizonDays: professional.bookingHorizonDays,
      from: search.from,
      to: search.to,
      limit: search.limitPerProfessional,
    });
    all.push(...slots.map((slot) => ({ ...slot, professionalId: professional.id })));
  }
  return all.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.professionalId.localeCompare(b.professionalId));
}

async function loadRules(sql: Sql, professionalId: string, now: Date, horizonDays: number) {
  const until = new Date(now.getTime() + (horizonDays + 2) * 86_400_000);
  // One after another: `sql` may be a transaction's single connection, which takes one query at a time.
  const hours = await listWeeklyHours(sql, professionalId);
  const overrides = await listDateOverrides(sql, professionalId);
  const timeOff = await listTimeOffBetween(sql, professionalId, now, until);
  const busy = await listBusyBetween(sql, professionalId, ACTIVE_STATUSES, now, until);
  const workingHours: WorkingHours[] = hours.map((h) => ({ weekday: h.weekday as WorkingHours["weekday"], start: h.startTime, end: h.endTime }));
  const dateOverrides: DateOverride[] = overrides.map((o) => ({ date: o.date, intervals: o.intervals }));
  return { workingHours, overrides: dateOverrides, timeOff, busy };
}

/** One active procedure of the clinic, or undefined. */
export async function loadProcedure(sql: Sql, clinicId: string, procedureId: string): Promise<ProcedureRow | undefined> {
  return findActiveProcedure(sql, clinicId, procedureId);
}

export async function loadAgendaProfessionals(sql: Sql, clinicId: string, ids: string[]): Promise<ProfessionalAgendaRow[]> {
  return listAgendaProfessionals(sql, clinicId, ids);
}
