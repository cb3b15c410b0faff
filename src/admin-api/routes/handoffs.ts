// The reception's inbox: chats where a patient asked for a person, the chat
// itself, replies (text or a file) sent through the clinic's channel, closing
// (the bot answers again) and assigning. Writes go through src/bot/handoffs.ts.
import type { Router } from "express";
import { z } from "zod";
import { assignHandoff, closeHandoff, sendStaffReply, type StaffContent } from "../../bot/handoffs.js";
import type { Clock } from "../../clock.js";
import type { Cipher } from "../../crypto/encryption.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { Metrics } from "../../observability/metrics.js";
import { handoffChat, openHandoffs } from "../handoff-views.js";
import type { ApiDefinition } from "../registry.js";
import { findKeyName } from "../admin-statements.js";
import { idParams } from "../schemas.js";
import { findClinic } from "./clinics.js";

/** A file the reception sends (a PDF, a photo of a form): 5 MiB, base64 in JSON. */
export const HANDOFF_MEDIA_MAX_BYTES = 5 * 1024 * 1024;
const MEDIA_TYPES = ["application/pdf", "image/jpeg", "image/png", "image/webp"] as const;

export interface HandoffRouteDeps {
  db: Database;
  clock: Clock;
  cipher: Cipher;
  /** HANDOFF_MINUTES: how long the bot stays silent after a person from the clinic writes. */
  handoffMinutes: number;
  metrics?: Metrics;
  /** Sends what was queued now instead of at the outbox's next pass. */
  onOutbox?: () => void;
}

const handoffSchema = z.object({
  id: z.string(),
  phone: z.string(),
  patientName: z.string().nullable(),
  reason: z.string(),
  since: z.string(),
  waitingMinutes: z.number().int(),
  assignedTo: z.string().nullable(),
  firstStaffReplyAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  lastMessages: z.array(z.string()),
}).openapi("Handoff");

const handoffMessageSchema = z.object({
  id: z.string(),
  direction: z.enum(["in", "out"]),
  type: z.string(),
  text: z.string().nullable(),
  filename: z.string().nullable(),
  caption: z.string().nullable(),
  status: z.string().nullable(),
  /** The clinic person who wrote it; null for the bot and for the patient. */
  staffName: z.string().nullable(),
  at: z.string(),
}).openapi("HandoffMessage");

const handoffParams = z.object({ clinicId: z.string().min(1), handoffId: z.string().min(1) });

const replyInput = z.union([
  z.object({ text: z.string().trim().min(1).max(4096) }).strict(),
  z.object({
    media: z.object({
      data: z.base64().max(Math.ceil(HANDOFF_MEDIA_MAX_BYTES / 3) * 4, "the file is larger than 5 MiB"),
      mimetype: z.enum(MEDIA_TYPES),
      filename: z.string().trim().min(1).max(120).regex(/^[^/\\]+$/, "a file name, without folders"),
      caption: z.string().trim().max(1024).optional(),
    }),
  }).strict(),
]).openapi("HandoffReplyInput");

export function handoffRoutes(api: ApiDefinition, router: Router, deps: HandoffRouteDeps): void {
  const { db, clock, cipher } = deps;
  const roles = ["admin", "reception"] as const;

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/handoffs", summary: "Chats waiting for a person, the longest waiting first", tag: "Handoffs", roles, healthData: true,
    params: idParams, response: z.object({ handoffs: z.array(handoffSchema) }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    return { handoffs: await openHandoffs(db, cipher, params.clinicId, clock.now()) };
  });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/handoffs/:handoffId", summary: "A handoff and its chat, in order", tag: "Handoffs", roles, healthData: true,
    params: handoffParams, response: z.object({ handoff: handoffSchema, messages: z.array(handoffMessageSchema) }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    return handoffChat(db, cipher, params.clinicId, params.handoffId, clock.now());
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/handoffs/:handoffId/messages", summary: "Reply in the chat as the clinic (a text or a file)", tag: "Handoffs", roles, healthData: true,
    params: handoffParams, body: replyInput, status: 201, bodyLimitBytes: Math.ceil(HANDOFF_MEDIA_MAX_BYTES / 3) * 4 + 64 * 1024,
    response: z.object({ id: z.string(), queued: z.boolean() }),
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const staff = { keyId: principal.keyId, name: await keyName(db, principal.keyId) };
    const reply = await sendStaffReply(db, cipher, {
      clinicId: params.clinicId, handoffId: params.handoffId, staff, content: staffContent(body), now: clock.now(), pauseMinutes: deps.handoffMinutes,
    });
    if (reply.firstReplyAfterSeconds !== undefined) deps.metrics?.handoffFirstReply.observe(reply.firstReplyAfterSeconds);
    deps.onOutbox?.();
    return { id: reply.outboxMessageId, queued: true };
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/handoffs/:handoffId/close", summary: "Close the handoff: the bot answers the chat again", tag: "Handoffs", roles, healthData: true,
    params: handoffParams, response: z.object({ closed: z.boolean() }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await closeHandoff(db, cipher, { clinicId: params.clinicId, handoffId: params.handoffId, by: await keyName(db, principal.keyId), now: clock.now() });
    return { closed: true };
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/handoffs/:handoffId/assign", summary: "Say who from the reception takes the chat", tag: "Handoffs", roles, healthData: true,
    params: handoffParams, body: z.object({ to: z.string().trim().min(1).max(80) }).openapi("HandoffAssignInput"),
    response: z.object({ assignedTo: z.string() }),
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    await assignHandoff(db, { clinicId: params.clinicId, handoffId: params.handoffId, to: body.to });
    return { assignedTo: body.to };
  });
}

function staffContent(body: z.infer<typeof replyInput>): StaffContent {
  if ("text" in body) return { text: body.text };
  const data = Buffer.from(body.media.data, "base64");
  if (data.length === 0) throw new AppError("validation_failed", "the file is empty", { field: "media.data" });
  if (data.length > HANDOFF_MEDIA_MAX_BYTES) throw new AppError("payload_too_large", "the file is larger than 5 MiB", { field: "media.data" });
  return { media: { data, mimetype: body.media.mimetype, filename: body.media.filename, caption: body.media.caption } };
}

async function keyName(db: Database, keyId: string): Promise<string> {
  return (await findKeyName(db.sql, keyId)) ?? "recepção";
}
