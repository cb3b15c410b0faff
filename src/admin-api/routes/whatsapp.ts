// The clinic's WhatsApp session: status and QR, pairing code, logout.
// The Baileys session lives on whichever instance holds its lease, so these
// routes read and write the WhatsAppSession row; the owner carries out the
// commands within a few seconds (see src/bot/channels/baileys/manager.ts).
import type { Router } from "express";
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { Database } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { toE164 } from "../../bot/phone.js";
import type { ApiDefinition } from "../registry.js";
import { idParams } from "../schemas.js";
import { findClinic } from "./clinics.js";
import { deleteWhatsAppAuthKeys } from "../admin-records-statements.js";

export interface WhatsAppRouteDeps {
  db: Database;
  clock: Clock;
  /** WHATSAPP_CHANNEL; pairing only exists for "baileys". */
  channel?: string;
  /** How long POST pairing-code waits for the owner's answer. */
  pairingWaitMs?: number;
}

const statusSchema = z.enum(["disconnected", "connecting", "qr", "connected", "logged_out"]);

const sessionSchema = z.object({
  channel: z.string(),
  status: statusSchema,
  phone: z.string().nullable(),
  qr: z.string().nullable().openapi({ description: "The QR payload as text (render it, or use qrDataUrl)" }),
  qrDataUrl: z.string().nullable().openapi({ description: "The QR as a PNG data URL" }),
  pairingCode: z.string().nullable(),
  lastError: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  ownerInstanceId: z.string().nullable(),
  leaseUntil: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
});

type SessionRow = Awaited<ReturnType<Database["prisma"]["whatsAppSession"]["findUnique"]>>;

// qrcode loads on the first QR shown, not at start: most instances never pair through this route.
async function qrDataUrl(qr: string): Promise<string> {
  const { default: QRCode } = await import("qrcode");
  return QRCode.toDataURL(qr, { margin: 1, width: 320 });
}

async function view(row: SessionRow, channel: string): Promise<z.infer<typeof sessionSchema>> {
  const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
  return {
    channel,
    status: statusSchema.catch("disconnected").parse(row?.status),
    phone: row?.phone ?? null,
    qr: row?.qr ?? null,
    qrDataUrl: row?.qr ? await qrDataUrl(row.qr) : null,
    pairingCode: row?.pairingCode ?? null,
    lastError: row?.lastError ?? null,
    attempts: row?.attempts ?? 0,
    nextAttemptAt: iso(row?.nextAttemptAt),
    ownerInstanceId: row?.ownerInstanceId ?? null,
    leaseUntil: iso(row?.leaseUntil),
    statusChangedAt: iso(row?.statusChangedAt),
  };
}

export function whatsappRoutes(api: ApiDefinition, router: Router, deps: WhatsAppRouteDeps): void {
  const { db } = deps;
  const channel = deps.channel ?? "simulator";
  const read = (clinicId: string) => db.prisma.whatsAppSession.findUnique({ where: { clinicId } });
  const requireBaileys = () => {
    if (channel !== "baileys") throw new AppError("not_configured", `pairing applies to WHATSAPP_CHANNEL=baileys (this service runs ${channel})`);
  };
  const ensureRow = (clinicId: string, data: Record<string, unknown>) =>
    db.prisma.whatsAppSession.upsert({ where: { clinicId }, create: { clinicId, ...data }, update: data });

  api.route(router, {
    method: "get", path: "/clinics/:clinicId/whatsapp", summary: "WhatsApp session status and QR code", tag: "WhatsApp",
    params: idParams, response: sessionSchema,
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    return view(await read(params.clinicId), channel);
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/whatsapp/connect", summary: "Start (or restart) pairing by QR code", tag: "WhatsApp",
    params: idParams, response: sessionSchema, status: 202,
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    requireBaileys();
    await ensureRow(params.clinicId, { enabled: true, logoutRequested: false });
    return view(await read(params.clinicId), channel);
  });

  api.route(router, {
    method: "post", path: "/clinics/:clinicId/whatsapp/pairing-code", summary: "Ask for a pairing code for the clinic's phone number", tag: "WhatsApp",
    params: idParams, body: z.object({ phone: z.string().min(8).max(30) }),
    response: sessionSchema.extend({ pairingCode: z.string().nullable() }),
  }, async ({ params, body, principal }) => {
    await findClinic(db, principal, params.clinicId);
    requireBaileys();
    const phone = toE164(body.phone);
    if (!phone) throw new AppError("validation_failed", "phone is not a phone number", { field: "phone" });
    await ensureRow(params.clinicId, { enabled: true, logoutRequested: false, pairingPhone: phone, pairingCode: null });
    // The owner instance asks WhatsApp within a tick; wait a little so the code usually comes back in this answer.
    const deadline = Date.now() + (deps.pairingWaitMs ?? 10_000);
    let row = await read(params.clinicId);
    while (!row?.pairingCode && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      row = await read(params.clinicId);
    }
    return view(row, channel);
  });

  api.route(router, {
    method: "delete", path: "/clinics/:clinicId/whatsapp", summary: "Log the clinic's number out (unlinks this device)", tag: "WhatsApp",
    params: idParams, response: sessionSchema, status: 202,
  }, async ({ params, principal }) => {
    await findClinic(db, principal, params.clinicId);
    const row = await read(params.clinicId);
    const held = row?.ownerInstanceId && row.leaseUntil && row.leaseUntil > deps.clock.now();
    if (held) {
      await ensureRow(params.clinicId, { logoutRequested: true, enabled: false });
    } else {
      // No instance holds the session: forget the keys here.
      await db.transaction(async (sql) => {
        await deleteWhatsAppAuthKeys(sql, params.clinicId);
      });
      await ensureRow(params.clinicId, { status: "logged_out", enabled: false, qr: null, phone: null, pairingCode: null, pairingPhone: null, logoutRequested: false, statusChangedAt: deps.clock.now() });
    }
    return view(await read(params.clinicId), channel);
  });

  api.route(router, {
    method: "get", path: "/whatsapp/sessions", summary: "Every WhatsApp session with its status (a metrics view)", tag: "WhatsApp",
    response: z.object({ byStatus: z.record(z.string(), z.number()), sessions: z.array(sessionSchema.extend({ clinicId: z.string() })) }),
  }, async ({ principal }) => {
    const rows = await db.prisma.whatsAppSession.findMany({ where: principal.clinicId ? { clinicId: principal.clinicId } : {}, orderBy: { clinicId: "asc" } });
    const sessions = await Promise.all(rows.map(async (row) => ({ clinicId: row.clinicId, ...(await view(row, channel)) })));
    const byStatus: Record<string, number> = {};
    for (const session of sessions) byStatus[session.status] = (byStatus[session.status] ?? 0) + 1;
    return { byStatus, sessions };
  });
}
