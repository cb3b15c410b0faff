// Resolving an erasure request (LGPD art. 18, VI, with art. 16's exceptions).
// Medical records must be kept for 20 years (CFM 1.821/2007): a patient with
// records is restricted and de-identified where the law lets go (chat
// history, media, waitlist, future appointments, the link to the phone),
// never silently deleted. A patient without records is deleted entirely.
import { createHash } from "node:crypto";
import type { Sql } from "../db/database.js";
import { writeAuditEvent } from "../db/audit.js";
import { deleteDictationAudio } from "../records/audio-retention.js";
import {
  cancelFutureAppointmentsForErasure, countPatientRecords, deleteChatMediaOf, deleteConversationOf, deletePatientEntirely, deleteWaitlistEntriesOf,
  eraseChatMessages, eraseHandoffs, listFinishedDictationsOf, lockPatientForErasure, restrictErasedPatient, supersedePendingCidRequests,
  unlinkCidRequestsFromPhone, unlinkPixQrCodesOf,
} from "./privacy-statements.js";

/** `phone`: the chat that was erased; the caller tells the patient there, in the same transaction, and keeps no trace of it. */
export type ErasureOutcome = ({ kind: "restricted"; kept: string[]; removed: string[] } | { kind: "deleted"; removed: string[] }) & { phone: string };

export async function erasePatient(sql: Sql, clinicId: string, patientId: string, now: Date, actorKeyId: string): Promise<ErasureOutcome> {
  const patient = await lockPatientForErasure(sql, clinicId, patientId);
  if (!patient) throw new Error("patient not found");
  const records = await countPatientRecords(sql, patientId);
  const hasRecords = Number(records?.notes) + Number(records?.documents) + Number(records?.attended) > 0;
  const removed = await removeChatData(sql, clinicId, patientId, patient.phone, now);
  let outcome: ErasureOutcome;
  if (hasRecords) {
    // The phone is replaced by a one-way placeholder: the record stays, the number no longer leads to it.
    const placeholder = `erased:${createHash("sha256").update(`${clinicId}:${patient.phone}`).digest("hex").slice(0, 24)}`;
    await restrictErasedPatient(sql, patientId, placeholder, now);
    // A CID authorisation is the written consent kept with its atestado; it keeps no link to the number either.
    await unlinkCidRequestsFromPhone(sql, patientId, placeholder);
    outcome = { kind: "restricted", kept: ["prontuário (notas clínicas)", "documentos emitidos", "consultas realizadas", "registros de consentimento"], removed, phone: patient.phone };
  } else {
    await deletePatientEntirely(sql, patientId);
    outcome = { kind: "deleted", removed: [...removed, "cadastro", "consultas", "registros de consentimento"], phone: patient.phone };
  }
  await writeAuditEvent(sql, { clinicId, actorType: "api_key", actorId: actorKeyId, action: `patient.erasure.${outcome.kind}`, entityType: "Patient", entityId: patientId }, now);
  return outcome;
}

async function removeChatData(sql: Sql, clinicId: string, patientId: string, phone: string, now: Date): Promise<string[]> {
  await cancelFutureAppointmentsForErasure(sql, patientId, now);
  await deleteWaitlistEntriesOf(sql, patientId);
  await supersedePendingCidRequests(sql, patientId, now);
  await removeChatMedia(sql, clinicId, patientId, phone);
  await eraseChatMessages(sql, clinicId, phone);
  await eraseHandoffs(sql, clinicId, phone, patientId);
  await deleteConversationOf(sql, clinicId, phone);
  await writeAuditEvent(sql, { clinicId, actorType: "system", action: "patient.chat_history.erased", entityType: "Patient", entityId: patientId }, now);
  return ["histórico de mensagens (inclusive pedidos de atendimento pela recepção)", "áudios e arquivos enviados e recebidos (inclusive cópias de dados)", "lista de espera", "consultas futuras (canceladas)"];
}

/**
 * Files of the chat, both ways: what the patient sent (voice notes, photos), what the clinic sent them
 * (the "meus dados" exports, Pix QR codes), and the doctor's voice notes about them once the note is final.
 * Signed documents' PDFs stay: they are part of the record the law keeps.
 */
async function removeChatMedia(sql: Sql, clinicId: string, patientId: string, phone: string): Promise<void> {
  await deleteChatMediaOf(sql, clinicId, phone);
  await unlinkPixQrCodesOf(sql, patientId);
  const dictations = await listFinishedDictationsOf(sql, patientId);
  for (const dictation of dictations) await deleteDictationAudio(sql, dictation.id);
}
