// The admin API of a clinic's Cloud API number: its settings (secrets sealed,
// never shown again), its message templates, and what became of the messages
// sent to a chat (status and reason: outside the window, undeliverable, held).
import type { Router } from "express";
import { z } from "zod";
import type { ApiDefinition } from "../registry.js";
import { idParams } from "../schemas.js";
import { findClinic } from "./clinics.js";
import type { Clock } from "../../clock.js";
import type { Cipher } from "../../crypto/encryption.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { toE164, withoutNinthDigit } from "../../bot/phone.js";
import { clinicTemplates, parameterCount, quickReplySchema, TEMPLATE_PURPOSES } from "../../bot/channels/cloud-api/templates.js";

const digits = z.string().regex(/^\d{5,30}$/, "digits only, as Meta shows it");
const settingsInput = z.object({
  phoneNumberId: digits,
  businessAccountId: digits,
  accessToken: z.string().min(20).max(1000),
  appSecret: z.string().min(16).max(200),
  verifyToken: z.string().min(16).max(200),
}).openapi("CloudApiSettingsInput");
const settingsView = z.object({
  configured: z.boolean(),
  phoneNumberId: z.string().nullable(),
  businessAccountId: z.string().nullable(),
  updatedAt: z.string().nullable(),
}).openapi("CloudApiSettings");

const templateInput = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, "lower-case letters, digits and _ (Meta's rule)"),
  language: z.string().regex(/^[a-z]{2}(_[A-Z]{2})?$/).default("pt_BR"),
  category: z.enum(["UTILITY"]).default("UTILITY"),
  body: z.string().min(1).max(1024),
  buttons: z.array(quickReplySchema).max(3).default([]),
}).openapi("WhatsAppTemplateInput");
const templateView = z.object({
  purpose: z.enum(TEMPLATE_PURPOSES), name: z.string(), language: z.string(), category: z.string(), body: z.string(),
  parameters: z.number().int(), buttons: z.array(quickReplySchema),
  lastError: z.object({ code: z.number().int().nullable(), message: z.string(), at: z.string() }).nullable(),
}).openapi("WhatsAppTemplate");

const messageView = z.object({
  id: z.string(), kind: z.string(), status: z.string(), template: z.string().nullable(), reason: z.string().nullable(),
  createdAt: z.string(), sentAt: z.string().nullable(), deliveredAt: z.string().nullable(), readAt: z.string().nullable(),
}).openapi("OutboundMessageStatus");

export function cloudApiRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock, cipher: Cipher): void {
  const base = "/clinics/:clinicId/whatsapp/cloud";
  api.route(router, {
    method: "get", path: base, summary: "The clinic's Cloud API number (no secrets)", tag: "WhatsApp", params: idParams, response: settingsView,
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    return view(await db.prisma.whatsAppCloudAccount.findUnique({ where: { clinicId: params.clinicId } }));
  });

  api.route(router, {
    method: "put", path: base, summary: "Set the clinic's Cloud API number and secrets", tag: "WhatsApp",
    params: idParams, body: settingsInput, response: settingsView, audit: { action: "whatsapp_cloud.set", entityType: "clinic" },
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const taken = await db.prisma.whatsAppCloudAccount.findUnique({ where: { phoneNumberId: body.phoneNumberId } });
    if (taken && taken.clinicId !== params.clinicId) throw new AppError("conflict", "this phone number id belongs to another clinic", { field: "phoneNumberId" });
    const data = {
      phoneNumberId: body.phoneNumberId, businessAccountId: body.businessAccountId, verifyToken: body.verifyToken,
      accessTokenSealed: cipher.encrypt(body.accessToken), appSecretSealed: cipher.encrypt(body.appSecret), updatedAt: clock.now(),
    };
    const row = await db.prisma.whatsAppCloudAccount.upsert({ where: { clinicId: params.clinicId }, create: { clinicId: params.clinicId, ...data }, update: data });
    await clinicTemplates(db, params.clinicId);
    return view(row);
  });

  api.route(router, {
    method: "delete", path: base, summary: "Remove the clinic's Cloud API number and secrets", tag: "WhatsApp",
    params: idParams, response: z.object({ deleted: z.boolean() }), audit: { action: "whatsapp_cloud.delete", entityType: "clinic" },
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const { count } = await db.prisma.whatsAppCloudAccount.deleteMany({ where: { clinicId: params.clinicId } });
    return { deleted: count > 0 };
  });

  templateRoutes(api, router, db, clock, base);
  messageRoutes(api, router, db, base);
}

function templateRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock, base: string): void {
  api.route(router, {
    method: "get", path: `${base}/templates`, summary: "The clinic's message templates, with the last error Meta gave for each", tag: "WhatsApp",
    params: idParams, response: z.object({ templates: z.array(templateView) }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    return { templates: (await clinicTemplates(db, params.clinicId)).map(templateOut) };
  });

  api.route(router, {
    method: "put", path: `${base}/templates/:purpose`, summary: "Change the template a clinic-started message goes as", tag: "WhatsApp",
    params: idParams.extend({ purpose: z.enum(TEMPLATE_PURPOSES) }), body: templateInput, response: templateView,
    audit: { action: "whatsapp_template.set", entityType: "clinic" },
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const current = (await clinicTemplates(db, params.clinicId)).find((t) => t.purpose === params.purpose)!;
    if (parameterCount(body.body) !== parameterCount(current.body)) {
      throw new AppError("validation_failed", `this message fills ${parameterCount(current.body)} parameters ({{1}}...); the body must use as many`, { field: "body" });
    }
    await db.prisma.whatsAppTemplate.update({
      where: { id: current.id },
      data: { ...body, buttons: JSON.stringify(body.buttons), lastErrorCode: null, lastError: null, lastErrorAt: null, updatedAt: clock.now() },
    });
    return templateOut((await clinicTemplates(db, params.clinicId)).find((t) => t.purpose === params.purpose)!);
  });
}

function messageRoutes(api: ApiDefinition, router: Router, db: Database, base: string): void {
  api.route(router, {
    method: "get", path: `${base}/chats/:phone/messages`, summary: "What became of the messages sent to a chat (status, template, reason)", tag: "WhatsApp",
    roles: ["admin", "reception"], params: idParams.extend({ phone: z.string() }), response: z.object({ messages: z.array(messageView) }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const chatKey = toE164(params.phone);
    if (!chatKey) throw new AppError("validation_failed", "not a phone number", { field: "phone" });
    const keys = [chatKey, withoutNinthDigit(chatKey)].filter((key): key is string => Boolean(key));
    const rows = await db.prisma.outboxMessage.findMany({ where: { clinicId: params.clinicId, chatKey: { in: keys } }, orderBy: { seq: "desc" }, take: 200 });
    // A phone this clinic never talked to is not found, like any other record: an empty list would
    // still answer "yes, that path exists" for another clinic's patient.
    if (rows.length === 0 && !(await db.prisma.conversation.findFirst({ where: { clinicId: params.clinicId, chatKey: { in: keys } }, select: { id: true } }))) {
      throw new AppError("not_found", "no chat with this phone");
    }
    const iso = (date: Date | null) => date?.toISOString() ?? null;
    return {
      messages: rows.map((row) => ({
        id: row.id, kind: row.kind, status: row.status, template: row.template, reason: row.lastError,
        createdAt: row.createdAt.toISOString(), sentAt: iso(row.sentAt), deliveredAt: iso(row.deliveredAt), readAt: iso(row.readAt),
      })),
    };
  });
}

type AccountRow = { phoneNumberId: string; businessAccountId: string; updatedAt: Date } | null;

function view(row: AccountRow): z.infer<typeof settingsView> {
  return { configured: Boolean(row), phoneNumberId: row?.phoneNumberId ?? null, businessAccountId: row?.businessAccountId ?? null, updatedAt: row?.updatedAt.toISOString() ?? null };
}

function templateOut(t: Awaited<ReturnType<typeof clinicTemplates>>[number]): z.infer<typeof templateView> {
  return {
    purpose: t.purpose, name: t.name, language: t.language, category: t.category, body: t.body, parameters: parameterCount(t.body), buttons: t.buttons,
    lastError: t.lastError && t.lastErrorAt ? { code: t.lastErrorCode, message: t.lastError, at: t.lastErrorAt.toISOString() } : null,
  };
}
