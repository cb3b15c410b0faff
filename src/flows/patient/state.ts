import type { SlotOption } from "../types.js";

export type PatientState =
  | { type: "start" }
  /** `pending`: what the first message asked ("quero marcar amanhã"), carried out once consent and name are given. */
  | { type: "awaitingConsent"; pending?: string }
  | { type: "consentDeclined" }
  | { type: "awaitingName"; pending?: string }
  | { type: "menu" }
  | { type: "privacy" }
  | { type: "confirmingErasure" }
  | { type: "confirmingWithdrawal" }
  | BookingState
  | MyDocumentsState
  | CidAuthorizationState
  | GivingDataState
  | DependantState;

/** What the patient said they want before we could ask the rest ("amanhã às 14h com a Dra. Ana"). */
export interface Wish {
  date?: string;
  time?: string;
  period?: "manha" | "tarde" | "noite";
  /** "depois das 17h", "antes das 10h": "HH:MM" bounds on the time. */
  after?: string;
  before?: string;
  /** "semana que vem": the days to search, when no single day was said. */
  from?: string;
  to?: string;
  /** "a próxima vaga": the first free day will do. */
  earliest?: boolean;
  professionalId?: string;
  /** A closed day was asked for ("dia 25/12"): the days offered are the free ones nearest to it. */
  nearDate?: string;
}

/** `forPatientId` on any booking state: the booking is for a dependant (dependants.ts). */
export type BookingState = { forPatientId?: string } & (
  | { type: "choosingProcedure"; wish?: Wish; rescheduleOf?: string }
  | { type: "choosingProfessional"; procedureId: string; wish?: Wish; rescheduleOf?: string }
  /** The procedure has an age rule and the birth date of who it is for is unknown (eligibility-step.ts). */
  | { type: "askingBirthDate"; procedureId: string; wish?: Wish }
  | { type: "choosingDay"; procedureId: string; professionalId: string | null; days: string[]; slots: SlotOption[]; wish?: Wish; rescheduleOf?: string }
  /** `options`: all of the day's times that fit; the list shows `MAX_TIMES` of them from `offset` ("mais" turns the page). */
  | { type: "choosingTime"; procedureId: string; professionalId: string | null; date: string; options: SlotOption[]; offset?: number; slots: SlotOption[]; rescheduleOf?: string }
  | { type: "confirmingBooking"; procedureId: string; appointmentId: string; slot: SlotOption; slots: SlotOption[]; rescheduleOf?: string }
  /** A Pix for a prepaid procedure is open; `deadline` (ISO) is when the hold ends. */
  | { type: "awaitingPayment"; appointmentId: string; procedureId: string; deadline?: string; rescheduleOf?: string }
  | { type: "offeringWaitlist"; procedureId: string; professionalId: string | null; wish?: Wish }
  | { type: "myAppointments"; appointmentIds: string[] }
  | { type: "appointmentActions"; appointmentId: string }
  | { type: "confirmingCancel"; appointmentId: string }
  | { type: "answeringReminder"; appointmentId: string }
  | { type: "answeringWaitlistOffer"; entryId: string; appointmentId: string }
  /** Joining the waitlist: which weekdays and parts of the day suit the patient. */
  | { type: "choosingWaitlistTimes"; procedureId: string; professionalId: string | null }
  /** After news that ended a time (the clinic cancelled it, an offer was declined or ran out): "1" or "sim" books again. */
  | { type: "offeredRebooking"; procedureId: string; professionalId: string | null; lapsedOffer: boolean });

/** Who the booking is for (the patient or one of their dependants), and registering a new dependant. */
export type DependantState =
  | { type: "choosingWhoFor"; text: string }
  | { type: "registeringDependant"; name?: string; birthDate?: string };

export const PATIENT_FLOW_VERSION = 2;

export const initialPatientState: PatientState = { type: "start" };

/** "Meus documentos": the numbered list the patient picks from. */
export type MyDocumentsState = { type: "myDocuments"; documentIds: string[] };

/** The doctor asked to put the CID on an atestado; the patient decides, in writing. */
export type CidAuthorizationState = { type: "answeringCid"; requestId: string; cid10: string; daysOff: number };

/**
 * The patient gives their CPF and address: asked by the clinic for a
 * document (requestId), or from the privacy menu (optional: each can be
 * skipped). `given` holds what was typed so far; null is skipped.
 */
export type GivingDataState = {
  type: "givingData";
  requestId?: string;
  fields: ("cpf" | "address")[];
  given: { cpf?: string | null; address?: string | null };
  optional?: boolean;
  /** Whose data it is when not the patient's own: a dependant's, given by the guardian. */
  forName?: string;
};
