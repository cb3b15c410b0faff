// The patient's LGPD requests from the chat, performed in the turn's transaction.
import { randomUUID } from "node:crypto";
import type { Sql } from "../../db/database.js";
import { saveMedia } from "../../db/media.js";
import { AppError } from "../../errors.js";
import type { Effect, FlowEvent } from "../../flows/types.js";
import { exportPatientData } from "../../privacy/export-patient-data.js";
import { queueMedia } from "../chat-writes.js";
import { writeAuditEvent } from "../../db/audit.js";
import {
  cancelLiveWaitlistEntries, clearPatientConsent, dropUnsentClinicMessages, findChatPatientId, hasOpenErasureRequest, insertConsentWithdrawal,
  insertErasureRequest,
} from "./effect-statements.js";
import { event, type EffectHandlers, type TurnScope } from "./scope.js";

type PrivacyEffect = Extract<Effect, { kind: "exportMyData" | "requestErasure" | "withdrawConsent" }>;

export const privacyEffects: EffectHandlers<PrivacyEffect["kind"]> = {
  exportMyData: async (sql, effect, scope) => event(await interpretPrivacyEffect(sql, effect, scope)),
  requestErasure: async (sql, effect, scope) => event(await interpretPrivacyEffect(sql, effect, scope)),
  withdrawConsent: async (sql, effect, scope) => event(await interpretPrivacyEffect(sql, effect, scope)),
};

async function interpretPrivacyEffect(sql: Sql, effect: PrivacyEffect, scope: TurnScope): Promise<FlowEvent> {
  const patientId = await findChatPatientId(sql, scope.clinicId, scope.chatKey);
  if (!patientId) throw new AppError("consent_required", "no patient for this chat");
  const event = { clinicId: scope.clinicId, actorType: "patient", actorId: patientId, entityType: "Patient", entityId: patientId };
  switch (effect.kind) {
    case "exportMyData": {
      const data = await exportPatientData(sql, scope.cipher, scope.clinicId, patientId, scope.now);
      const bytes = Buffer.from(JSON.stringify(data, null, 2), "utf8");
      const filename = `meus-dados-${scope.now.toISOString().slice(0, 10)}.json`;
      const mediaId = await saveMedia(sql, scope.cipher, { clinicId: scope.clinicId, data: bytes, mimetype: "application/json", filename });
      await queueMedia(sql, scope.cipher, scope, { kind: "document", mediaId, mimetype: "application/json", filename, caption: "Seus dados (LGPD)" }, scope.now);
      // The same facts as a PDF a person reads; the JSON is for moving them elsewhere (portability).
      const pdfName = filename.replace(/\.json$/, ".pdf");
      // pdfkit loads with the first export, not at start.
      const { renderExportPdf } = await import("../../privacy/render-export-pdf.js");
      const pdfId = await saveMedia(sql, scope.cipher, { clinicId: scope.clinicId, data: await renderExportPdf(data), mimetype: "application/pdf", filename: pdfName });
      await queueMedia(sql, scope.cipher, scope, { kind: "document", mediaId: pdfId, mimetype: "application/pdf", filename: pdfName, caption: "Resumo dos seus dados (LGPD)" }, scope.now);
      await writeAuditEvent(sql, { ...event, action: "patient.data_exported" }, scope.now);
      return { type: "dataExported" };
    }
    case "requestErasure": {
      if (await hasOpenErasureRequest(sql, patientId)) return { type: "erasureRequested", alreadyOpen: true };
      const id = randomUUID();
      await insertErasureRequest(sql, { id, clinicId: scope.clinicId, patientId, now: scope.now });
      await writeAuditEvent(sql, { ...event, action: "patient.erasure_requested", detail: { erasureRequestId: id } }, scope.now);
      return { type: "erasureRequested", alreadyOpen: false };
    }
    case "withdrawConsent": {
      await clearPatientConsent(sql, patientId, scope.now);
      await insertConsentWithdrawal(sql, { id: randomUUID(), clinicId: scope.clinicId, patientId, now: scope.now });
      await cancelLiveWaitlistEntries(sql, patientId, scope.now);
      // What the clinic started and the outbox has not started sending (a backlog while WhatsApp was down) is not sent
      // after the withdrawal: answers to chat events, and rows with no inbox message. Answers to the patient's own
      // messages stay.
      const dropped = await dropUnsentClinicMessages(sql, scope.clinicId, scope.chatKey);
      await writeAuditEvent(sql, { ...event, action: "patient.consent_withdrawn", detail: { droppedMessages: dropped } }, scope.now);
      return { type: "consentWithdrawn" };
    }
  }
}
