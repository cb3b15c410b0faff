// What a patient turn knows about the clinic to answer questions about it
// (src/flows/patient/clinic-info.ts): its settings, opening hours from the
// active professionals' working hours, prices and preparation from the
// procedures, and the closed days ahead. Kept in memory per clinic while the
// clinic's infoRevision (moved by triggers on every change, read with each
// turn's lock) and its local date stay the same: a patient's message does not
// load it again.
import type { Sql } from "../db/database.js";
import type { ClinicInfoView } from "../flows/patient/clinic-info-view.js";
import { closedDaysAhead } from "../scheduling/closures.js";
import { weeklyOpening } from "../scheduling/opening-hours.js";
import { makeZone } from "../scheduling/zoned-time.js";
import { findClinicInfo } from "./turn-statements.js";

/** How far ahead closed days are named: the longest booking horizon the admin API allows. */
const CLOSED_DAYS_AHEAD = 366;

interface Cached {
  revision: number;
  day: number;
  view: ClinicInfoView;
}

/** The clinic information of each clinic, as of a revision and a local day. */
export class ClinicInfoCache {
  private readonly byClinic = new Map<string, Cached>();

  async get(sql: Sql, clinicId: string, revision: number, timeZone: string, now: Date): Promise<ClinicInfoView> {
    const day = makeZone(timeZone).localPartsOf(now.getTime()).dayNumber;
    const cached = this.byClinic.get(clinicId);
    if (cached && cached.revision === revision && cached.day === day) return cached.view;
    const view = await clinicInfoFacts(sql, clinicId, now);
    // A turn that read an older revision than the cached one (it started first) does not push the newer copy out.
    if (!cached || cached.revision <= revision) this.byClinic.set(clinicId, { revision, day, view });
    return view;
  }
}

export async function clinicInfoFacts(sql: Sql, clinicId: string, now: Date): Promise<ClinicInfoView> {
  const row = await findClinicInfo(sql, clinicId);
  if (!row) throw new Error(`clinic ${clinicId} not found`);
  const closed = await closedDaysAhead(sql, clinicId, row.timeZone, now, CLOSED_DAYS_AHEAD);
  return {
    address: row.address, city: row.city, mapsUrl: row.mapsUrl, phone: row.phone,
    openingHours: weeklyOpening(row.hours),
    insurancePlans: row.insurancePlans, paymentMethods: row.paymentMethods, parking: row.parking,
    faq: Array.isArray(row.faq) ? (row.faq as ClinicInfoView["faq"]) : [],
    procedures: row.procedures as ClinicInfoView["procedures"],
    closedDays: [...closed].map(([date, reason]) => ({ date, reason })).sort((a, b) => a.date.localeCompare(b.date)),
  };
}
