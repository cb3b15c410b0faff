// The days a clinic is closed, as stored: national holidays always, Carnaval
// and Corpus Christi when the clinic says so, and its own closures
// (ClinicClosure). The slot engine offers none of them; the chat names them.
import type { Sql } from "../db/database.js";
import { closedDaysBetween, type ClosingOptions } from "./holidays.js";
import { formatLocalDate, type LocalDate } from "./local-date.js";
import { makeZone } from "./zoned-time.js";
import { findClinicClosingFlags, listClosuresFrom } from "./scheduling-statements.js";

export async function loadClosingOptions(sql: Sql, clinicId: string, from?: LocalDate): Promise<ClosingOptions> {
  const clinic = await findClinicClosingFlags(sql, clinicId);
  const closures = await listClosuresFrom(sql, clinicId, from ?? "0000-00-00");
  return { carnival: clinic?.closedOnCarnival ?? false, corpusChristi: clinic?.closedOnCorpusChristi ?? false, closures };
}

/** Closed days from the clinic's today through `days` ahead: local date → why ("Natal", "Recesso de fim de ano"). */
export async function closedDaysAhead(sql: Sql, clinicId: string, timeZone: string, now: Date, days: number): Promise<Map<LocalDate, string>> {
  const today = makeZone(timeZone).localPartsOf(now.getTime()).dayNumber;
  const from = formatLocalDate(today);
  return closedDaysBetween(from, formatLocalDate(today + days), await loadClosingOptions(sql, clinicId, from));
}
