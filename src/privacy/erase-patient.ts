// Resolving an erasure request (LGPD art. 18, VI, with art. 16's exceptions).
// Medical records must be kept for 20 years (CFM 1.821/2007): a patient with
// records is restricted and de-identified where the law lets go (chat
// history, media, waitlist, future appointments, the link to the phone),
// never silently deleted. A patient without records is deleted entirely.
// A guardian's erasure covers their dependants (a child booked for in their
// chat, whose data the guardian gave): each is judged by the same rule, so a
// child's clinical record is kept and restricted, never erased with the
// mother's chat; a dependant with no record is deleted.
import { createHash } from "node:crypto";
import type { Sql } from "../db/database.js";
import { writeAuditEvent } from "../db/audit.js";
import { deleteDictationAudio } from "../records/audio-retention.js";
import {
  cancelFutureAppointmentsForErasure, countPatientRecords, deleteChatMediaOf, deleteConversationOf, deletePatientEntirely, deleteVoiceNotesOf,
  deleteWaitlistEntriesOf, eraseChatMessages, eraseHandoffs, listFinishedDictationsOf, lockDependantsForErasure, lockPatientForErasure,
  restrictErasedDependant, restrictErasedPatient, supersedePendingCidRequests, unlinkCidRequestsFromPhone, unlinkPixQrCodesOf,
} from "./privacy-statements.js";

/** `phone`: the chat that was erased; the caller tells the patient there, in the same transaction, and keeps no trace of it. */
export type ErasureOutcome = ({ kind: "restricted"; kept: string[]; removed: string[] } | { kind: "deleted"; removed: string[] }) & { phone: string };

export async function erasePatient(sql: Sql, clinicId: string, patientId: string, now: Date, actorKeyId: string): Promise<ErasureOutcome> {
  const patient = await lockPatientForErasure(sql, clinicId, patientId);
  if (!patient) throw new Error("patient not found");
  const dependants = await eraseDependants(sql, clinicId, patientId, patient.phone, now);
  const hasRecords = await holdsRecords(sql, patientId);
  const removed = [...await removeChatData(sql, clinicId, patientId, patient.phone, now), ...dependants.removed];
  let outcome: ErasureOutcome;
  if (hasRecords) {
    // The phone is replaced by a one-way placeholder: the record stays, the number no longer leads to it.
    const placeholder = `erased:${createHash("sha256").update(`${clinicId}:${patient.phone}`).digest("hex").slice(0, 24)}`;
    await restrictErasedPatient(sql, patientId, placeholder, now);
    // A CID authorisation is the written consent kept with its atestado; it keeps no link to the number either.
    await unlinkCidRequestsFromPhone(sql, patientId, placeholder);
    outcome = { kind: "restricted", kept: ["prontuário (notas clínicas)", "documentos emitidos", "consultas realizadas", "registros de consentimento", ...dependants.kept], removed, phone: patient.phone };
  } else {
    await deletePatientEntirely(sql, patientId);
    outcome = dependants.kept.length > 0
      ? { kind: "restricted", kept: dependants.kept, removed: [...removed, "cadastro", "consultas", "registros de consentimento"], phone: patient.phone }
      : { kind: "deleted", removed: [...removed, "cadastro", "consultas", "registros de consentimento"], phone: patient.phone };
  }
  await writeAuditEvent(sql, { clinicId, actorType: "api_key", actorId: actorKeyId, action: `patient.erasure.${outcome.kind}`, entityType: "Patient", entityId: patientId }, now);
  return outcome;
}

async function holdsRecords(sql: Sql, patientId: string): Promise<boolean> {
  const records = await countPatientRecords(sql, patientId);
  return Number(records?.notes) + Number(records?.documents) + Number(records?.attended) > 0;
}

/**
 * Each dependant of the guardian: what only the chat served goes (future appointments, waitlist, open
 * questions); a clinical record stays, restricted, with a placeholder of its own instead of the phone.
 */
async function eraseDependants(sql: Sql, clinicId: string, guardianId: string, phone: string, now: Date): Promise<{ kept: string[]; removed: string[] }> {
  const dependants = await lockDependantsForErasure(sql, guardianId);
  let kept = 0;
  for (const { id } of dependants) {
    await removePatientData(sql, id, now);
    if (await holdsRecords(sql, id)) {
      const placeholder = `erased:${createHash("sha256").update(`${clinicId}:${phone}:${id}`).digest("hex").slice(0, 24)}`;
      await restrictErasedDependant(sql, id, placeholder, now);
      await unlinkCidRequestsFromPhone(sql, id, placeholder);
      kept += 1;
    } else {
      await deletePatientEntirely(sql, id);
    }
  }
  const removed = dependants.length - kept;
  return {
    kept: kept > 0 ? [`prontuário, documentos e consultas realizadas de ${kept} dependente(s), restritos`] : [],
    removed: removed > 0 ? [`cadastro de ${removed} dependente(s) sem prontuário`] : [],
  };
}

/** What belongs to one patient and only served the chat: future appointments, the waitlist, open questions, Pix codes, dictation audio. */
async function removePatientData(sql: Sql, patientId: string, now: Date): Promise<void> {
  await cancelFutureAppointmentsForErasure(sql, patientId, now);
  await deleteWaitlistEntriesOf(sql, patientId);
  await supersedePendingCidRequests(sql, patientId, now);
  await unlinkPixQrCodesOf(sql, patientId);
  const dictations = await listFinishedDictationsOf(sql, patientId);
  for (const dictation of dictations) await deleteDictationAudio(sql, dictation.id);
  // What the patient's voice notes said goes with the chat they said it in.
  await deleteVoiceNotesOf(sql, patientId);
}

async function removeChatData(sql: Sql, clinicId: string, patientId: string, phone: string, now: Date): Promise<string[]> {
  await removePatientData(sql, patientId, now);
  // Files of the chat, both ways: what the patient sent (voice notes, photos), what the clinic sent them
  // (the "meus dados" exports, Pix QR codes). Signed documents' PDFs stay: they are part of the record the law keeps.
  await deleteChatMediaOf(sql, clinicId, phone);
  await eraseChatMessages(sql, clinicId, phone);
  await eraseHandoffs(sql, clinicId, phone, patientId);
  await deleteConversationOf(sql, clinicId, phone);
  await writeAuditEvent(sql, { clinicId, actorType: "system", action: "patient.chat_history.erased", entityType: "Patient", entityId: patientId }, now);
  return ["histórico de mensagens (inclusive pedidos de atendimento pela recepção)", "áudios e arquivos enviados e recebidos (inclusive cópias de dados)", "lista de espera", "consultas futuras (canceladas)"];
}
