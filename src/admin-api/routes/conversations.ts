// Human handoff: the reception sees which chats wait for a person and hands
// them back to the bot.
import type { Router } from "express";
import { z } from "zod";
import { toE164 } from "../../bot/phone.js";
import { releaseChat } from "../../bot/release-chat.js";
import type { Clock } from "../../clock.js";
import type { Cipher } from "../../crypto/encryption.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import type { ApiDefinition } from "../registry.js";
import { idParams } from "../schemas.js";
import { findClinic } from "./clinics.js";

const conversationSchema = z
  .object({ chat: z.string(), audience: z.string(), handoffUntil: z.string().nullable(), lastInboundAt: z.string().nullable() })
  .openapi("Conversation");

export function conversationRoutes(api: ApiDefinition, router: Router, db: Database, clock: Clock, cipher: Cipher): void {
  api.route(router, {
    method: "get", path: "/clinics/:clinicId/conversations", summary: "Chats currently handed to a person", tag: "Conversations", roles: ["admin", "reception"],
    params: idParams, query: z.object({ handoff: z.enum(["true", "false"]).default("true") }),
    response: z.object({ conversations: z.array(conversationSchema) }),
  }, async ({ params, query, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const rows = await db.prisma.conversation.findMany({
      where: { clinicId: params.clinicId, ...(query.handoff === "true" ? { handoffUntil: { gt: clock.now() } } : {}) },
      orderBy: { updatedAt: "desc" },
      take: 500,
    });
    return {
      conversations: rows.map((row) => ({
        chat: row.chatKey,
        audience: row.audience,
        handoffUntil: row.handoffUntil?.toISOString() ?? null,
        lastInboundAt: row.lastInboundAt?.toISOString() ?? null,
      })),
    };
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/conversations/:phone/release", summary: "Give a chat back to the bot", tag: "Conversations", roles: ["admin", "reception"],
    params: z.object({ clinicId: z.string(), phone: z.string() }), response: z.object({ released: z.boolean() }),
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const chatKey = toE164(params.phone);
    if (!chatKey) throw new AppError("validation_failed", "not a phone number", { field: "phone" });
    const released = await db.transaction((sql) => releaseChat(sql, cipher, params.clinicId, chatKey, clock.now()));
    if (!released) throw new AppError("not_found", "conversation not found", { field: "phone" });
    return { released: true };
  });
}
