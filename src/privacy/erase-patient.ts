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

/** `phone`: the chat that was erased; the caller tells the patient there, in the same transaction, and keeps no trace of it. */
export type ErasureOutcome = ({ kind: "restricted"; kept: string[]; removed: string[] } | { kind: "deleted"; removed: string[] }) & { phone: string };

export async function erasePatient(sql: Sql, clinicId: string, patientId: string, now: Date, actorKeyId: string): Promise<ErasureOutcome> {
  const [patient] = await sql.query<{ phone: string }>(`SELECT phone FROM "Patient" WHERE id = $1 AND "clinicId" = $2 FOR UPDATE`, [patientId, clinicId]);
  if (!patient) throw new Error("patient not found");
  const dependants = await eraseDependants(sql, clinicId, patientId, patient.phone, now);
  const hasRecords = await holdsRecords(sql, patientId);
  const removed = [...await removeChatData(sql, clinicId, patientId, patient.phone, now), ...dependants.removed];
  let outcome: ErasureOutcome;
  if (hasRecords) {
    // The phone is replaced by a one-way placeholder: the record stays, the number no longer leads to it.
    const placeholder = `erased:${createHash("sha256").update(`${clinicId}:${patient.phone}`).digest("hex").slice(0, 24)}`;
    await sql.query(
      `UPDATE "Patient" SET phone = $2, "whatsappLid" = NULL, "consentGrantedAt" = NULL, "restrictedAt" = $3, "updatedAt" = $3 WHERE id = $1`,
      [patientId, placeholder, now]);
    // A CID authorisation is the written consent kept with its atestado; it keeps no link to the number either.
    await sql.query(`UPDATE "CidAuthorizationRequest" SET "patientChatKey" = $2 WHERE "patientId" = $1`, [patientId, placeholder]);
    outcome = { kind: "restricted", kept: ["prontuário (notas clínicas)", "documentos emitidos", "consultas realizadas", "registros de consentimento", ...dependants.kept], removed, phone: patient.phone };
  } else {
    await deleteRow(sql, patientId);
    outcome = dependants.kept.length > 0
      ? { kind: "restricted", kept: dependants.kept, removed: [...removed, "cadastro", "consultas", "registros de consentimento"], phone: patient.phone }
      : { kind: "deleted", removed: [...removed, "cadastro", "consultas", "registros de consentimento"], phone: patient.phone };
  }
  await writeAuditEvent(sql, { clinicId, actorType: "api_key", actorId: actorKeyId, action: `patient.erasure.${outcome.kind}`, entityType: "Patient", entityId: patientId }, now);
  return outcome;
}

async function holdsRecords(sql: Sql, patientId: string): Promise<boolean> {
  const [records] = await sql.query<{ notes: string; documents: string; attended: string }>(
    `SELECT (SELECT count(*) FROM "ClinicalNote" WHERE "patientId" = $1) AS notes,
            (SELECT count(*) FROM "Document" WHERE "patientId" = $1) AS documents,
            (SELECT count(*) FROM "Appointment" WHERE "patientId" = $1 AND status IN ('completed', 'no_show')) AS attended`, [patientId]);
  return Number(records?.notes) + Number(records?.documents) + Number(records?.attended) > 0;
}

async function deleteRow(sql: Sql, patientId: string): Promise<void> {
  await sql.query(`DELETE FROM "Appointment" WHERE "patientId" = $1`, [patientId]);
  await sql.query(`DELETE FROM "ConsentRecord" WHERE "patientId" = $1`, [patientId]);
  await sql.query(`DELETE FROM "CidAuthorizationRequest" WHERE "patientId" = $1`, [patientId]);
  await sql.query(`DELETE FROM "Patient" WHERE id = $1`, [patientId]);
}

/**
 * Each dependant of the guardian: what only the chat served goes (future appointments, waitlist, open
 * questions); a clinical record stays, restricted, with a placeholder of its own instead of the phone.
 */
async function eraseDependants(sql: Sql, clinicId: string, guardianId: string, phone: string, now: Date): Promise<{ kept: string[]; removed: string[] }> {
  const dependants = await sql.query<{ id: string }>(`SELECT id FROM "Patient" WHERE "guardianPatientId" = $1 ORDER BY id FOR UPDATE`, [guardianId]);
  let kept = 0;
  for (const { id } of dependants) {
    await removePatientData(sql, id, now);
    if (await holdsRecords(sql, id)) {
      const placeholder = `erased:${createHash("sha256").update(`${clinicId}:${phone}:${id}`).digest("hex").slice(0, 24)}`;
      await sql.query(`UPDATE "Patient" SET phone = $2, "consentGrantedAt" = NULL, "restrictedAt" = $3, "updatedAt" = $3 WHERE id = $1`, [id, placeholder, now]);
      await sql.query(`UPDATE "CidAuthorizationRequest" SET "patientChatKey" = $2 WHERE "patientId" = $1`, [id, placeholder]);
      kept += 1;
    } else {
      await deleteRow(sql, id);
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
  await sql.query(
    `UPDATE "Appointment" SET status = 'cancelled', "cancelledAt" = $2, "cancelReason" = 'erasure request', "updatedAt" = $2
     WHERE "patientId" = $1 AND status IN ('held', 'booked', 'confirmed')`, [patientId, now]);
  await sql.query(`DELETE FROM "WaitlistEntry" WHERE "patientId" = $1`, [patientId]);
  // A CID question still open dies with the chat.
  await sql.query(
    `UPDATE "CidAuthorizationRequest" SET status = 'superseded', "answeredAt" = $2 WHERE "patientId" = $1 AND status = 'pending'`, [patientId, now]);
  await sql.query(
    `UPDATE "Payment" SET "qrMediaId" = NULL WHERE "appointmentId" IN (SELECT id FROM "Appointment" WHERE "patientId" = $1)`, [patientId]);
  const dictations = await sql.query<{ id: string }>(
    `SELECT id FROM "Dictation" WHERE "patientId" = $1 AND status IN ('saved', 'discarded', 'failed')`, [patientId]);
  for (const dictation of dictations) await deleteDictationAudio(sql, dictation.id);
  // What the patient's voice notes said goes with the chat they said it in.
  await sql.query(`DELETE FROM "PatientVoiceNote" WHERE "patientId" = $1`, [patientId]);
}

async function removeChatData(sql: Sql, clinicId: string, patientId: string, phone: string, now: Date): Promise<string[]> {
  await removePatientData(sql, patientId, now);
  await removeChatMedia(sql, clinicId, phone);
  await sql.query(`DELETE FROM "InboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2`, [clinicId, phone]);
  // What was never sent is dropped; sent messages keep no text, file name or file, the rows stay only
  // as delivery receipts of what the clinic sent (no mediaId either: it would lead back to the record).
  await sql.query(`DELETE FROM "OutboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2 AND status IN ('pending', 'failed')`, [clinicId, phone]);
  await sql.query(
    `UPDATE "OutboxMessage" SET text = NULL, caption = NULL, filename = NULL, "mediaId" = NULL, "lastError" = NULL, "templateParams" = NULL
     WHERE "clinicId" = $1 AND "chatKey" = $2`, [clinicId, phone]);
  // A request for a person keeps the patient's own words (the reason) and who answered: both go with the chat.
  await sql.query(
    `DELETE FROM "HandoffReply" WHERE "handoffId" IN
       (SELECT id FROM "Handoff" WHERE "clinicId" = $1 AND ("chatKey" = $2 OR "patientId" = $3))`, [clinicId, phone, patientId]);
  await sql.query(`DELETE FROM "Handoff" WHERE "clinicId" = $1 AND ("chatKey" = $2 OR "patientId" = $3)`, [clinicId, phone, patientId]);
  await sql.query(`DELETE FROM "Conversation" WHERE "clinicId" = $1 AND "chatKey" = $2`, [clinicId, phone]);
  await writeAuditEvent(sql, { clinicId, actorType: "system", action: "patient.chat_history.erased", entityType: "Patient", entityId: patientId }, now);
  return ["histórico de mensagens (inclusive pedidos de atendimento pela recepção)", "áudios e arquivos enviados e recebidos (inclusive cópias de dados)", "lista de espera", "consultas futuras (canceladas)"];
}

/**
 * Files of the chat, both ways: what the patient sent (voice notes, photos), what the clinic sent them
 * (the "meus dados" exports, Pix QR codes), and the doctor's voice notes about them once the note is final.
 * Signed documents' PDFs stay: they are part of the record the law keeps.
 */
async function removeChatMedia(sql: Sql, clinicId: string, phone: string): Promise<void> {
  await sql.query(
    `DELETE FROM "Media" m WHERE m."clinicId" = $1 AND m.id IN (
       SELECT "mediaId" FROM "InboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2 AND "mediaId" IS NOT NULL
       UNION SELECT "mediaId" FROM "OutboxMessage" WHERE "clinicId" = $1 AND "chatKey" = $2 AND "mediaId" IS NOT NULL)
     AND NOT EXISTS (SELECT 1 FROM "Document" d WHERE d."pdfMediaId" = m.id)`,
    [clinicId, phone]);
}
