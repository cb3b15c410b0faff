// HTTP contract of the simulator channel (other tools rely on it):
//   POST /simulator/messages            one inbound message -> the bot's replies to it
//   GET  /simulator/chats/:phone/messages  the whole chat, in order
//   GET  /simulator/media/:id           stored media bytes
//   GET  /simulator/clock               {"now": ISO}; POST {"advanceMinutes": N} moves it forward (not in production)
//   GET  /simulator                     a small web page to chat as a patient or a doctor
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { Router, type Request, type Response } from "express";
import { z } from "zod";
import type { Database } from "../db/database.js";
import type { Cipher } from "../crypto/encryption.js";
import { loadMedia } from "../db/media.js";
import { sendMedia } from "./send-media.js";
import { AppError } from "../errors.js";
import type { InputKind } from "../flows/types.js";
import type { ConversationEngine } from "../bot/engine.js";
import type { InboundMessage } from "../bot/messages.js";
import type { OutboxDispatcher } from "../bot/outbox.js";
import { toE164 } from "../bot/phone.js";
import { ingestInbound } from "../bot/inbox.js";
import type { Clock } from "../clock.js";
import { chatHistory, repliesTo, resolveClinic } from "../bot/simulator/queries.js";

const mediaSchema = z.object({
  data: z.string().min(1).max(40_000_000),
  mimetype: z.string().min(3).max(200),
  filename: z.string().max(200).optional(),
});

export const simulatorMessageSchema = z
  .object({
    from: z.string().min(3).max(40),
    // A WhatsApp text may hold 65,536 characters; past MESSAGE_MAX_CHARS the engine answers politely (chat-limits.ts).
    text: z.string().max(65_536).optional(),
    id: z.string().min(1).max(200).optional(),
    clinic: z.string().min(1).max(100).optional(),
    audio: mediaSchema.optional(),
    document: mediaSchema.optional(),
    image: mediaSchema.optional(),
  })
  .refine((body) => [body.text, body.audio, body.document, body.image].filter((v) => v !== undefined).length === 1, {
    message: "send exactly one of text, audio, document, image",
    path: ["text"],
  });

export interface SimulatorDeps {
  db: Database;
  /** Seals what the simulator stores and opens what it shows. */
  cipher: Cipher;
  engine: ConversationEngine;
  outbox: OutboxDispatcher;
  clock: Clock;
  timeTravel?: TimeTravel;
}

/** Moves the service's clock forward by whole minutes and runs what is due then; answers the new now. */
export interface TimeTravel {
  advance(minutes: number): Promise<Date>;
}

// At most 60 days at a time: enough to reach any reminder, small enough to stay a date.
const clockSchema = z.object({ advanceMinutes: z.number().int().min(1).max(60 * 24 * 60) });

const PAGE_PATH = fileURLToPath(new URL("../bot/simulator/page.html", import.meta.url));

export function simulatorRouter(deps: SimulatorDeps): Router {
  const router = Router();
  router.get("/simulator", async (_req, res) => {
    res.type("html").send(await readFile(PAGE_PATH, "utf8"));
  });
  router.post("/simulator/messages", async (req, res) => {
    const body = simulatorMessageSchema.parse(req.body);
    const from = toE164(body.from);
    if (!from) throw new AppError("validation_failed", "from is not a phone number", { field: "from" });
    const clinic = await resolveClinic(deps.db, body.clinic);
    const inbound = toInbound(body, from, clinic.id);
    const ingested = await ingestInbound(deps.db, deps.cipher, inbound, deps.clock.now());
    if (ingested.duplicate) {
      res.json({ messageId: ingested.inboxMessageId, duplicate: true, replies: [] });
      return;
    }
    // The replies are committed with the turn; the outbox delivers them on
    // its own (the engine wakes it), so this answer does not wait for other chats.
    await deps.engine.drainChat(clinic.id, from);
    const { status, replies } = await repliesTo(deps.db, deps.cipher, ingested.inboxMessageId);
    res.json({ messageId: ingested.inboxMessageId, duplicate: false, status, replies });
  });
  router.get("/simulator/chats/:phone/messages", async (req: Request<{ phone: string }>, res) => {
    const phone = toE164(req.params.phone);
    if (!phone) throw new AppError("validation_failed", "not a phone number", { field: "phone" });
    const clinic = await resolveClinic(deps.db, typeof req.query.clinic === "string" ? req.query.clinic : undefined);
    res.json({ messages: await chatHistory(deps.db, deps.cipher, clinic.id, phone) });
  });
  router.get("/simulator/clock", (_req, res) => {
    if (!deps.timeTravel) throw new AppError("not_found", "the clock cannot be moved here");
    res.json({ now: deps.clock.now().toISOString() });
  });
  router.post("/simulator/clock", async (req, res) => {
    if (!deps.timeTravel) throw new AppError("not_found", "the clock cannot be moved here");
    const { advanceMinutes } = clockSchema.parse(req.body);
    res.json({ now: (await deps.timeTravel.advance(advanceMinutes)).toISOString() });
  });
  router.get("/simulator/media/:id", async (req: Request<{ id: string }>, res: Response) => {
    const media = await loadMedia(deps.db.sql, deps.cipher, req.params.id);
    if (!media) throw new AppError("not_found", "media not found");
    sendMedia(res, media);
  });
  return router;
}

function toInbound(body: z.infer<typeof simulatorMessageSchema>, from: string, clinicId: string): InboundMessage {
  const [kind, media] = pickMedia(body);
  return {
    clinicId,
    chatKey: from,
    senderPhone: from,
    providerMessageId: body.id ?? `sim-${randomUUID()}`,
    kind,
    text: body.text,
    media: media ? { data: Buffer.from(media.data, "base64"), mimetype: media.mimetype, filename: media.filename } : undefined,
  };
}

function pickMedia(body: z.infer<typeof simulatorMessageSchema>): [InputKind, z.infer<typeof mediaSchema> | undefined] {
  if (body.audio) return ["audio", body.audio];
  if (body.document) return ["document", body.document];
  if (body.image) return ["image", body.image];
  return ["text", undefined];
}
