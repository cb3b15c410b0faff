// Messages the clinic starts in a patient's chat, outside the patient's own
// turn: reminders, waitlist offers, issued documents, payment results, the
// CID question. This is their only writer, so consent is checked in one place:
// once the patient withdrew consent ("revogar consentimento", LGPD art. 8
// §5) or refused it, nothing is queued here. Answers to the patient's own
// messages go through the turn (src/bot/interpreter.ts), never through here.
import type { Cipher } from "../crypto/encryption.js";
import type { Sql } from "../db/database.js";
import { queueMedia, queueText, setConversationState } from "./chat-writes.js";

export type ClinicMessage =
  | { kind: "text"; text: string }
  | { kind: "document" | "image" | "audio"; mediaId: string; mimetype: string; filename?: string | null; caption?: string | null };

export interface PatientChat {
  clinicId: string;
  chatKey: string;
}

/**
 * Queues the messages, and the conversation state that waits for the answer
 * (e.g. "answering a reminder"), in the caller's transaction. Returns false
 * and writes nothing, not even the state, when the patient's consent is
 * withdrawn: a reminder must not pull a withdrawn chat back into booking.
 */
export async function queueClinicMessages(
  sql: Sql, cipher: Cipher, chat: PatientChat, messages: ClinicMessage[], now: Date, options: { state?: object } = {},
): Promise<boolean> {
  if (!(await consentAllowsClinicMessages(sql, chat))) return false;
  if (options.state) await setConversationState(sql, cipher, chat.clinicId, chat.chatKey, options.state, now);
  for (const message of messages) {
    if (message.kind === "text") await queueText(sql, cipher, chat, message.text, now);
    else await queueMedia(sql, cipher, chat, message, now);
  }
  return true;
}

/**
 * The patient's latest consent answer decides; a patient with none (booked
 * by the reception, never chatted) is reachable. The patient row is locked
 * first and the answer read in a second statement, so a withdrawal being
 * written at the same moment is either seen (its transaction committed while
 * we waited for the lock) or waits for this one: a message is never queued
 * after the withdrawal committed.
 */
async function consentAllowsClinicMessages(sql: Sql, chat: PatientChat): Promise<boolean> {
  const [patient] = await sql.query<{ id: string }>(
    `SELECT id FROM "Patient" WHERE "clinicId" = $1 AND phone = $2 FOR SHARE`, [chat.clinicId, chat.chatKey]);
  if (!patient) return true;
  const [latest] = await sql.query<{ granted: boolean }>(
    `SELECT granted FROM "ConsentRecord" WHERE "patientId" = $1 ORDER BY "recordedAt" DESC LIMIT 1`, [patient.id]);
  return latest?.granted !== false;
}
