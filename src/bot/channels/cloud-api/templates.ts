// The clinic's WhatsApp message templates. Outside the 24-hour window Meta
// delivers only approved templates; each clinic-started message has one
// (seeded with the texts below, which docs/whatsapp.md tells the clinic to
// create in Meta's WhatsApp Manager word for word), and any other message
// waits behind the generic "new message" template until the patient answers.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Database } from "../../../db/database.js";
import { CLINIC_TEMPLATES } from "../../../flows/types.js";
import { insertTemplateOnce, listTemplates, recordTemplateErrorRow } from "./cloud-api-statements.js";

/** The flows' templates (a reply names its own) and the generic one that holds anything else. */
export const TEMPLATE_PURPOSES = [...CLINIC_TEMPLATES, "new_message"] as const;
export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];

export const quickReplySchema = z.object({ text: z.string().min(1).max(25), payload: z.string().min(1).max(128) });
export type QuickReply = z.infer<typeof quickReplySchema>;

export interface TemplateSpec {
  purpose: TemplatePurpose;
  name: string;
  language: string;
  category: string;
  body: string;
  buttons: QuickReply[];
}

/** Quick replies that only re-open the window: the held messages go out, nothing reaches the flow. */
export const REOPEN_PAYLOAD = "zelo_ver_mensagem";

const spec = (purpose: TemplatePurpose, name: string, body: string, buttons: QuickReply[] = []): TemplateSpec =>
  ({ purpose, name, language: "pt_BR", category: "UTILITY", body, buttons });

// Button payloads are the words the patient flow understands ("confirmo" confirms a reminder, "sim" takes a waitlist offer).
export const DEFAULT_TEMPLATES: readonly TemplateSpec[] = [
  spec("appointment_reminder", "zelo_lembrete_consulta",
    "Olá! Lembrete: {{1}} {{2}} com {{3}}. Você confirma a presença?",
    [{ text: "Confirmo", payload: "confirmo" }, { text: "Remarcar", payload: "remarcar" }, { text: "Cancelar", payload: "cancelar" }]),
  spec("booking_confirmed", "zelo_consulta_agendada", "Sua consulta está agendada: {{1}} {{2}} com {{3}}. Até lá!"),
  spec("waitlist_offer", "zelo_vaga_lista_espera",
    "Abriu uma vaga: {{1}} com {{2}}. Ela fica reservada para você por {{3}} minutos. Quer ficar com ela?",
    [{ text: "Quero a vaga", payload: "sim" }, { text: "Não, obrigado", payload: "não" }]),
  spec("payment_approved", "zelo_pagamento_aprovado", "Recebemos seu pagamento de {{1}}. Sua consulta de {{2}} está garantida."),
  spec("payment_expired", "zelo_pagamento_expirado",
    "O prazo do Pix da consulta de {{1}} acabou e o horário foi liberado. Responda esta mensagem se quiser marcar de novo."),
  spec("document_ready", "zelo_documento_pronto", "{{1}} enviou um documento para você. Toque em Receber documento para vê-lo.",
    [{ text: "Receber documento", payload: REOPEN_PAYLOAD }]),
  spec("prescription_details", "zelo_dados_receita",
    "Para emitir sua receita, {{1}} precisa do seu CPF e do seu endereço. Toque em Responder para enviá-los.",
    [{ text: "Responder", payload: REOPEN_PAYLOAD }]),
  spec("new_message", "zelo_nova_mensagem", "Você tem uma nova mensagem da clínica; responda para vê-la.",
    [{ text: "Ver mensagem", payload: REOPEN_PAYLOAD }]),
];

export interface StoredTemplate extends TemplateSpec {
  id: string;
  lastErrorCode: number | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** How many {{n}} a body asks for ("{{1}} com {{3}}" asks for 3). */
export function parameterCount(body: string): number {
  return Math.max(0, ...[...body.matchAll(/\{\{(\d+)\}\}/g)].map((match) => Number(match[1])));
}

/** The clinic's templates, the defaults added the first time they are needed (a purpose already set is kept). */
export async function clinicTemplates(db: Database, clinicId: string): Promise<StoredTemplate[]> {
  let rows = await readTemplates(db, clinicId);
  if (rows.length < DEFAULT_TEMPLATES.length) {
    for (const template of DEFAULT_TEMPLATES) {
      const { purpose, name, language, category, body } = template;
      await insertTemplateOnce(db.sql, { id: randomUUID(), clinicId, purpose, name, language, category, body, buttonsJson: JSON.stringify(template.buttons) });
    }
    rows = await readTemplates(db, clinicId);
  }
  return rows;
}

export async function templateFor(db: Database, clinicId: string, purpose: string): Promise<StoredTemplate | undefined> {
  return (await clinicTemplates(db, clinicId)).find((template) => template.purpose === purpose);
}

async function readTemplates(db: Database, clinicId: string): Promise<StoredTemplate[]> {
  const rows = await listTemplates(db.sql, clinicId);
  return rows.map((row) => ({
    ...row,
    // Only the purposes above are ever stored (seeded here, or set through the admin API).
    purpose: row.purpose as TemplatePurpose,
    buttons: z.array(quickReplySchema).catch([]).parse(JSON.parse(row.buttons)),
  }));
}

/** Meta refused the template (132000 parameters, 132001 missing or not approved): kept for the admin API. */
export async function recordTemplateError(db: Database, templateId: string, code: number | undefined, error: string, at: Date): Promise<void> {
  await recordTemplateErrorRow(db.sql, templateId, code ?? null, error.slice(0, 1000), at);
}

/** The Graph API's "template" message: body parameters as text, each quick reply with its payload. */
export function templateMessage(template: TemplateSpec, params: readonly string[]): Record<string, unknown> {
  const wanted = parameterCount(template.body);
  // Meta refuses an empty parameter (132000 too): a missing one reads as a dash rather than losing the message.
  const values = Array.from({ length: wanted }, (_, i) => (params[i] ?? "").replace(/\s*\n\s*/g, " ").trim() || "-");
  const components: Record<string, unknown>[] = [];
  if (wanted > 0) components.push({ type: "body", parameters: values.map((text) => ({ type: "text", text })) });
  template.buttons.forEach((button, index) =>
    components.push({ type: "button", sub_type: "quick_reply", index: String(index), parameters: [{ type: "payload", payload: button.payload }] }));
  return { type: "template", template: { name: template.name, language: { code: template.language }, ...(components.length ? { components } : {}) } };
}
