// Raises a chat event: an inbox row of kind "event" whose payload is the
// event (sealed with its row, like a patient's text), in the caller's
// transaction. The provider message id is "event:<type>:<cause>", so the
// inbox's unique key makes a cause raise its event once, whatever retries or
// second instances do; the row survives a restart like any message and is
// handled in the chat's order by the engine (src/bot/engine.ts).
import { randomUUID } from "node:crypto";
import type { Cipher } from "../crypto/encryption.js";
import { sealColumn } from "../crypto/sealed-columns.js";
import type { Sql } from "../db/database.js";
import { findLatestConsent, insertEventRow, sharePatientOfChat } from "./chat-event-statements.js";
import { EVENT_KIND, type ChatEvent, type DoctorChatEvent, type PatientChatEvent } from "./types.js";

export interface ChatRef {
  clinicId: string;
  chatKey: string;
}

/** Domain code raises through this; the service's one is built over its cipher (events.ts in the composition root). */
export interface ChatEvents {
  /**
   * Raises an event for a patient's chat; false, with nothing written, when
   * the patient withdrew or refused consent: the clinic starts nothing in
   * that chat (LGPD art. 8 §5), and the caller can act on it (pass a waitlist
   * offer on, tell the doctor a document was not sent).
   */
  toPatient(sql: Sql, chat: ChatRef, event: PatientChatEvent, cause: string, now: Date): Promise<boolean>;
  toDoctor(sql: Sql, chat: ChatRef, event: DoctorChatEvent, cause: string, now: Date): Promise<void>;
}

/** What code outside a turn (an admin route, a webhook) raises with, and how it has the events handled once committed. */
export interface ClinicChats {
  events: ChatEvents;
  /** Handles the committed events due (the engine's retry pass) and sends what they queued. */
  wake(): Promise<void>;
}

export function chatEvents(cipher: Cipher): ChatEvents {
  return {
    toPatient: async (sql, chat, event, cause, now) => {
      if (!(await consentAllowsClinicMessages(sql, chat))) return false;
      await raiseChatEvent(sql, cipher, chat, event, cause, now);
      return true;
    },
    toDoctor: async (sql, chat, event, cause, now) => {
      await raiseChatEvent(sql, cipher, chat, event, cause, now);
    },
  };
}

export async function raiseChatEvent(sql: Sql, cipher: Cipher, chat: ChatRef, event: ChatEvent, cause: string, now: Date): Promise<void> {
  const id = randomUUID();
  // senderPhone is the chat's own number: the turn finds the patient or the doctor by it, as for their messages.
  await insertEventRow(sql, {
    id, clinicId: chat.clinicId, chatKey: chat.chatKey, providerMessageId: `event:${event.type}:${cause}`, kind: EVENT_KIND,
    payloadSealed: sealColumn(cipher, "InboxMessage.payload", id, JSON.stringify(event)), now,
  });
}

/**
 * The patient's latest consent answer decides; a patient with none (booked
 * by the reception, never chatted) is reachable. The patient row is locked
 * first and the answer read in a second statement, so a withdrawal being
 * written at the same moment is either seen (its transaction committed while
 * we waited for the lock) or waits for this one, and then finds the event
 * pending: the flow, which reads consent again, stays silent.
 */
async function consentAllowsClinicMessages(sql: Sql, chat: ChatRef): Promise<boolean> {
  const patient = await sharePatientOfChat(sql, chat.clinicId, chat.chatKey);
  if (!patient) return true;
  const latest = await findLatestConsent(sql, patient.id);
  return latest?.granted !== false;
}
