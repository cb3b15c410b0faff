// What the chat knows about the clinic to answer patients' questions, loaded
// by the turn from the clinic's settings (admin API) and its professionals'
// working hours. Nothing here is about the patient: it is answered before
// consent too.
import type { OpeningDay } from "../../scheduling/opening-hours.js";

export interface ClinicInfoView {
  address: string | null;
  city: string | null;
  /** Set by the clinic; else the chat builds a maps search link from the address. */
  mapsUrl: string | null;
  phone: string | null;
  openingHours: OpeningDay[];
  insurancePlans: string[];
  /** card | pix | cash | installments | boleto */
  paymentMethods: string[];
  parking: string | null;
  faq: { question: string; answer: string }[];
  procedures: { id: string; name: string; priceCents: number; preparation: string | null }[];
  /** Closed days from today on (national holidays, the clinic's options and closures), soonest first. */
  closedDays: { date: string; reason: string }[];
}

export const emptyClinicInfo: ClinicInfoView = {
  address: null, city: null, mapsUrl: null, phone: null, openingHours: [], insurancePlans: [], paymentMethods: [],
  parking: null, faq: [], procedures: [], closedDays: [],
};
